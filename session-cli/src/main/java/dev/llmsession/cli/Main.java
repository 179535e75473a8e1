package dev.llmsession.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.llmsession.cli.command.CliEnvironment;
import dev.llmsession.cli.command.Failures;
import dev.llmsession.cli.command.GlobalOptions;
import dev.llmsession.cli.command.LlmSessionCommand;
import dev.llmsession.cli.inject.CliModule;
import dev.llmsession.cli.inject.GuiceFactory;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** The {@code llm-session} executable. */
public final class Main {
    /** slf4j-simple's level for our own loggers; third-party ones (OSHI's /proc reads) keep the default, warn. */
    private static final String OWN_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.llmsession";

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(CliEnvironment.system(Main.class.getClassLoader()), out, err, args));
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
        long started = System.nanoTime();
        if (verbose(args)) {
            // Before anything logs: slf4j-simple reads its levels once, at the first logger.
            System.setProperty(OWN_LOG_LEVEL, "debug");
        }
        GlobalOptions global = new GlobalOptions();
        Failures failures = new Failures(global);
        CliModule module = new CliModule(environment, global, err);
        try {
            Injector injector = Guice.createInjector(module);
            CommandLine cli = new CommandLine(LlmSessionCommand.class, new GuiceFactory(injector));
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
