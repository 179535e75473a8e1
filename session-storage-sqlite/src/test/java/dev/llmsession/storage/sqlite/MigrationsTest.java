package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.StoreException;
import dev.llmsession.spi.SnapshotHistory.Query;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void open_emptyDirectory_createsLatestSchemaWithEveryVersionRecorded() throws Exception {
        try (SqliteSessionStore store = TestSessions.store(dir)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST).isEqualTo(6);
            assertThat(store.<List<Integer>>query(h -> h.createQuery("SELECT version FROM schema_version ORDER BY 1")
                    .mapTo(Integer.class).list())).containsExactly(1, 2, 3, 5, 6);
            assertThat(store.<String>query(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()))
                    .isEqualToIgnoringCase("wal");
            assertThat(store.takeNotices()).isEmpty();
        }
    }

    @Test
    void open_zeroByteFile_treatsItAsEmptyStore() throws Exception {
        Files.createFile(dir.resolve("store.db"));

        try (SqliteSessionStore store = TestSessions.store(dir)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(store.takeNotices()).isEmpty();
        }
    }

    @Test
    void open_v1OnlyStore_upgradesAndKeepsItsIndex() throws Exception {
        Path db = dir.resolve("store.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute(Migrations.SCHEMA_VERSION_DDL);
            for (String sql : Migrations.ALL.get(0).sql().split(";")) {
                if (sql.contains("CREATE")) {
                    st.execute(sql);
                }
            }
            st.execute("INSERT INTO schema_version (version, applied_at) VALUES (1, 0)");
            st.execute("INSERT INTO indexed_file VALUES ('claude-code', '/p/a.jsonl', 'k', 10, 20, 5, x'00ff')");
            st.execute("INSERT INTO usage VALUES ('claude-code', '/p/a.jsonl', 's', 'm|r', 1, 'opus', 1, 2, 3, 4, "
                    + "NULL, 0)");
        }

        try (SqliteSessionStore store = TestSessions.store(dir)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(store.index().load("claude-code").get("/p/a.jsonl").state()).containsExactly(0, 0xff);
            assertThat(store.usage("claude-code")).hasSize(1);
            store.history().record(List.of(TestSessions.snapshot("a", 10, 90)), TestSessions.T0);
            assertThat(store.history().sessions(new Query(Optional.empty(), Optional.empty(), Optional.empty())))
                    .hasSize(1);
        }
    }

    @Test
    void open_storeMigratedToV1ByThisCode_upgradesOnNextOpen() {
        Path db = dir.resolve("store.db");
        try (SqliteSessionStore v1 = SqliteSessionStore.open(db, TestSessions.CLOCK, 1)) {
            assertThat(v1.schemaVersion()).isEqualTo(1);
        }

        try (SqliteSessionStore store = SqliteSessionStore.open(db, TestSessions.CLOCK)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
        }
    }

    @Test
    void open_reopenedLatestStore_appliesNothing() {
        TestSessions.store(dir).close();

        try (SqliteSessionStore store = TestSessions.store(dir)) {
            assertThat(store.<Integer>query(h -> h.createQuery("SELECT COUNT(*) FROM schema_version")
                    .mapTo(Integer.class).one())).isEqualTo(Migrations.ALL.size());
        }
    }

    @Test
    void open_newerSchema_refusedNamingBothVersionsAndLeftInPlace() throws Exception {
        Path db = dir.resolve("store.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute(Migrations.SCHEMA_VERSION_DDL);
            st.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
        }

        assertThatThrownBy(() -> TestSessions.store(dir))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA))
                .hasMessageContaining("store.db has schema version 99; this llm-session understands up to 6")
                .hasMessageContaining("--data-dir");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("corrupt"));
        }
    }
}
