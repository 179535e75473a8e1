package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.config.DurationText;
import dev.llmsession.cli.context.ContextExports;
import dev.llmsession.cli.manage.ManageKeys;
import dev.llmsession.cli.client.EngineAddress;
import dev.llmsession.cli.client.EngineClient;
import dev.llmsession.cli.engine.MonitorFeed;
import dev.llmsession.cli.engine.SharedSessions;
import dev.llmsession.cli.monitor.CatalogSource;
import dev.llmsession.cli.monitor.EngineFeed;
import dev.llmsession.cli.monitor.EngineUpdates;
import dev.llmsession.cli.monitor.DesktopNotifier;
import dev.llmsession.cli.monitor.HeaderSegment;
import dev.llmsession.cli.monitor.JLineTerminal;
import dev.llmsession.cli.monitor.Monitor;
import dev.llmsession.cli.monitor.MonitorBinding;
import dev.llmsession.cli.monitor.MonitorData;
import dev.llmsession.cli.monitor.MonitorScreen;
import dev.llmsession.cli.monitor.MonitorState;
import dev.llmsession.cli.monitor.Refresher;
import dev.llmsession.cli.monitor.SnapshotPrinter;
import dev.llmsession.cli.monitor.TeamSource;
import dev.llmsession.cli.monitor.Updates;
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
import java.util.function.Supplier;
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
    private final Optional<SharedSessions> shared;
    private CatalogSource catalogSource;

    /**
     * @param sessions  the watching library of the local dashboard
     * @param unwatched a library that watches no folder: all the team dashboard needs of one is its health scorer
     * @param shared    in the engine, its libraries, with the subscribed monitor this run feeds
     */
    @Inject
    MonitorCommand(@LongLived Provider<LlmSessions> sessions, CliEnvironment environment,
            Provider<CliConfig> config, TeamAccess teamAccess, Provider<LlmSessions> unwatched,
            Optional<SharedSessions> shared) {
        super(sessions, environment);
        this.config = config;
        this.teamAccess = teamAccess;
        this.unwatched = unwatched;
        this.shared = shared;
    }

    @Override
    public Integer call() throws IOException {
        Duration every = interval();
        Optional<String> only = Optional.ofNullable(assistant).filter(a -> !a.isBlank());
        Optional<MonitorFeed> subscriber = shared.flatMap(SharedSessions::monitorFeed);
        if (subscriber.isPresent()) {
            return feed(subscriber.get(), every, only);
        }
        List<HeaderSegment> header = new java.util.ArrayList<>(HeaderSegment.defaults(ZoneId.systemDefault()));
        // the official plan limits before our own block estimate (a narrow screen drops the last segment first)
        header.add(header.size() - 1, (d, t) -> d.limits()
                .map(l -> LimitsLabel.of(l, d.takenAt(), ZoneId.systemDefault())));
        Optional<EngineFeed> engine = subscribe();
        if (team) {
            // The team database stays open for the whole run (the engine's, when it feeds this monitor); the plan
            // limits and keys are this machine's, not shown.
            try (TeamRefresh local = new TeamRefresh(only)) {
                return run(engine, local, () -> Refresher.Changes.NONE, header, port -> List.of(), every);
            }
        }
        // One library for the whole run when this process refreshes: its index makes every refresh after the first
        // read only what changed. Fed by the engine, it is built only for a key that acts here, or when the engine
        // goes away.
        Refresher.Source local = trend -> catalog(only).fetch(trend);
        Path exports = ContextExports.defaultDirectory(environment().env(), environment().userHome(), global.dataDir());
        return run(engine, local, () -> changes(sessions()), header, port -> {
            List<MonitorBinding> keys = new java.util.ArrayList<>(List.of(exportKey(this::sessions, exports)));
            keys.addAll(ManageKeys.bindings(this::sessions, Optional.ofNullable(environment().get("TMUX")),
                    ManageKeys.self(), Optional.of(port::write), environment().clock()));
            return keys;
        }, every);
    }

    /** In the engine: the subscribed monitor's refreshes, from the engine's own library (or team database). */
    private int feed(MonitorFeed subscriber, Duration every, Optional<String> only) {
        if (team) {
            try (TeamStore store = teamAccess.open()) {
                subscriber.serve(new TeamSource(store, unwatched.get().health(), environment().clock(), only), every,
                        Optional.empty());
            }
            return 0;
        }
        LlmSessions lib = sessions();
        subscriber.serve(new CatalogSource(lib, environment().clock(), only), every,
                Optional.of(lib).filter(l -> l.refreshStats().watchMode().equals("events")));
        return 0;
    }

    /**
     * The engine's snapshots, when an engine serves this world and the user did not opt out ({@code --no-daemon},
     * {@code LLM_SESSION_NO_DAEMON=1}); empty otherwise: this process refreshes on its own.
     */
    private Optional<EngineFeed> subscribe() {
        String[] args = spec.root().commandLine().getParseResult().originalArgs().toArray(String[]::new);
        if (EngineClient.noDaemon(environment().env(), args)) {
            return Optional.empty();
        }
        Path cwd = Path.of("").toAbsolutePath();
        return EngineFeed.open(EngineAddress.of(environment().env(), cwd, List.of(args)), environment().env(), cwd,
                args, out(), err());
    }

    /** This process's refresh of the running sessions, on its own library (built at the first call). */
    private synchronized CatalogSource catalog(Optional<String> only) {
        if (catalogSource == null) {
            catalogSource = new CatalogSource(sessions(), environment().clock(), only);
        }
        return catalogSource;
    }

    /** This process's refresh of the team database, opened at the first call and closed with the run. */
    private final class TeamRefresh implements Refresher.Source, AutoCloseable {
        private final Optional<String> only;
        private TeamStore store;
        private TeamSource source;

        TeamRefresh(Optional<String> only) {
            this.only = only;
        }

        @Override
        public synchronized MonitorData fetch(Optional<dev.llmsession.model.SessionId> trendFor) {
            if (source == null) {
                store = teamAccess.open();
                source = new TeamSource(store, unwatched.get().health(), environment().clock(), only);
            }
            return source.fetch(trendFor);
        }

        @Override
        public synchronized void close() {
            if (store != null) {
                store.close();
            }
        }
    }

    /** A file change redraws within a quarter second where the OS tells of changes; elsewhere each interval does. */
    private static Refresher.Changes changes(LlmSessions lib) {
        return lib.refreshStats().watchMode().equals("events") ? lib::awaitChange : Refresher.Changes.NONE;
    }

    /**
     * Snapshots without a terminal, else the full-screen dashboard with the {@code keys} made for its terminal; fed
     * by the {@code engine} when one subscribed, else (and once it goes away) by {@code local} refreshes.
     */
    private int run(Optional<EngineFeed> engine, Refresher.Source local, Supplier<Refresher.Changes> changes,
            List<HeaderSegment> header, Function<JLineTerminal, List<MonitorBinding>> keys, Duration every)
            throws IOException {
        try {
            if (once || global.json() || !fullScreen()) {
                return snapshots(engine, local, header, every);
            }
            // The first refresh before the screen opens: a bad --assistant is one line and exit 2 rather than a
            // status line on a dashboard, and a first full index shows its progress bar on the normal screen.
            MonitorData first = null;
            Updates.Factory updates = null;
            if (engine.isPresent()) {
                EngineFeed.Received r = engine.get().next();
                if (r instanceof EngineFeed.Received.Exit exit) {
                    return exit.code();
                }
                if (r instanceof EngineFeed.Received.Snapshot s) {
                    first = s.data();
                    updates = EngineUpdates.of(engine.get(), (trend, data, status) ->
                            Monitor.refreshing(local, every, changes.get()).open(trend, data, status));
                } else {
                    fellBack(((EngineFeed.Received.Lost) r).why());
                }
            }
            if (first == null) {
                first = local.fetch(Optional.empty());
                updates = Monitor.refreshing(local, every, changes.get());
            }
            MonitorScreen screen = new MonitorScreen(header, global.color(environment()), global.ascii(), every);
            JLineTerminal port = new JLineTerminal();
            MonitorState state = new MonitorState(MonitorData.empty(environment().clock().instant()),
                    keys.apply(port));
            state.accept(first);
            Consumer<Session> alert = s -> { };
            if (Boolean.parseBoolean(config.get().settings().getOrDefault("alerts.desktop", "false"))) {
                alert = DesktopNotifier.find(environment().env()).<Consumer<Session>>map(n -> n).orElse(alert);
            }
            return new Monitor(port, screen, state, updates, bell, alert).run();
        } finally {
            engine.ifPresent(EngineFeed::close);
        }
    }

    /** The one line that says the engine went away and this process refreshes from now on. */
    private void fellBack(String why) {
        err().println(terminal().sanitize("llm-session: " + why + "; the monitor refreshes in this process"));
        err().flush();
    }

    /**
     * The {@code e} key: exports the selected session (redacted JSON pack, owner-only, never overwriting) into
     * {@code directory} and says where. It runs on the refresher's thread; a failure becomes the status line.
     */
    public static MonitorBinding exportKey(Supplier<LlmSessions> lib, Path directory) {
        return new MonitorBinding('e', "export", s -> "exported to " + ContextExports.exportTo(lib.get(), s,
                directory));
    }

    /** A terminal is attached, and it is neither dumb nor a CI runner's. */
    private boolean fullScreen() {
        return environment().console() && !"dumb".equals(environment().get("TERM"))
                && environment().get("CI") == null;
    }

    private int snapshots(Optional<EngineFeed> engine, Refresher.Source local, List<HeaderSegment> header,
            Duration every) {
        SnapshotPrinter printer = new SnapshotPrinter(out(), terminal(), header, global.json());
        while (engine.isPresent()) {
            EngineFeed.Received r = engine.get().next();
            if (r instanceof EngineFeed.Received.Exit exit) {
                return exit.code();
            }
            if (r instanceof EngineFeed.Received.Lost lost) {
                fellBack(lost.why());
                break;
            }
            printer.print(((EngineFeed.Received.Snapshot) r).data());
            if (once || printer.closed()) {
                return 0;
            }
        }
        while (true) {
            printer.print(local.fetch(Optional.empty()));
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
