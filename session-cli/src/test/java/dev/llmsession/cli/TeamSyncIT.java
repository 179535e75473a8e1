package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.FoundProviders;
import dev.llmsession.LlmSessions;
import dev.llmsession.TeamReports;
import dev.llmsession.TeamSync;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.api.UsageKind;
import dev.llmsession.api.UsageReport;
import dev.llmsession.api.UsageRequest;
import dev.llmsession.cli.command.CliEnvironment;
import dev.llmsession.cli.command.ProviderSource;
import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.StoreException;
import dev.llmsession.model.SessionSample;
import dev.llmsession.model.TeamSession;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.TeamStore;
import dev.llmsession.spi.TeamStoreProvider;
import dev.llmsession.spi.TeamUsageSlice;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.testkit.PostgresServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two machines (two homes) syncing into one real PostgreSQL: the team's usage equals the sum of the machines' local
 * reports call for call, through a database stopped mid-sync, a lost acknowledgement and a week offline.
 */
final class TeamSyncIT {
    private static final String BIG = "4d5611e5-241a-462a-8d15-5122611a9569";
    private static final Path FIXTURES = Path.of(System.getProperty("llmsession.fixtures",
            "../session-discovery-claude/src/test/resources/fixtures/claude"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PostgresServer server;
    private static int databases;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String freshDatabase() {
        return server.createDatabase("cli" + (++databases));
    }

    /** A home whose config points at {@code db} as {@code machine}, with the given Claude transcripts. */
    private Path home(String machine, String db, String... transcripts) throws IOException {
        Path home = Files.createDirectories(tmp.resolve(machine));
        Path config = Files.createDirectories(home.resolve(".config/llm-session")).resolve("config.yaml");
        Files.writeString(config, "team:\n  url: " + server.url(db) + "\n  machine: " + machine
                + "\n  user: dev-" + machine + "\n  login: postgres\n");
        for (String t : transcripts) {
            addTranscript(home, t);
        }
        return home;
    }

    private static void addTranscript(Path home, String name) throws IOException {
        Path project = Files.createDirectories(home.resolve(".claude/projects/-home-a-spotter"));
        Files.copy(FIXTURES.resolve(name), project.resolve(name));
        Path dir = FIXTURES.resolve(name.replace(".jsonl", ""));
        if (Files.isDirectory(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    Path target = project.resolve(dir.getFileName().toString()).resolve(dir.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1", "COLUMNS", "200"));
        env.put(TeamStoreProvider.PASSWORD_ENV, PostgresServer.PASSWORD);
        return env;
    }

    private static CliRun.Result run(Path home, Clock clock, String... args) {
        return run(home, clock, FoundProviders.load(TeamSyncIT.class.getClassLoader()).discoveries(), args);
    }

    /** As above, with {@code discoveries} finding the sessions (the real adapters above). */
    private static CliRun.Result run(Path home, Clock clock, List<SessionDiscoveryProvider> discoveries,
            String... args) {
        FoundProviders found = FoundProviders.load(TeamSyncIT.class.getClassLoader());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(env(), home, clock, false, ProviderSource.explicit(discoveries,
                List.of(new FakeHostProbeProvider()), found.stores()));
        List<String> all = new ArrayList<>(List.of("--data-dir", home.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = Main.run(env, new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new CliRun.Result(code, out.toString(), err.toString());
    }

    private static JsonNode json(Path home, Clock clock, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        CliRun.Result r = run(home, clock, all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static final List<String> FIGURES = List.of("inputTokens", "outputTokens", "cacheCreationTokens",
            "cacheReadTokens", "totalTokens", "calls");

    /** Per day, every figure of both local reports added up, as the team report should show it. */
    private static Map<String, Map<String, Long>> perDay(JsonNode... reports) {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        for (JsonNode r : reports) {
            for (JsonNode d : r.get("daily")) {
                Map<String, Long> day = out.computeIfAbsent(d.get("period").asText(), k -> new java.util.TreeMap<>());
                FIGURES.forEach(f -> day.merge(f, d.get(f).asLong(), Long::sum));
            }
        }
        return out;
    }

    private static double cost(JsonNode... reports) {
        double sum = 0;
        for (JsonNode r : reports) {
            sum += r.get("totals").get("totalCost").asDouble();
        }
        return sum;
    }

    @Test
    void twoMachinesAddUpCallForCallAndAWeekOfflineCatchesUp() throws Exception {
        String db = freshDatabase();
        Clock clock = Fixtures.CLOCK;
        Path a = home("laptop-a", db, BIG + ".jsonl");
        Path b = home("build-7", db, "short.jsonl", BIG + ".jsonl"); // the same session on two machines counts twice
        JsonNode localA = json(a, clock, "usage", "daily");
        JsonNode localB = json(b, clock, "usage", "daily");
        assertThat(localA.get("totals").get("calls").asLong()).isPositive();

        assertThat(run(a, clock, "team", "sync").code()).isZero();
        CliRun.Result syncB = run(b, clock, "team", "sync");
        assertThat(syncB.code()).as(syncB.err()).isZero();
        assertThat(syncB.out()).contains("nothing pending");

        JsonNode team = json(a, clock, "usage", "daily", "--team");
        assertThat(perDay(team)).isEqualTo(perDay(localA, localB));
        assertThat(team.get("totals").get("totalCost").asDouble()).isCloseTo(cost(localA, localB),
                org.assertj.core.data.Offset.offset(1e-9));
        // a second sync pushes nothing and changes nothing
        assertThat(run(b, clock, "team", "sync").out()).contains("pushed 0 session(s), 0 sample(s), 0 usage slice(s)");
        assertThat(perDay(json(b, clock, "usage", "daily", "--team"))).isEqualTo(perDay(localA, localB));

        JsonNode byMachine = json(a, clock, "usage", "daily", "--team", "--by", "machine");
        assertThat(byMachine.get("groups")).extracting(g -> g.get("machine").asText())
                .containsExactly("build-7", "laptop-a");
        assertThat(perDay(byMachine.get("groups").get(1))).isEqualTo(perDay(localA));

        JsonNode sessions = json(a, clock, "history", "--team");
        assertThat(sessions).extracting(s -> s.get("machine").asText() + "/" + s.get("user").asText())
                .contains("laptop-a/dev-laptop-a", "build-7/dev-build-7");
        assertThat(sessions.get(0).get("title").isNull()).isTrue(); // titles (first prompts) never leave a machine
        assertThat(run(a, clock, "list", "--team", "--all").out()).contains("MACHINE", "USER", "build-7");

        // a week later machine A has a new transcript while the database is down
        Clock week = Clock.offset(clock, Duration.ofDays(7));
        addTranscript(a, "short.jsonl");
        JsonNode localA2 = json(a, week, "usage", "daily");
        server.stop();
        try {
            CliRun.Result offline = run(a, week, "team", "sync");
            assertThat(offline.code()).isEqualTo(1);
            assertThat(offline.err()).contains("kept for the next sync");
            CliRun.Result status = run(a, week, "team", "status");
            assertThat(status.out()).contains("team database unreachable").containsPattern("pending: \\d+ session");
        } finally {
            server.startServer();
        }
        assertThat(run(a, week, "team", "sync").code()).isZero();
        assertThat(run(a, week, "team", "status").out()).contains("nothing pending");
        assertThat(perDay(json(b, week, "usage", "daily", "--team"))).isEqualTo(perDay(localA2, localB));
    }

    @Test
    void monitorTeamShowsEveryMachinesLiveSessionsWithMachineAndUser() throws Exception {
        String db = freshDatabase();
        // live sessions (waiting, working, idle) from the fake adapter, one ended, on two machines
        List<SessionDiscoveryProvider> live = List.of(FakeDiscoveryProvider.claude(Fixtures.all()));
        Path a = home("laptop-a", db);
        Path b = home("build-7", db);
        for (Path home : List.of(a, b)) {
            CliRun.Result sync = run(home, Fixtures.CLOCK, live, "team", "sync");
            assertThat(sync.code()).as(sync.err()).isZero();
        }
        long running = Fixtures.all().stream().filter(dev.llmsession.model.Session::running).count();

        CliRun.Result once = run(a, Fixtures.CLOCK, live, "monitor", "--team", "--once");
        assertThat(once.code()).as(once.err()).isZero();
        List<String> lines = once.out().lines().toList();
        assertThat(lines.get(1)).startsWith("MACHINE").contains("USER", "STATUS").doesNotContain("PID");
        assertThat(lines).filteredOn(l -> l.startsWith("laptop-a ")).hasSize((int) running)
                .allMatch(l -> l.contains("dev-laptop-a"));
        assertThat(lines).filteredOn(l -> l.startsWith("build-7 ")).hasSize((int) running)
                .allMatch(l -> l.contains("dev-build-7"));

        CliRun.Result json = run(b, Fixtures.CLOCK, live, "monitor", "--team", "--once", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode sessions = JSON.readTree(json.out()).get("sessions");
        assertThat(sessions).extracting(s -> s.get("machine").asText() + "/" + s.get("user").asText())
                .containsOnly("laptop-a/dev-laptop-a", "build-7/dev-build-7").hasSize(2 * (int) running);
        assertThat(sessions).allMatch(s -> s.get("title").isNull()); // titles never leave a machine

        // a machine that stops syncing drops out once its live states are older than TeamReports.STALE
        Clock later = Clock.offset(Fixtures.CLOCK, TeamReports.STALE.plusMinutes(1));
        assertThat(run(a, later, live, "team", "sync").code()).isZero();
        assertThat(JSON.readTree(run(a, later, live, "monitor", "--team", "--once", "--json").out()).get("sessions"))
                .extracting(s -> s.get("machine").asText()).containsOnly("laptop-a").hasSize((int) running);
    }

    @Test
    void aDatabaseStoppedMidSyncOrALostAcknowledgementLosesAndDoublesNothing() throws Exception {
        String db = freshDatabase();
        Clock clock = Fixtures.CLOCK;
        Path home = home("laptop-c", db, BIG + ".jsonl", "short.jsonl");
        Map<String, String> settings = Map.of("store.dir", home.resolve("data").toString(),
                TeamStoreProvider.URL, server.url(db), TeamStoreProvider.MACHINE, "laptop-c",
                TeamStoreProvider.LOGIN, PostgresServer.SUPERUSER);
        ProviderContext context = new ProviderContext(home, env(), clock, settings);
        TeamStoreProvider provider = ServiceLoader.load(TeamStoreProvider.class).findFirst().orElseThrow();
        try (LlmSessions lib = LlmSessions.builder().context(context)
                .providers(FoundProviders.load(getClass().getClassLoader())).build()) {
            lib.catalog().list(new SessionQuery(true, Optional.empty(), Optional.empty()));
            UsageRequest daily = new UsageRequest(UsageKind.DAILY, Optional.empty(), Optional.empty(), ZoneOffset.UTC,
                    Optional.empty(), Optional.empty(), false, Map.of(), Optional.empty());
            UsageReport local = lib.usage().orElseThrow().report(daily);
            TeamSync sync = lib.teamSync(home.resolve("data/ledger"), server.url(db), "laptop-c", "carol").value();
            int rows = sync.pending().sessions() + sync.pending().samples() + sync.pending().usageSlices();
            assertThat(rows).isGreaterThan(6);

            try (TeamStore real = provider.create(context)) {
                // the server goes away after the first of several transactions
                AtomicInteger pushes = new AtomicInteger();
                TeamSync.Result cut = sync.push(new Delegating(real) {
                    @Override
                    public void push(Batch batch) {
                        if (pushes.incrementAndGet() == 2) {
                            server.stop();
                        }
                        super.push(batch);
                    }
                }, 3);
                assertThat(cut.failure()).isPresent();
                assertThat(cut.batches()).isEqualTo(1);
                server.startServer();
                assertThat(sync.pending().empty()).isFalse();

                // the next transaction commits but its acknowledgement is lost
                TeamSync.Result lost = sync.push(new Delegating(real) {
                    @Override
                    public void push(Batch batch) {
                        super.push(batch);
                        throw new StoreException(ErrorCode.IO, "connection reset after commit");
                    }
                }, 3);
                assertThat(lost.failure()).contains("connection reset after commit");

                TeamSync.Result rest = sync.push(real);
                assertThat(rest.failure()).isEmpty();
                assertThat(sync.pending().empty()).isTrue();

                UsageReport team = new TeamReports(real, lib.health(), clock).usage(daily, Optional.empty()).get(0)
                        .report();
                assertThat(team.totals()).isEqualTo(local.totals());
                assertThat(team.periods()).extracting(p -> p.period() + " " + p.totals())
                        .containsExactlyElementsOf(local.periods().stream().map(p -> p.period() + " " + p.totals())
                                .toList());
            }
        }
    }

    /** A team store that forwards every call. */
    private static class Delegating implements TeamStore {
        private final TeamStore real;

        Delegating(TeamStore real) {
            this.real = real;
        }

        @Override
        public void push(Batch batch) {
            real.push(batch);
        }

        @Override
        public List<TeamSession> sessions(Query query) {
            return real.sessions(query);
        }

        @Override
        public List<SessionSample> samples(String machine, String sessionId, Instant since) {
            return real.samples(machine, sessionId, since);
        }

        @Override
        public List<TeamUsageSlice> usage(UsageFilter filter, Optional<List<Instant>> days) {
            return real.usage(filter, days);
        }

        @Override
        public Optional<Range> usageRange(UsageFilter filter) {
            return real.usageRange(filter);
        }

        @Override
        public List<String> describe() {
            return real.describe();
        }

        @Override
        public void close() {
            // the real store is closed by the test
        }
    }
}
