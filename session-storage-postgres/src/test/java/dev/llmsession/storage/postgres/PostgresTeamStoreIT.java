package dev.llmsession.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.error.StoreException;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import dev.llmsession.model.TeamSession;
import dev.llmsession.spi.TeamStore;
import dev.llmsession.spi.TeamUsageSlice;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageSlice;
import dev.llmsession.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The team store against a real PostgreSQL server: schema, idempotent pushes, reads, and the two roles. */
class PostgresTeamStoreIT {
    private static PostgresServer server;
    private static int databases;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A fresh database, empty, owned by the superuser. */
    static String freshDatabase() {
        return server.createDatabase("team" + (++databases));
    }

    static void superuser(String db, String... statements) {
        server.execute(db, statements);
    }

    static TeamConnection owner(String db) {
        return new TeamConnection(server.url(db), PostgresServer.SUPERUSER, Optional.of(PostgresServer.PASSWORD));
    }

    static UsageSlice slice(String session, long slot, long calls) {
        return new UsageSlice("claude-code", session, "api", "claude-opus-4-6", slot, false, slot + 1000,
                slot + 2000, calls, 10 * calls, 20 * calls, 30 * calls, 40 * calls, 0.5 * calls, 0);
    }

    static TeamSession session(String machine, String nativeId, Instant at) {
        return new TeamSession(machine, "dana", new SessionId("claude", nativeId), "claude-code", Optional.of("api"),
                Optional.of("main"), Optional.of("claude-opus-4-6"), dev.llmsession.model.ActivityState.WORKING,
                at.minusSeconds(3600), at, new dev.llmsession.model.TokenFigures(
                        new dev.llmsession.model.TokenUsage(1, 2, 3, 4, 5), dev.llmsession.model.TokenUsage.ZERO,
                        dev.llmsession.model.TokenSource.MEASURED),
                new dev.llmsession.model.ContextFill(OptionalLong.of(1000), 200_000, false, OptionalLong.empty(),
                        dev.llmsession.model.TokenSource.MEASURED),
                new dev.llmsession.model.Cost(java.util.OptionalDouble.of(1.25), List.of("mystery-model"),
                        "2026-11-01"),
                new dev.llmsession.model.ErrorCounts(1, 2, 0, List.of(at.minusSeconds(60))), OptionalInt.of(81),
                dev.llmsession.model.HealthLevel.HEALTHY, at);
    }

    @Test
    void migratesFromEmptyAndFromTheFirstSchema() throws Exception {
        String db = freshDatabase();
        try (PostgresTeamStore v1 = PostgresTeamStore.open(owner(db), 1)) {
            assertThat(v1.schemaVersion()).isEqualTo(1);
            v1.push(new TeamStore.Batch("m1", "dana", List.of(), List.of(), List.of(slice("s1", 0, 3))));
        }
        try (PostgresTeamStore latest = PostgresTeamStore.open(owner(db))) {
            assertThat(latest.schemaVersion()).isEqualTo(TeamMigrations.LATEST);
            assertThat(latest.usage(UsageFilter.ALL, Optional.empty())).hasSize(1); // rows kept across the upgrade
        }
        try (PostgresTeamStore again = PostgresTeamStore.open(owner(freshDatabase()))) {
            assertThat(again.schemaVersion()).isEqualTo(TeamMigrations.LATEST);
        }
    }

    @Test
    void pushingTheSameBatchTwiceChangesNothing() throws Exception {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        SessionSample sample = new SessionSample(new SessionId("claude", "s1"), at, OptionalLong.of(5),
                OptionalLong.empty(), OptionalInt.of(70));
        TeamStore.Batch batch = new TeamStore.Batch("m1", "dana", List.of(session("m1", "s1", at)), List.of(sample),
                List.of(slice("s1", at.toEpochMilli() / 900_000 * 900_000, 4)));
        try (PostgresTeamStore store = PostgresTeamStore.open(owner(freshDatabase()))) {
            store.push(batch);
            store.push(batch);
            assertThat(store.sessions(TeamStore.Query.ALL)).containsExactly(session("m1", "s1", at));
            assertThat(store.samples("m1", "claude_s1", Instant.EPOCH)).containsExactly(sample);
            List<TeamUsageSlice> usage = store.usage(UsageFilter.ALL, Optional.empty());
            assertThat(usage).containsExactly(new TeamUsageSlice("m1", "dana", batch.usage().get(0)));
            // an older state of the session never overwrites a newer one
            store.push(new TeamStore.Batch("m1", "dana", List.of(session("m1", "s1", at.minusSeconds(5))), List.of(),
                    List.of()));
            assertThat(store.sessions(TeamStore.Query.ALL).get(0).recordedAt()).isEqualTo(at);
        }
    }

    @Test
    void liveSessionsAreTheLiveStatesRecordedSinceTheGivenTime() throws Exception {
        Instant at = Instant.parse("2026-02-12T18:00:00Z");
        TeamSession live = session("m1", "live", at);
        TeamSession stale = session("m1", "stale", at.minusSeconds(600));
        TeamSession t = session("m2", "ended", at);
        TeamSession ended = new TeamSession(t.machine(), t.user(), t.id(), t.assistant(), t.project(), t.gitBranch(),
                t.model(), dev.llmsession.model.ActivityState.ENDED, t.startedAt(), t.lastActivityAt(), t.tokens(),
                t.context(), t.cost(), t.errors(), t.healthScore(), t.healthLevel(), t.recordedAt());
        try (PostgresTeamStore store = PostgresTeamStore.open(owner(freshDatabase()))) {
            store.push(new TeamStore.Batch("m1", "dana", List.of(live, stale), List.of(), List.of()));
            store.push(new TeamStore.Batch("m2", "dana", List.of(ended), List.of(), List.of()));
            Instant since = at.minusSeconds(120);
            assertThat(store.liveSessions(since)).containsExactly(live);
            assertThat(store.liveSessions(at.minusSeconds(900))).containsExactly(live, stale);
        }
    }

    @Test
    void daySumsMatchTheSlicesInWholeHourAndQuarterHourZones() throws Exception {
        long day = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
        long d = 86_400_000L;
        try (PostgresTeamStore store = PostgresTeamStore.open(owner(freshDatabase()))) {
            store.push(new TeamStore.Batch("m1", "dana", List.of(), List.of(), List.of(slice("a", day, 1),
                    slice("b", day + 900_000, 2), slice("a", day + d, 4), slice("c", day + d - 3_600_000, 8))));
            // a replaced slice counts with its new figures only (the hourly rollup applies the difference)
            store.push(new TeamStore.Batch("m1", "dana", List.of(), List.of(), List.of(slice("a", day, 16))));
            List<Instant> utcDays = List.of(Instant.ofEpochMilli(day), Instant.ofEpochMilli(day + d),
                    Instant.ofEpochMilli(day + 2 * d));
            assertThat(store.usage(UsageFilter.ALL, Optional.of(utcDays))).extracting(s -> s.slice().calls())
                    .containsExactlyInAnyOrder(26L, 4L);
            // +05:30: days start at 18:30 UTC, so the slots are read; 23:00 UTC of the first day is the next day there
            List<Instant> indiaDays = List.of(Instant.ofEpochMilli(day - 19_800_000L),
                    Instant.ofEpochMilli(day + d - 19_800_000L), Instant.ofEpochMilli(day + 2 * d - 19_800_000L));
            assertThat(store.usage(UsageFilter.ALL, Optional.of(indiaDays))).extracting(s -> s.slice().calls())
                    .containsExactlyInAnyOrder(18L, 12L);
            assertThat(store.usageRange(UsageFilter.ALL)).get().extracting(TeamStore.Range::first)
                    .isEqualTo(Instant.ofEpochMilli(day));
        }
    }

    /** Names from outside travel as bound values: quotes, SQL and control characters come back as they went in. */
    @Test
    void hostileNamesAreBoundNeverSpliced() throws Exception {
        String evil = "x'); DROP TABLE team_usage; --\u0000\"$$";
        String safe = evil.replace("\u0000", ""); // PostgreSQL text cannot hold NUL: the driver refuses it, no SQL runs
        UsageSlice u = new UsageSlice(safe, safe, safe, safe, 0, false, 1, 2, 1, 1, 1, 1, 1, 0.1, 0);
        try (PostgresTeamStore store = PostgresTeamStore.open(owner(freshDatabase()))) {
            store.push(new TeamStore.Batch(safe, safe, List.of(), List.of(), List.of(u)));
            assertThat(store.usage(new UsageFilter(Optional.empty(), Optional.empty(), Optional.of(safe),
                    Optional.of(safe)), Optional.empty())).containsExactly(new TeamUsageSlice(safe, safe, u));
            assertThatThrownBy(() -> store.push(new TeamStore.Batch(evil, evil, List.of(), List.of(), List.of(
                    new UsageSlice(evil, evil, evil, evil, 0, false, 1, 2, 1, 1, 1, 1, 1, 0.1, 0)))))
                    .isInstanceOf(StoreException.class);
            assertThat(store.usage(UsageFilter.ALL, Optional.empty())).hasSize(1); // the table is still there
        }
    }

    @Test
    void aViewerCannotWriteAndAWriterOnlyItsOwnMachine() throws Exception {
        String db = freshDatabase();
        try (PostgresTeamStore store = PostgresTeamStore.open(owner(db))) {
            store.push(new TeamStore.Batch("build-7", "dana", List.of(), List.of(), List.of(slice("s", 0, 1))));
        }
        // the documented setup (docs/team.md): one login per machine in the writer role, one viewer
        superuser(db, "CREATE ROLE \"build-7\" LOGIN PASSWORD 'w7' IN ROLE llm_session_writer",
                "CREATE ROLE grafana LOGIN PASSWORD 'v' IN ROLE llm_session_viewer");
        TeamConnection writer = new TeamConnection(server.url(db), "build-7", Optional.of("w7"));
        TeamConnection viewer = new TeamConnection(server.url(db), "grafana", Optional.of("v"));
        try (PostgresTeamStore w = PostgresTeamStore.open(writer)) {
            w.push(new TeamStore.Batch("build-7", "dana", List.of(session("build-7", "s", Instant.now())), List.of(),
                    List.of(slice("s", 0, 5))));
            assertThat(w.usage(UsageFilter.ALL, Optional.empty())).extracting(s -> s.slice().calls())
                    .containsExactly(5L);
            assertThatThrownBy(() -> w.push(new TeamStore.Batch("build-8", "eve", List.of(), List.of(),
                    List.of(slice("s", 0, 1))))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("row-level security");
        }
        try (PostgresTeamStore v = PostgresTeamStore.open(viewer)) {
            assertThat(v.usage(UsageFilter.ALL, Optional.empty())).hasSize(1);
            assertThat(v.sessions(TeamStore.Query.ALL)).hasSize(1);
            assertThatThrownBy(() -> v.push(new TeamStore.Batch("grafana", "v", List.of(), List.of(),
                    List.of(slice("s", 0, 1))))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    /**
     * Every query of the Grafana dashboard (dashboards/grafana-team.json) runs as the viewer, with Grafana's macros
     * expanded the way its PostgreSQL data source expands them.
     */
    @Test
    void theDashboardQueriesRunAsTheViewer() throws Exception {
        String db = freshDatabase();
        Instant now = Instant.now();
        try (PostgresTeamStore store = PostgresTeamStore.open(owner(db))) {
            store.push(new TeamStore.Batch("m1", "dana", List.of(session("m1", "s1", now)),
                    List.of(new SessionSample(new SessionId("claude", "s1"), now, OptionalLong.of(5),
                            OptionalLong.of(9), OptionalInt.of(80))),
                    List.of(slice("s1", now.toEpochMilli() / 900_000 * 900_000, 2))));
        }
        superuser(db, "CREATE ROLE grafana2 LOGIN PASSWORD 'v' IN ROLE llm_session_viewer");
        String json = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("llmsession.dashboard",
                "../dashboards/grafana-team.json")));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"rawSql\": \"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(json);
        int queries = 0;
        Properties p = new Properties();
        p.setProperty("user", "grafana2");
        p.setProperty("password", "v");
        try (Connection c = DriverManager.getConnection(server.url(db), p); Statement st = c.createStatement()) {
            while (m.find()) {
                String sql = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")
                        .replaceAll("\\$__timeGroupAlias\\((\\w+), '(\\d+)([md])'\\)",
                                "date_bin(interval '$2 $3', $1, timestamptz 'epoch') AS time")
                        .replace("interval '1 d'", "interval '1 day'").replace("interval '5 m'", "interval '5 minutes'")
                        .replaceAll("\\$__timeFilter\\((\\w+)\\)", "$1 BETWEEN now() - interval '7 days' AND now()");
                assertThat(sql).doesNotContain("$__");
                try (ResultSet rs = st.executeQuery(sql)) {
                    assertThat(rs.next()).as(sql).isTrue();
                }
                queries++;
            }
        }
        assertThat(queries).isEqualTo(9);
    }

    @Test
    void anUnreachableServerIsAStoreErrorAndTheNextCallReconnects() throws Exception {
        String db = freshDatabase();
        try (PostgresTeamStore store = PostgresTeamStore.open(owner(db))) {
            server.stop();
            try {
                assertThatThrownBy(() -> store.usage(UsageFilter.ALL, Optional.empty()))
                        .isInstanceOf(StoreException.class).hasMessageContaining("team database");
            } finally {
                server.startServer();
            }
            assertThat(store.usage(UsageFilter.ALL, Optional.empty())).isEmpty();
        }
    }

    @Test
    void anUnknownHealthScoreReadsBackUnknownNotZero() throws Exception {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        TeamSession s = session("m1", "s1", at);
        TeamSession unscored = new TeamSession(s.machine(), s.user(), s.id(), s.assistant(), s.project(),
                s.gitBranch(), s.model(), s.state(), s.startedAt(), s.lastActivityAt(), s.tokens(), s.context(),
                s.cost(), s.errors(), OptionalInt.empty(), dev.llmsession.model.HealthLevel.UNKNOWN, s.recordedAt());
        try (PostgresTeamStore store = PostgresTeamStore.open(owner(freshDatabase()))) {
            store.push(new TeamStore.Batch("m1", "dana", List.of(unscored), List.of(), List.of()));
            assertThat(store.sessions(TeamStore.Query.ALL)).containsExactly(unscored);
            assertThat(store.liveSessions(Instant.EPOCH).get(0).healthScore()).isEmpty();
        }
    }

    @Test
    void aKeptConnectionLostToAServerRestartIsRetriedOnceOnAFreshOne() throws Exception {
        String db = freshDatabase();
        try (PostgresTeamStore store = PostgresTeamStore.open(owner(db))) {
            store.push(new TeamStore.Batch("m1", "dana", List.of(), List.of(), List.of(slice("s1", 0, 3))));
            assertThat(store.connectionsOpened()).isEqualTo(1);
            server.stop();
            server.startServer();
            // what an engine holding the store sees: no error, one new login
            assertThat(store.usage(UsageFilter.ALL, Optional.empty())).hasSize(1);
            assertThat(store.connectionsOpened()).isEqualTo(2);
            assertThat(store.sessions(TeamStore.Query.ALL)).isEmpty();
            assertThat(store.connectionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void aRefusedStatementIsNotRetried() throws Exception {
        assertThat(TeamDatabase.connectionLost(new java.sql.SQLException("permission denied", "42501"))).isFalse();
        assertThat(TeamDatabase.connectionLost(new RuntimeException(new java.sql.SQLException("I/O error", "08006"))))
                .isTrue();
        assertThat(TeamDatabase.connectionLost(new java.sql.SQLException("terminating connection", "57P01")))
                .isTrue();
    }
}
