package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.config.DurationText;
import dev.llmsession.cli.context.ContextExports;
import dev.llmsession.cli.manage.ManageKeys;
import dev.llmsession.cli.monitor.CatalogSource;
import dev.llmsession.cli.monitor.DesktopNotifier;
import dev.llmsession.cli.monitor.HeaderSegment;
import dev.llmsession.cli.monitor.JLineTerminal;
import dev.llmsession.cli.monitor.Monitor;
import dev.llmsession.cli.monitor.Refresher;
import dev.llmsession.cli.monitor.MonitorBinding;
import dev.llmsession.cli.monitor.MonitorData;
import dev.llmsession.cli.monitor.MonitorScreen;
import dev.llmsession.cli.monitor.MonitorState;
import dev.llmsession.cli.monitor.Refresher;
import dev.llmsession.cli.monitor.SnapshotPrinter;
import dev.llmsession.cli.monitor.TeamSource;
import dev.llmsession.cli.render.LimitsLabel;
import dev.llmsession.error.UsageException;
import dev.llmsession.model.Session;
import dev.llmsession.spi.TeamStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llm-session monitor}: the live dashboard, or a snapshot per interval when there is no terminal. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Live dashboard of the running sessions (keys: q quit, r refresh, e export, a attach, l logs, "
                + "K stop, y copy resume command, h help).",
            "Without a terminal (piped, TERM=dumb, CI) it prints one snapshot per interval (NDJSON with --json)."})
public final class MonitorCommand extends BaseCommand {
    static final Duration MIN_INTERVAL = Duration.ofSeconds(2);
    static final Duration MAX_INTERVAL = Duration.ofSeconds(60);

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "Time between refreshes, 2s to 60s (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--once", description = "Print one snapshot and exit.")
    boolean once;

    @Option(names = "--bell", description = "Ring the terminal bell when a session turns warning or critical, "
            + "or starts waiting for permission or an answer (once per wait, whatever its health).")
    boolean bell;

    @Option(names = "--assistant", paramLabel = "ID", description = "Only this assistant's sessions (claude-code).")
    String assistant;

    @Option(names = "--team", description = "Every machine's live sessions from the team database, with MACHINE and "
            + "USER (docs/team.md); the keys that act on this machine's files and processes are off.")
    boolean team;

    private final Provider<CliConfig> config;
    private final TeamAccess teamAccess;
    private final Provider<LlmSessions> unwatched;

    /**
     * @param sessions  the watching library of the local dashboard
     * @param unwatched a library that watches no folder: all the team dashboard needs of one is its health scorer
     */
    @Inject
    MonitorCommand(@LongLived Provider<LlmSessions> sessions, CliEnvironment environment,
            Provider<CliConfig> config, TeamAccess teamAccess, Provider<LlmSessions> unwatched) {
        super(sessions, environment);
        this.config = config;
        this.teamAccess = teamAccess;
        this.unwatched = unwatched;
    }

    @Override
    public Integer call() throws IOException {
        Duration every = interval();
        Optional<String> only = Optional.ofNullable(assistant).filter(a -> !a.isBlank());
        List<HeaderSegment> header = new java.util.ArrayList<>(HeaderSegment.defaults(ZoneId.systemDefault()));
        if (team) {
            // The team database stays open for the whole run; the plan limits and keys are this machine's, not shown.
            try (TeamStore store = teamAccess.open()) {
                return run(new TeamSource(store, unwatched.get().health(), environment().clock(), only), header,
                        port -> List.of(), every, Refresher.Changes.NONE);
            }
        }
        // One library for the whole run: its index makes every refresh after the first read only what changed.
        LlmSessions lib = sessions();
        CatalogSource source = new CatalogSource(lib, environment().clock(), only);
        // the official plan limits before our own block estimate (a narrow screen drops the last segment first)
        header.add(header.size() - 1, (d, t) -> lib.planLimits(d.takenAt())
                .map(l -> LimitsLabel.of(l, d.takenAt(), ZoneId.systemDefault())));
        Path exports = ContextExports.defaultDirectory(environment().env(), environment().userHome(), global.dataDir());
        return run(source, header, port -> {
            List<MonitorBinding> keys = new java.util.ArrayList<>(List.of(exportKey(lib, exports)));
            keys.addAll(ManageKeys.bindings(lib, Optional.ofNullable(environment().get("TMUX")), ManageKeys.self(),
                    Optional.of(port::write), environment().clock()));
            return keys;
        }, every, changes(lib));
    }

    /** A file change redraws within a quarter second where the OS tells of changes; elsewhere each interval does. */
    private static Refresher.Changes changes(LlmSessions lib) {
        return lib.refreshStats().watchMode().equals("events") ? lib::awaitChange : Refresher.Changes.NONE;
    }

    /** Snapshots without a terminal, else the full-screen dashboard with the {@code keys} made for its terminal. */
    private int run(Refresher.Source source, List<HeaderSegment> header,
            Function<JLineTerminal, List<MonitorBinding>> keys, Duration every, Refresher.Changes changes)
            throws IOException {
        if (once || global.json() || !fullScreen()) {
            return snapshots(source, header, every);
        }
        MonitorScreen screen = new MonitorScreen(header, global.color(environment()), global.ascii(), every);
        JLineTerminal port = new JLineTerminal();
        MonitorState state = new MonitorState(MonitorData.empty(environment().clock().instant()), keys.apply(port));
        // The first refresh before the screen opens: a bad --assistant is one line and exit 2 rather than a
        // status line on a dashboard, and a first full index shows its progress bar on the normal screen.
        state.accept(source.fetch(Optional.empty()));
        Consumer<Session> alert = s -> { };
        if (Boolean.parseBoolean(config.get().settings().getOrDefault("alerts.desktop", "false"))) {
            alert = DesktopNotifier.find(environment().env()).<Consumer<Session>>map(n -> n).orElse(alert);
        }
        return new Monitor(port, screen, state, source, every, bell, alert, changes).run();
    }

    /**
     * The {@code e} key: exports the selected session (redacted JSON pack, owner-only, never overwriting) into
     * {@code directory} and says where. It runs on the refresher's thread; a failure becomes the status line.
     */
    public static MonitorBinding exportKey(LlmSessions lib, Path directory) {
        return new MonitorBinding('e', "export", s -> "exported to " + ContextExports.exportTo(lib, s, directory));
    }

    /** A terminal is attached, and it is neither dumb nor a CI runner's. */
    private boolean fullScreen() {
        return environment().console() && !"dumb".equals(environment().get("TERM"))
                && environment().get("CI") == null;
    }

    private int snapshots(Refresher.Source source, List<HeaderSegment> header, Duration every) {
        SnapshotPrinter printer = new SnapshotPrinter(out(), terminal(), header, global.json());
        while (true) {
            printer.print(source.fetch(Optional.empty()));
            if (once || printer.closed()) {
                return 0;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    private Duration interval() {
        Duration d;
        try {
            d = DurationText.parse(interval);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--interval: '" + interval + "' is not a duration (write 2s to 60s)");
        }
        if (d.compareTo(MIN_INTERVAL) < 0 || d.compareTo(MAX_INTERVAL) > 0) {
            throw new UsageException("--interval must be between 2s and 60s, got " + interval);
        }
        return d;
    }
}
