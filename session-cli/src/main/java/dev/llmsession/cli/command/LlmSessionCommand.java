package dev.llmsession.cli.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code llm-session}: the top command; on its own it prints a short overview of the commands, read from the
 * command model so that every subcommand appears, and exits 0.
 */
@Command(name = "llm-session", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "ps for AI coding sessions: tokens, cost, context fill, state and health.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failure", "2:usage error (bad flag, unknown or ambiguous id)",
            "3:data error (bad configuration file, invalid context pack)"})
public final class LlmSessionCommand implements Callable<Integer> {
    /**
     * The subcommands by the name their {@code @Command} gives them, in the order the overview and help list them.
     * Spelt out rather than read from the annotations (LlmSessionCommandTest checks that they agree): a run picks its
     * subcommand before anything else, and the first annotation a JVM reads costs it ~25 ms (the annotation parser
     * and a proxy class), which then came before the injector could be started.
     */
    static final Map<String, Class<?>> BY_NAME = byName("list", ListCommand.class, "health", HealthCommand.class,
            "history", HistoryCommand.class, "providers", ProvidersCommand.class, "doctor", DoctorCommand.class,
            "monitor", MonitorCommand.class, "usage", UsageCommand.class, "tokens", TokensCommand.class,
            "export", ExportCommand.class, "import-context", ImportContextCommand.class,
            "statusline", StatusLineCommand.class, "integrate", IntegrateCommand.class, "wait", WaitCommand.class,
            "logs", LogsCommand.class, "attach", AttachCommand.class, "stop", StopCommand.class,
            "resume", ResumeCommand.class, "team", TeamCommand.class, "config", ConfigCommand.class,
            "completion", CompletionCommand.class, "daemon", DaemonCommand.class);

    /** The subcommands, in the order the overview and help list them. */
    static final List<Class<?>> SUBCOMMANDS = List.copyOf(BY_NAME.values());

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    private final CliEnvironment environment;

    /** Made by the command factory itself, without the injector (see {@code GuiceFactory}). */
    public LlmSessionCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        dev.llmsession.cli.render.Terminal t = global.terminal(environment);
        overview(spec, t.width()).forEach(line -> out.println(t.sanitize(line)));
        out.flush();
        return 0;
    }

    /**
     * The command line that runs {@code args}: the top command with the one subcommand {@code command} names, or
     * with all of them when it names none of them (a bare run, {@code --help}, a typo picocli then explains) or
     * {@code completion}, which describes them all. picocli builds every subcommand it is given and the factory
     * creates each one's object: for a short command in the engine that was about half of its work.
     */
    public static CommandLine commandLine(CommandLine.IFactory factory, List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(LlmSessionCommand.class, factory);
        for (Class<?> c : subcommands) {
            cli.addSubcommand(new CommandLine(c, factory));
        }
        return cli;
    }

    /**
     * The subcommands a command line gets: the one {@code command} names, or all of them when it names none of them
     * or {@code completion} (see {@link #commandLine}).
     */
    public static List<Class<?>> subcommands(Optional<String> command) {
        String name = command.orElse("");
        Class<?> named = name.equals("completion") ? null : BY_NAME.get(name);
        return named != null ? List.of(named) : SUBCOMMANDS;
    }

    private static Map<String, Class<?>> byName(Object... nameThenClass) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            out.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * The subcommands the command line {@code args} gets: none when it only asks for the version (which needs no
     * command model beyond the top one), else those of {@link #subcommands(Optional)}.
     */
    public static List<Class<?>> subcommands(List<String> args) {
        Optional<String> command = dev.llmsession.cli.engine.Locality.command(args);
        int end = args.indexOf("--");
        List<String> options = end < 0 ? args : args.subList(0, end);
        if (command.isEmpty() && (options.contains("--version") || options.contains("-V"))) {
            return List.of();
        }
        return subcommands(command);
    }

    /** What a bare {@code llm-session} prints: what it is, the commands with their first line, where to go next. */
    static java.util.List<String> overview(CommandSpec root, int columns) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(root.usageMessage().description()[0]);
        lines.add("");
        lines.add("Commands:");
        java.util.List<CommandSpec> commands = root.subcommands().values().stream().distinct()
                .map(picocli.CommandLine::getCommandSpec).filter(c -> !c.usageMessage().hidden()).toList();
        int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (CommandSpec c : commands) {
            String[] description = c.usageMessage().description();
            String first = description.length == 0 ? "" : description[0];
            int stop = first.indexOf(". ");
            lines.add(dev.llmsession.cli.render.TextWidth.truncate("  " + c.name() + " ".repeat(width - c.name().length()
                    + 2) + (stop > 0 ? first.substring(0, stop + 1) : first), columns, "…"));
        }
        lines.add("");
        lines.add("Start with `" + root.name() + " list` (running sessions) or `" + root.name() + " monitor`.");
        lines.add("`" + root.name() + " COMMAND --help` shows a command's options,");
        lines.add("`" + root.name() + " --help` the global ones and the exit codes.");
        return lines;
    }
}
