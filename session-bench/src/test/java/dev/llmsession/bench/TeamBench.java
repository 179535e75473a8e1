package dev.llmsession.bench;

import dev.llmsession.LlmSessions;
import dev.llmsession.TeamReports;
import dev.llmsession.TeamSync;
import dev.llmsession.api.UsageKind;
import dev.llmsession.api.UsageRequest;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.TeamStore;
import dev.llmsession.spi.TeamStoreProvider;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageLedger;
import dev.llmsession.spi.UsageSlice;
import dev.llmsession.testkit.Await;
import dev.llmsession.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The team database under load, on a throwaway PostgreSQL server on this machine (SPEC §9, issue 18):
 *
 * <ol>
 * <li>MACHINES simulated machines with 10 live sessions each run the real {@link TeamSync} (outbox, ledger file,
 * one transaction per push) every 5 s against the real PostgreSQL store, each on its own connection, for SECONDS.
 * Each tick every live session's figures grow, a sample is taken and the session's current 15-minute usage slice
 * grows: what a busy machine's local store holds. Reported: push wall time per sync (median, p99, max), how late
 * syncs started against their schedule (backlog), and what was still pending after each sync.</li>
 * <li>ROWS usage slices (default 5 M) spread over 50 machines, 30 projects, 3 models and 180 days are loaded
 * with {@code generate_series}, then the team's daily report ({@link TeamReports#usage}, exactly what
 * {@code usage daily --team} runs after start-up) is timed, and the whole table's calls are checked against
 * the report's total.</li>
 * </ol>
 *
 * <pre>java -cp ... dev.llmsession.bench.TeamBench WORKDIR [MACHINES] [SECONDS] [ROWS]</pre> (MACHINES 0 skips part 1)
 */
public final class TeamBench {
    private static final long TICK_MS = 5000;

    private TeamBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int machines = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        long rows = args.length > 3 ? Long.parseLong(args[3]) : 5_000_000L;
        System.out.println("load before: " + Files.readString(Path.of("/proc/loadavg")).strip() + ", cores: "
                + Runtime.getRuntime().availableProcessors());
        try (PostgresServer server = PostgresServer.start()) {
            server.createDatabase("sync");
            server.createDatabase("reports");
            if (machines > 0) {
                syncLoad(server, work, machines, seconds);
                listTeam(server, work);
            }
            reports(server, rows);
        }
        System.out.println("load after: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static TeamStore open(PostgresServer server, String db, Clock clock) {
        ProviderContext ctx = new ProviderContext(Path.of("/nonexistent"), Map.of(TeamStoreProvider.PASSWORD_ENV,
                PostgresServer.PASSWORD), clock, Map.of(TeamStoreProvider.URL, server.url(db),
                        TeamStoreProvider.MACHINE, "bench", TeamStoreProvider.LOGIN, PostgresServer.SUPERUSER));
        return ServiceLoader.load(TeamStoreProvider.class).findFirst().orElseThrow().create(ctx);
    }

    // ---- 1. sync load -------------------------------------------------------------------------------------

    private static void syncLoad(PostgresServer server, Path work, int machines, int seconds) throws Exception {
        open(server, "sync", Clock.systemUTC()).close(); // migrate once
        LlmSessions health = LlmSessions.builder().build();
        List<SimulatedMachine> fleet = new ArrayList<>();
        for (int m = 0; m < machines; m++) {
            fleet.add(new SimulatedMachine(m, open(server, "sync", Clock.systemUTC()),
                    work.resolve("ledger-" + m), health));
        }
        // {millis, lateMillis, pendingAfter, startedAtMillisSinceStart}
        ConcurrentLinkedQueue<long[]> syncs = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(Math.min(machines, 64));
        long start = System.currentTimeMillis();
        for (SimulatedMachine m : fleet) {
            long offset = TICK_MS * m.index / machines; // machines are not synchronised with each other
            pool.scheduleAtFixedRate(() -> {
                long scheduled = start + offset + ((System.currentTimeMillis() - start - offset + TICK_MS / 2)
                        / TICK_MS) * TICK_MS;
                long late = Math.max(0, System.currentTimeMillis() - scheduled);
                try {
                    long[] sync = m.tick(late);
                    syncs.add(new long[] {sync[0], sync[1], sync[2], System.currentTimeMillis() - start - sync[0]});
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    System.err.println("sync failed: " + e);
                }
            }, offset, TICK_MS, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(seconds * 1000L);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        fleet.forEach(m -> m.team.close());
        List<Long> millis = new ArrayList<>();
        List<Long> late = new ArrayList<>();
        long pendingMax = 0;
        List<Long> pendingLast = new ArrayList<>();
        List<Long> warm = new ArrayList<>(); // after the first 30 s: JIT compiled, every machine's first push done
        for (long[] s : syncs) {
            if (s[3] >= 30_000) {
                warm.add(s[0]);
            }
            millis.add(s[0]);
            late.add(s[1]);
            pendingMax = Math.max(pendingMax, s[2]);
        }
        fleet.forEach(m -> pendingLast.add(m.lastPending));
        Collections.sort(millis);
        Collections.sort(late);
        Collections.sort(warm);
        System.out.printf("sync: %d machines x 10 live sessions every %d s for %d s: %d syncs, %d failed%n",
                machines, TICK_MS / 1000, seconds, millis.size(), failures.get());
        System.out.printf("sync push wall time ms: median %d, p90 %d, p99 %d, max %d%n", pct(millis, 50),
                pct(millis, 90), pct(millis, 99), millis.get(millis.size() - 1));
        if (!warm.isEmpty()) {
            System.out.printf("sync push wall time ms after the first 30 s (%d syncs): median %d, p90 %d, p99 %d, "
                    + "max %d%n", warm.size(), pct(warm, 50), pct(warm, 90), pct(warm, 99), warm.get(warm.size() - 1));
        }
        System.out.printf("sync start delay vs schedule ms (backlog): median %d, p99 %d, max %d%n", pct(late, 50),
                pct(late, 99), late.get(late.size() - 1));
        System.out.printf("rows pending after a sync: max %d; after the last sync of each machine: max %d%n",
                pendingMax, Collections.max(pendingLast));
    }

    // ---- 1b. list --team over the synced fleet plus a month of ended sessions ---------------------------------

    /** Ended sessions added to the synced live ones: 50 machines x ~20 sessions a day x 30 days. */
    private static final int ENDED = 30_000;

    /**
     * {@code list --team} over the live sessions the sync phase left plus {@link #ENDED} ended ones: first in-process
     * ({@link TeamReports#sessions}, what the command runs after start-up), then, when the system property
     * {@code bench.jar} names the packaged CLI, end to end through an engine (the launcher's client class, a temp
     * HOME whose team section points at this database), wall time per command as a user sees it.
     */
    private static void listTeam(PostgresServer server, Path work) throws Exception {
        server.execute("sync", "INSERT INTO team_session SELECT machine, login_user, id || '-' || g, assistant, "
                + "native_id || '-' || g, project, git_branch, model, 'ENDED', started_at - g * interval '86 seconds', "
                + "last_activity_at - g * interval '86 seconds', input, output, cache_write, cache_read, api_calls, "
                + "sub_input, sub_output, sub_cache_write, sub_cache_read, sub_api_calls, token_source, "
                + "context_tokens, context_window, window_assumed, auto_compact_at, context_source, cost_usd, "
                + "unpriced_models, price_table_date, errors_api, errors_tool, errors_interrupts, error_times, "
                + "health_score, health_level, recorded_at FROM team_session "
                + "CROSS JOIN generate_series(1, " + ENDED + " / (SELECT count(*) FROM team_session)) AS g",
                "ANALYZE team_session");
        String live = "UPDATE team_session SET recorded_at = now() WHERE state <> 'ENDED'"; // live, not stale
        LlmSessions lib = LlmSessions.builder().build();
        List<Long> inProcess = new ArrayList<>();
        int shown = 0;
        try (TeamStore store = open(server, "sync", Clock.systemUTC())) {
            for (int i = 0; i < 7; i++) {
                server.execute("sync", live);
                long t0 = System.nanoTime();
                shown = new TeamReports(store, lib.health(), Clock.systemUTC()).sessions(TeamStore.Query.ALL, false)
                        .size();
                inProcess.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        inProcess.remove(0); // the first run warms the JIT and the connection
        Collections.sort(inProcess);
        System.out.printf("list --team in-process (TeamReports.sessions), %d live of %d+ rows: median %d ms, max %d ms"
                + "%n", shown, ENDED, pct(inProcess, 50), inProcess.get(inProcess.size() - 1));
        // what each list --team command does first: open the team database (connect, SCRAM login, schema check)
        List<Long> opens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            open(server, "sync", Clock.systemUTC()).close();
            opens.add((System.nanoTime() - t0) / 1_000_000);
        }
        opens.remove(0);
        Collections.sort(opens);
        System.out.printf("opening the team database (connect, login, schema check): median %d ms, max %d ms%n",
                pct(opens, 50), opens.get(opens.size() - 1));
        String jar = System.getProperty("bench.jar");
        if (jar == null) {
            System.out.println("list --team through an engine: skipped (no -Dbench.jar)");
            return;
        }
        Path home = Files.createDirectories(work.resolve("list-home"));
        Path config = Files.createDirectories(home.resolve(".config/llm-session")).resolve("config.yaml");
        Files.writeString(config, "team:\n  url: " + server.url("sync") + "\n  machine: bench\n  user: bench\n"
                + "  login: " + PostgresServer.SUPERUSER + "\n");
        // The engine as `daemon start` spawns it (same heap options), in the foreground with --verbose, so that it
        // logs each command's own time ("exit 0 after N ms"): the engine's share of what the client waits for.
        Path log = work.resolve("engine.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xms16m", "-Xmx256m", "-Xmn32m", "-XX:SurvivorRatio=4", "-XX:MaxHeapFreeRatio=30",
                "-XX:MinHeapFreeRatio=10",
                "-XX:ReservedCodeCacheSize=48m", "-cp", jar, "dev.llmsession.cli.Main", "daemon", "run",
                "--verbose"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        environment(pb, home);
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        Process engine = pb.start();
        try {
            Await.until(() -> "the engine to start: " + log, Duration.ofSeconds(60), Duration.ofMillis(100), () -> {
                if (!engine.isAlive()) {
                    throw new IllegalStateException("the engine did not start: " + Files.readString(log));
                }
                return client(jar, home, "daemon", "status", "--json").contains("\"running\" : true")
                        ? Optional.of(true) : Optional.empty();
            });
            List<Long> wall = new ArrayList<>();
            List<Long> inEngine = new ArrayList<>();
            String out = "";
            for (int i = 0; i < 7; i++) {
                server.execute("sync", live);
                long logged = Files.size(log);
                long t0 = System.nanoTime();
                out = client(jar, home, "list", "--team");
                wall.add((System.nanoTime() - t0) / 1_000_000);
                inEngine.add(commandMillis(log, logged));
            }
            List<Long> floor = new ArrayList<>();
            List<Long> floorInEngine = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                long logged = Files.size(log);
                long t0 = System.nanoTime();
                client(jar, home, "--version");
                floor.add((System.nanoTime() - t0) / 1_000_000);
                floorInEngine.add(commandMillis(log, logged));
            }
            for (List<Long> l : List.of(wall, inEngine, floor, floorInEngine)) {
                l.remove(0); // the first builds the engine's library and opens the team database
                Collections.sort(l);
            }
            // an engine serves commands for hours: the same command once its code is compiled (the last 20 of 60)
            List<Long> warmWall = new ArrayList<>();
            List<Long> warmInEngine = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                server.execute("sync", live);
                long logged = Files.size(log);
                long t0 = System.nanoTime();
                client(jar, home, "list", "--team");
                if (i >= 40) {
                    warmWall.add((System.nanoTime() - t0) / 1_000_000);
                    warmInEngine.add(commandMillis(log, logged));
                }
            }
            Collections.sort(warmWall);
            Collections.sort(warmInEngine);
            String status = client(jar, home, "daemon", "status", "--json");
            System.out.printf("list --team through the engine, end to end (client JVM start included): median %d ms, "
                    + "max %d ms; %d lines printed%n", pct(wall, 50), wall.get(wall.size() - 1), out.lines().count());
            System.out.printf("list --team, the engine's share (its own log, command received to exit code): median "
                    + "%d ms, max %d ms%n", pct(inEngine, 50), inEngine.get(inEngine.size() - 1));
            System.out.printf("--version through the same engine (the client's floor): end to end median %d ms, max "
                    + "%d ms; in the engine median %d ms%n", pct(floor, 50), floor.get(floor.size() - 1),
                    pct(floorInEngine, 50));
            System.out.printf("list --team on a warm engine (runs 41-60 of 60 more): end to end median %d ms, "
                    + "max %d ms; the engine's share median %d ms, max %d ms%n", pct(warmWall, 50),
                    warmWall.get(warmWall.size() - 1), pct(warmInEngine, 50),
                    warmInEngine.get(warmInEngine.size() - 1));
            System.out.printf("engine status: %s%n", status.replaceAll("\\s+", " "));
        } finally {
            client(jar, home, "daemon", "stop");
            engine.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static final java.util.regex.Pattern EXIT = java.util.regex.Pattern.compile("exit \\d+ after (\\d+) ms");

    /** The time the engine logged for the command whose log lines start at byte {@code from} of {@code log}. */
    private static long commandMillis(Path log, long from) throws Exception {
        // the engine logs the exit just after it sent it
        return Await.until(() -> "the engine to log the command's exit in " + log, Duration.ofSeconds(10),
                Duration.ofMillis(10), () -> {
                    byte[] all = Files.readAllBytes(log);
                    String added = new String(all, (int) from, all.length - (int) from,
                            java.nio.charset.StandardCharsets.UTF_8);
                    java.util.regex.Matcher m = EXIT.matcher(added);
                    return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
                });
    }

    /**
     * The launcher ({@code bench.launcher}: ./llm-session, with the JVM options and class-data archive a user's
     * command gets) or else the launcher's client class, with {@code args}, CI set (no autostart), in
     * {@code home}; its stdout.
     */
    private static String client(String jar, Path home, String... args) throws Exception {
        String launcher = System.getProperty("bench.launcher");
        List<String> command = new ArrayList<>(launcher != null ? List.of(launcher)
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", jar,
                        "dev.llmsession.cli.client.EngineClient"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        environment(pb, home);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("llm-session " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /** A user's environment in {@code home}: no colour, CI set (no autostart), the team password. */
    private static void environment(ProcessBuilder pb, Path home) {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("XDG_") || k.startsWith("LLM_SESSION"));
        env.put("HOME", home.toString());
        env.put("NO_COLOR", "1");
        env.put("CI", "1");
        env.put("COLUMNS", "160");
        env.put(TeamStoreProvider.PASSWORD_ENV, PostgresServer.PASSWORD);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** One machine: a local store whose 10 live sessions grow at every tick, and its TeamSync. */
    private static final class SimulatedMachine implements SnapshotHistory, UsageLedger {
        final int index;
        final TeamStore team;
        final TeamSync sync;
        final List<long[]> figures = new ArrayList<>(); // per session: calls so far
        volatile Instant lastTick = Instant.now();
        final List<SessionSample> samples = new ArrayList<>();
        final List<UsageSlice> slices = new ArrayList<>();
        volatile long lastPending;
        final Instant started = Instant.now();

        SimulatedMachine(int index, TeamStore team, Path ledger, LlmSessions health) {
            this.index = index;
            this.team = team;
            this.sync = new TeamSync(this, this, health.health(), ledger, "bench", "machine-" + index, "user-" + index,
                    Clock.systemUTC());
            for (int s = 0; s < 10; s++) {
                figures.add(new long[] {0});
            }
        }

        /** One 5-second interval: every session makes a call, then the machine syncs. */
        synchronized long[] tick(long late) {
            long now = System.currentTimeMillis();
            lastTick = Instant.ofEpochMilli(now);
            long slot = now / UsageSlice.SLOT_MILLIS * UsageSlice.SLOT_MILLIS;
            for (int s = 0; s < 10; s++) {
                long calls = ++figures.get(s)[0];
                samples.add(new SessionSample(id(s), Instant.ofEpochMilli(now), OptionalLong.of(1000 * calls),
                        OptionalLong.of(5000 * calls), OptionalInt.of(90)));
                final int session = s;
                slices.removeIf(u -> u.sessionId().equals(id(session).nativeId()) && u.slot() == slot);
                long inSlot = Math.min(calls, (now - slot) / TICK_MS + 1);
                slices.add(new UsageSlice("claude-code", id(s).nativeId(), "project-" + (index % 30),
                        "claude-opus-4-6", slot, false, slot, now, inSlot, 10 * inSlot, 500 * inSlot, 2000 * inSlot,
                        30_000 * inSlot, 0.05 * inSlot, 0));
            }
            long t0 = System.nanoTime();
            TeamSync.Result r = sync.push(team);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (r.failure().isPresent()) {
                throw new IllegalStateException(r.failure().get());
            }
            TeamSync.Pending left = sync.pending();
            lastPending = left.sessions() + left.samples() + left.usageSlices();
            return new long[] {millis, late, lastPending};
        }

        private SessionId id(int s) {
            return new SessionId("claude", String.format("%08d-0000-4000-8000-%012d", index, s));
        }

        @Override
        public synchronized List<Session> sessions(Query query) {
            List<Session> out = new ArrayList<>();
            for (int s = 0; s < 10; s++) {
                long calls = figures.get(s)[0];
                out.add(new Session(id(s), "claude-code", OptionalLong.empty(),
                        Activity.of(calls % 3 == 0 ? ActivityState.WAITING_INPUT : ActivityState.WORKING, "bench"),
                        Optional.of("/home/u/project-" + (index % 30)), Optional.of("main"), Optional.of("a title"),
                        Optional.of("claude-opus-4-6"), started, lastTick,
                        new TokenFigures(new TokenUsage(10 * calls, 500 * calls, 2000 * calls, 30_000 * calls, calls),
                                TokenUsage.ZERO, TokenSource.MEASURED),
                        new ContextFill(OptionalLong.of(Math.min(190_000, 1000 * calls)), 200_000, false,
                                OptionalLong.of(167_000), TokenSource.MEASURED),
                        new Cost(OptionalDouble.of(0.05 * calls), List.of(), "2026-11-01"), ErrorCounts.NONE,
                        DataQuality.CLEAN, List.of()));
            }
            return out;
        }

        @Override
        public synchronized List<SessionSample> samples(SessionId id, Instant since) {
            return samples.stream().filter(s -> s.sessionId().equals(id) && !s.at().isBefore(since)).toList();
        }

        @Override
        public synchronized List<UsageSlice> usage(UsageFilter filter) {
            return List.copyOf(slices);
        }

        @Override
        public void record(List<Snapshot> snapshots, Instant at) {
            // the simulated store is fed by tick()
        }
    }

    // ---- 2. reports over 5 M rows -------------------------------------------------------------------------

    private static void reports(PostgresServer server, long rows) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        open(server, "reports", clock).close(); // schema
        long t0 = System.nanoTime();
        long expectedCalls;
        try (Connection c = DriverManager.getConnection(server.url("reports"), PostgresServer.superuser());
                Statement st = c.createStatement()) {
            // Bulk load without the row trigger, then the rollup summed in one statement (what migration V3 does
            // for existing rows; PostgresTeamStoreIT checks that the trigger keeps the same sums row by row).
            st.execute("ALTER TABLE team_usage DISABLE TRIGGER team_usage_roll_up");
            // row i: machine i%50, session i/1000, project i%30, model i%3, slot spread over 180 days before "now"
            st.execute("INSERT INTO team_usage (machine, login_user, assistant, session_id, project, model, slot, "
                    + "on_hour, first_at, last_at, calls, input, output, cache_write, cache_read, priced_cost_usd, "
                    + "unpriced_calls, pushed_at) SELECT 'machine-' || (i % 50), 'user-' || (i % 50), 'claude-code', "
                    + "'session-' || (i / 1000), 'project-' || (i % 30), (ARRAY['claude-opus-4-6','claude-sonnet-4-5',"
                    + "'claude-haiku-4-5'])[1 + i % 3], ts, false, ts, ts + interval '1 minute', 1 + i % 7, 10, 500, "
                    + "2000, 30000, 0.05, 0, now() FROM (SELECT i, timestamptz '2026-12-01' - (i % 17280) * "
                    + "interval '15 minutes' - (i / 17280 % 3) * interval '1 second' AS ts "
                    + "FROM generate_series(0, " + (rows - 1) + ") AS i) g");
            st.execute("INSERT INTO team_usage_hour SELECT machine, login_user, assistant, project, model, "
                    + "date_trunc('hour', slot, 'UTC'), MIN(first_at), MAX(last_at), SUM(calls), SUM(input), "
                    + "SUM(output), SUM(cache_write), SUM(cache_read), SUM(priced_cost_usd), SUM(unpriced_calls) "
                    + "FROM team_usage GROUP BY machine, login_user, assistant, project, model, "
                    + "date_trunc('hour', slot, 'UTC')");
            st.execute("ALTER TABLE team_usage ENABLE TRIGGER team_usage_roll_up");
            st.execute("ANALYZE team_usage");
            st.execute("ANALYZE team_usage_hour");
            try (var rs = st.executeQuery("SELECT COUNT(*) FROM team_usage")) {
                rs.next();
                System.out.printf("reports: %d usage rows loaded in %d s%n", rs.getLong(1),
                        (System.nanoTime() - t0) / 1_000_000_000);
            }
            try (var rs = st.executeQuery("SELECT COUNT(*) FROM team_usage_hour")) {
                rs.next();
                System.out.printf("reports: %d rows in the hourly rollup%n", rs.getLong(1));
            }
            try (var rs = st.executeQuery("SELECT SUM(calls) FROM team_usage")) {
                rs.next();
                expectedCalls = rs.getLong(1);
            }
        }
        LlmSessions health = LlmSessions.builder().build();
        UsageRequest daily = new UsageRequest(UsageKind.DAILY, Optional.empty(), Optional.empty(), ZoneOffset.UTC,
                Optional.empty(), Optional.empty(), false, Map.of(), Optional.empty());
        for (TeamReports.By by : new TeamReports.By[] {null, TeamReports.By.USER}) {
            List<Long> millis = new ArrayList<>();
            try (TeamStore team = open(server, "reports", clock)) {
                TeamReports reports = new TeamReports(team, health.health(), clock);
                for (int run = 0; run < 6; run++) {
                    long s = System.nanoTime();
                    List<TeamReports.Group> groups = reports.usage(daily, Optional.ofNullable(by));
                    millis.add((System.nanoTime() - s) / 1_000_000);
                    if (groups.get(0).report().totals().calls() != expectedCalls) {
                        throw new IllegalStateException("report total " + groups.get(0).report().totals().calls()
                                + " calls, table holds " + expectedCalls);
                    }
                }
            }
            millis.remove(0); // the first run warms the JIT and the server's cache
            Collections.sort(millis);
            System.out.printf("usage daily --team%s over %d rows: median %d ms, max %d ms (5 warm runs; %d calls, "
                    + "checked)%n", by == null ? "" : " --by " + by.label(), rows, pct(millis, 50),
                    millis.get(millis.size() - 1), expectedCalls);
        }
    }
}
