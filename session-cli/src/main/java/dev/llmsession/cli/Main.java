package dev.llmsession.cli;

import dev.llmsession.cli.client.EngineClient;
import dev.llmsession.cli.command.CliEnvironment;
import dev.llmsession.cli.command.Failures;
import dev.llmsession.cli.command.GlobalOptions;
import dev.llmsession.cli.command.LlmSessionCommand;
import dev.llmsession.cli.engine.AutoStart;
import dev.llmsession.cli.engine.CommandRunner;
import dev.llmsession.cli.engine.Locality;
import dev.llmsession.cli.engine.SharedSessions;
import dev.llmsession.cli.inject.CliModule;
import dev.llmsession.cli.inject.GuiceFactory;
import dev.llmsession.spi.ProviderContext;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/** The {@code llm-session} executable. */
public final class Main {
    /** slf4j-simple's level for our own loggers; third-party ones (OSHI's /proc reads) keep the default, warn. */
    private static final String OWN_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.llmsession";
    /** The commands that always build the library over the store: the listings and reports. */
    private static final Set<String> STORE_COMMANDS = Set.of("list", "health", "history", "usage", "monitor");

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        CliEnvironment environment = CliEnvironment.system(Main.class.getClassLoader());
        logLevel(args); // before the warm-up's thread makes the first logger
        warmUp(environment, args);
        int code = run(environment, out, err, args);
        if (Boolean.getBoolean(EngineClient.AUTOSTART_PROPERTY)) {
            // The launcher's client found no engine for this world: start one for the next command.
            AutoStart.afterRun(environment.env(), environment.userHome(), args, err);
        }
        System.exit(code);
    }

    /**
     * For a command that opens the store, the store's driver is warmed up on a thread of its own while the command
     * line is parsed and the command built (~130 ms of an idle `list`): the store's first statement was otherwise
     * most of the time between building the library and its first refresh. The same thread then asks the
     * terminal's width, which a table needs (JLine's native library, 20-40 ms of the main thread before). Only a
     * run of its own: the engine keeps its store open and is told the client's width.
     */
    private static void warmUp(CliEnvironment environment, String... args) {
        if (!opensStore(List.of(args))) {
            return;
        }
        ProviderContext context = new ProviderContext(environment.userHome(), environment.env(), environment.clock(),
                Map.of());
        boolean table = !List.of(args).contains("--json");
        Thread warmUp = new Thread(() -> {
            environment.providers().warmUpStores(context);
            if (table) {
                environment.width(0);
            }
        }, "llm-session-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Whether {@code args} runs a command that lists or reports over the store whatever else it says (not its help,
     * nor the version).
     */
    static boolean opensStore(List<String> args) {
        int end = args.indexOf("--");
        List<String> options = end < 0 ? args : args.subList(0, end);
        if (options.contains("--help") || options.contains("-h") || options.contains("--version")
                || options.contains("-V")) {
            return false;
        }
        return Locality.command(args).filter(STORE_COMMANDS::contains).isPresent();
    }

    /** Runs with {@code env} as the environment, the real home and clock, and the class path's providers. */
    static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        return run(CliEnvironment.of(env, Main.class.getClassLoader()), out, err, args);
    }

    /**
     * Runs one command line and returns its exit code; never throws, never exits. The test seam: the
     * environment carries the variables, home, clock, console flag and the providers to use.
     */
    static int run(CliEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
        return run(environment, Optional.empty(), out, err, args);
    }

    /**
     * Runs one command line with the library of {@code shared} when given (the engine's, which the run does not
     * close); everything else as in a run of its own.
     */
    public static int run(CliEnvironment environment, Optional<SharedSessions> shared, PrintWriter out,
            PrintWriter err, String... args) {
        long started = System.nanoTime();
        logLevel(args);
        GlobalOptions global = new GlobalOptions();
        Failures failures = new Failures(global);
        // What `daemon run` serves a client's command line with: this method, with the client's environment and
        // this run's clock and providers.
        CommandRunner runner = (request, sessions, o, e) -> run(new CliEnvironment(request.env(), request.userHome(),
                environment.clock(), request.console(), environment.providers(), () -> 0, request::stdin),
                Optional.of(sessions), o, e, request.args().toArray(String[]::new));
        List<Class<?>> subcommands = LlmSessionCommand.subcommands(List.of(args));
        CliModule module = new CliModule(environment, global, err, shared, runner, subcommands);
        try {
            GuiceFactory factory = new GuiceFactory(module);
            if (shared.isEmpty() && !subcommands.isEmpty()) {
                factory.createAhead(); // a run of its own: in a fresh JVM, beside picocli's models
            }
            CommandLine cli = LlmSessionCommand.commandLine(factory, subcommands);
            boolean ansi = environment.console() && environment.get("NO_COLOR") == null && !noColor(args);
            cli.setOut(out)
                    .setErr(err)
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setColorScheme(CommandLine.Help.defaultColorScheme(
                            ansi ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF))
                    .setParameterExceptionHandler(failures)
                    .setExecutionExceptionHandler(failures);
            int code = cli.execute(args);
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("exit {} after {} ms", code,
                    (System.nanoTime() - started) / 1_000_000);
            return code;
        } catch (RuntimeException | LinkageError e) {
            return failures.report(e, err);
        } catch (OutOfMemoryError e) {
            err.println("llm-session: out of memory; give the JVM more with LLM_SESSION_JAVA_OPTS=-Xmx1g");
            return 1;
        } finally {
            module.close();
            out.flush();
            err.flush();
        }
    }

    /** Our loggers' level for {@code --verbose}; before anything logs: slf4j-simple reads levels at the first logger. */
    private static void logLevel(String... args) {
        if (verbose(args)) {
            System.setProperty(OWN_LOG_LEVEL, "debug");
        }
    }

    private static boolean verbose(String... args) {
        return flag("--verbose", args);
    }

    private static boolean noColor(String... args) {
        return flag("--no-color", args);
    }

    private static boolean flag(String name, String... args) {
        for (String a : args) {
            if ("--".equals(a)) {
                return false;
            }
            if (name.equals(a)) {
                return true;
            }
        }
        return false;
    }
}
