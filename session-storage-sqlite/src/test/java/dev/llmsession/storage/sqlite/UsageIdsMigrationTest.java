package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.TranscriptIndex.Commit;
import dev.llmsession.spi.TranscriptIndex.Entry;
import dev.llmsession.spi.TranscriptIndex.UsageRow;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageSlice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V6 (usage rows by file and session id): a store the V5 schema holds, migrated, answers every report and every index load as a
 * store written by this code with the same rows does, and keeps doing so through later commits; a migration cut
 * short leaves the V5 store as it was.
 */
final class UsageIdsMigrationTest {
    private static final List<String> ADAPTERS = List.of("claude-code", "codex");
    private static final long T = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    /** Random files and rows, by adapter and path: keys unique per path, some shared between paths. */
    private static Map<String, Map<String, List<UsageRow>>> rows(long seed) {
        Random r = new Random(seed);
        Map<String, Map<String, List<UsageRow>>> out = new TreeMap<>();
        for (String adapter : ADAPTERS) {
            Map<String, List<UsageRow>> byPath = new TreeMap<>();
            for (int p = 0; p < 25; p++) {
                String path = "/home/u/.claude/projects/-home-u-src-project-" + (p % 7) + "/" + adapter + "-" + p
                        + ".jsonl";
                List<UsageRow> list = new ArrayList<>();
                int n = 1 + r.nextInt(40);
                for (int i = 0; i < n; i++) {
                    long at = r.nextInt(4) == 0 ? T + r.nextInt(72) * 3_600_000L : T + r.nextInt(3 * 86_400_000);
                    double cost = r.nextInt(5) == 0 ? Double.NaN : r.nextInt(100_000) / 1e4;
                    String key = r.nextInt(6) == 0 ? "msg_shared" + i + "|req_" + i : "msg_" + p + "_" + i + "|req_" + i;
                    // the files 2 and 3 alone hold a session of their own
                    String session = p == 2 || p == 3 ? "session-of-" + p : "session-" + r.nextInt(9);
                    list.add(new UsageRow(session, key, at, r.nextBoolean() ? "claude-opus-4-5"
                            : "claude-sonnet-4-5", r.nextInt(5000), r.nextInt(3000), r.nextInt(90_000),
                            r.nextInt(2_000_000), cost, r.nextInt(10) == 0));
                }
                byPath.put(path, list);
            }
            out.put(adapter, byPath);
        }
        return out;
    }

    /** The path of file number {@code n} of {@link #rows}. */
    private static String file(Map<String, List<UsageRow>> byPath, int n) {
        return byPath.keySet().stream().filter(p -> p.endsWith("-" + n + ".jsonl")).findFirst().orElseThrow();
    }

    private static List<Entry> entries(Map<String, List<UsageRow>> byPath) {
        List<Entry> out = new ArrayList<>();
        byPath.keySet().forEach(p -> out.add(TestSessions.entry(p, p.length(), "state of " + p)));
        return out;
    }

    /** A store at schema version 5 holding {@code data} as the V5 code wrote it: (adapter, path) in every row. */
    private Path v5Store(String name, Map<String, Map<String, List<UsageRow>>> data) throws Exception {
        Path db = dir.resolve(name).resolve("store.db");
        Files.createDirectories(db.getParent());
        try (SqliteSessionStore v5 = SqliteSessionStore.open(db, TestSessions.CLOCK, 5)) {
            assertThat(v5.schemaVersion()).isEqualTo(5);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (PreparedStatement file = c.prepareStatement("INSERT INTO indexed_file VALUES (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement usage = c.prepareStatement(
                            "INSERT INTO usage VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, Map<String, List<UsageRow>>> a : data.entrySet()) {
                    for (Entry e : entries(a.getValue())) {
                        file.setString(1, a.getKey());
                        file.setString(2, e.path());
                        file.setString(3, e.fileKey());
                        file.setLong(4, e.size());
                        file.setLong(5, e.mtime());
                        file.setLong(6, e.offset());
                        file.setBytes(7, e.state());
                        file.executeUpdate();
                    }
                    for (Map.Entry<String, List<UsageRow>> p : a.getValue().entrySet()) {
                        for (UsageRow u : p.getValue()) {
                            usage.setString(1, a.getKey());
                            usage.setString(2, p.getKey());
                            usage.setString(3, u.sessionId());
                            usage.setString(4, u.callKey());
                            usage.setLong(5, u.at());
                            usage.setString(6, u.model());
                            usage.setLong(7, u.input());
                            usage.setLong(8, u.output());
                            usage.setLong(9, u.cacheWrite());
                            usage.setLong(10, u.cacheRead());
                            if (Double.isNaN(u.costUsd())) {
                                usage.setNull(11, Types.REAL);
                            } else {
                                usage.setDouble(11, u.costUsd());
                            }
                            usage.setInt(12, u.sidechain() ? 1 : 0);
                            usage.executeUpdate();
                        }
                    }
                }
            }
            c.commit();
        }
        return db;
    }

    /**
     * A store of this code holding {@code data}, committed through the index, each file's rows in call-key order:
     * the order the migration copies them in. A slice's cost is a sum of doubles in the rows' order, so stores that
     * hold the same rows in another order may differ in the last bit.
     */
    private SqliteSessionStore written(Map<String, Map<String, List<UsageRow>>> data) throws Exception {
        Path db = dir.resolve("written").resolve("store.db");
        Files.createDirectories(db.getParent());
        SqliteSessionStore store = SqliteSessionStore.open(db, TestSessions.CLOCK);
        data.forEach((adapter, byPath) -> {
            Map<String, List<UsageRow>> ordered = new TreeMap<>();
            byPath.forEach((path, rows) -> ordered.put(path,
                    rows.stream().sorted(Comparator.comparing(UsageRow::callKey)).toList()));
            store.index().commit(adapter, new Commit(entries(byPath), List.of(), ordered));
        });
        return store;
    }

    private static List<UsageFilter> filters() {
        List<UsageFilter> out = new ArrayList<>();
        out.add(UsageFilter.ALL);
        out.add(new UsageFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("codex")));
        // bounds on slots (answered from the kept slices) and off them (one query each)
        out.add(new UsageFilter(Optional.of(Instant.ofEpochMilli(T + 86_400_000)),
                Optional.of(Instant.ofEpochMilli(T + 2 * 86_400_000)), Optional.empty(), Optional.empty()));
        out.add(new UsageFilter(Optional.of(Instant.ofEpochMilli(T + 12_345_678)),
                Optional.of(Instant.ofEpochMilli(T + 123_456_789)), Optional.empty(), Optional.of("claude-code")));
        return out;
    }

    private static List<UsageSlice> sorted(List<UsageSlice> slices) {
        return slices.stream().sorted(Comparator.comparing(UsageSlice::toString)).toList();
    }

    private static void assertSame(SqliteSessionStore migrated, SqliteSessionStore written) {
        for (UsageFilter f : filters()) {
            assertThat(sorted(migrated.ledger().usage(f))).as("%s", f).isNotEmpty()
                    .containsExactlyElementsOf(sorted(written.ledger().usage(f)));
        }
        for (String adapter : ADAPTERS) {
            assertThat(migrated.usage(adapter)).containsExactlyElementsOf(written.usage(adapter));
            Map<String, Entry> files = migrated.index().load(adapter);
            Map<String, Entry> expected = written.index().load(adapter);
            assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((path, e) -> assertThat(files.get(path)).satisfies(got -> {
                assertThat(got.state()).containsExactly(e.state());
                assertThat(List.of(got.fileKey(), got.size(), got.mtime(), got.offset()))
                        .isEqualTo(List.of(e.fileKey(), e.size(), e.mtime(), e.offset()));
            }));
        }
    }

    @Test
    void v5Store_migrated_givesTheReportsAndFileStatesOfAStoreWrittenByThisCode_alsoAfterLaterCommits()
            throws Exception {
        Map<String, Map<String, List<UsageRow>>> data = rows(42);
        Path db = v5Store("v5", data);

        try (SqliteSessionStore migrated = SqliteSessionStore.open(db, TestSessions.CLOCK);
                SqliteSessionStore written = written(data)) {
            assertThat(migrated.schemaVersion()).isEqualTo(6);
            assertThat(migrated.<Long>query(h -> h.createQuery("SELECT COUNT(*) FROM usage").mapTo(Long.class).one()))
                    .isEqualTo(data.values().stream().flatMap(m -> m.values().stream()).mapToLong(List::size).sum());
            assertSame(migrated, written);

            // a file shrinks (re-read: its rows replaced), one is emptied, one removed, a new one filed
            Map<String, List<UsageRow>> claude = data.get("claude-code");
            String shrunk = file(claude, 1);
            String emptied = file(claude, 2);
            String removed = file(claude, 3);
            Map<String, List<UsageRow>> changed = new LinkedHashMap<>();
            changed.put(shrunk, claude.get(shrunk).subList(0, claude.get(shrunk).size() / 2));
            changed.put(emptied, List.of());
            changed.put("/new.jsonl", List.of(TestSessions.row("session-new", "k|1", 5)));
            Commit later = new Commit(List.of(TestSessions.entry("/new.jsonl", 1, "new")), List.of(removed),
                    changed);
            migrated.index().commit("claude-code", later);
            written.index().commit("claude-code", later);
            assertSame(migrated, written);
            assertThat(migrated.<Long>query(h -> h.createQuery("SELECT COUNT(*) FROM usage_file WHERE path IN (:a, :b)")
                    .bind("a", emptied).bind("b", removed).mapTo(Long.class).one()))
                    .as("files left without rows keep no id").isZero();
            assertThat(migrated.<Long>query(h -> h.createQuery("SELECT COUNT(*) FROM usage_session s WHERE NOT EXISTS "
                    + "(SELECT 1 FROM usage u WHERE u.session = s.id)").mapTo(Long.class).one()))
                    .as("sessions left without rows keep no id").isZero();
            assertThat(migrated.<Long>query(h -> h.createQuery("SELECT COUNT(*) FROM usage_session "
                    + "WHERE adapter = 'claude-code' AND session_id LIKE 'session-of-%'").mapTo(Long.class).one()))
                    .isZero();
            assertThat(migrated.<Long>query(h -> h.createQuery("SELECT COUNT(*) FROM usage_session "
                    + "WHERE adapter = 'codex' AND session_id LIKE 'session-of-%'").mapTo(Long.class).one()))
                    .as("the other adapter's sessions of the same names stay").isEqualTo(2);
        }
    }

    @Test
    void migrationKilledBeforeItsCommit_leavesTheV5StoreAsItWas_andTheNextOpenMigratesIt() throws Exception {
        Map<String, Map<String, List<UsageRow>>> data = rows(7);
        Path db = v5Store("killed", data);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                MigrationKilledMain.class.getName(), db.toString()).redirectErrorStream(true).start();
        String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(said).isEqualTo(MigrationKilledMain.HALTED);
        assertThat(said).contains("migrated to 6 in the open transaction");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(5);
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'usage_file'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
        }
        try (SqliteSessionStore migrated = SqliteSessionStore.open(db, TestSessions.CLOCK);
                SqliteSessionStore written = written(data)) {
            assertThat(migrated.schemaVersion()).isEqualTo(6);
            assertSame(migrated, written);
        }
    }
}
