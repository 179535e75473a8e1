package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.SnapshotHistory.Query;
import dev.llmsession.spi.TranscriptIndex.Commit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CorruptStoreTest {
    private static final String ASIDE = "store.db.corrupt-20260302-083015";
    private static final Query ALL = new Query(Optional.empty(), Optional.empty(), Optional.empty());

    @TempDir
    Path dir;

    @Test
    void open_randomBytes_movesAsideNoticesOnceAndWorksEmpty() throws Exception {
        byte[] garbage = new byte[8192];
        new Random(42).nextBytes(garbage);
        Files.write(dir.resolve("store.db"), garbage);

        try (SqliteSessionStore store = TestSessions.store(dir)) {
            assertMovedAsideAndRebuilt(store, garbage);
        }
    }

    @Test
    void open_truncatedHeader_movesAsideAndRebuilds() throws Exception {
        byte[] header = Arrays.copyOf("SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 60);
        header[16] = 0x10; // page size 4096, then nothing
        Files.write(dir.resolve("store.db"), header);

        try (SqliteSessionStore store = TestSessions.store(dir)) {
            assertMovedAsideAndRebuilt(store, header);
        }
    }

    @Test
    void open_truncatedDatabase_movesAsideAndRebuilds() throws Exception {
        try (SqliteSessionStore store = TestSessions.store(dir)) {
            for (int i = 0; i < 200; i++) {
                store.history().record(List.of(TestSessions.snapshot("s" + i, 1000 + i, 90)), TestSessions.T0);
            }
            store.query(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        Path db = dir.resolve("store.db");
        byte[] whole = Files.readAllBytes(db);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        Files.write(db, truncated);
        Files.deleteIfExists(dir.resolve("store.db-wal"));
        Files.deleteIfExists(dir.resolve("store.db-shm"));

        try (SqliteSessionStore store = TestSessions.store(dir)) {
            assertMovedAsideAndRebuilt(store, truncated);
        }
    }

    @Test
    void history_fileReplacedByGarbageUnderFreshConnection_recoversOnThatOperation() throws Exception {
        try (SqliteSessionStore store = TestSessions.store(dir)) {
            store.history().record(List.of(TestSessions.snapshot("a", 1, 90)), TestSessions.T0);
            store.query(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
            Files.deleteIfExists(dir.resolve("store.db-wal"));
            Files.deleteIfExists(dir.resolve("store.db-shm"));
            byte[] garbage = new byte[4096];
            new Random(7).nextBytes(garbage);
            Files.write(dir.resolve("store.db"), garbage);
            store.dropConnection();

            assertThat(store.history().sessions(ALL)).isEmpty();
            assertThat(store.takeNotices()).singleElement().asString().contains(ASIDE);
            assertThat(Files.readAllBytes(dir.resolve(ASIDE))).isEqualTo(garbage);
        }
    }

    private void assertMovedAsideAndRebuilt(SqliteSessionStore store, byte[] original) throws Exception {
        Path db = dir.resolve("store.db");
        Path aside = dir.resolve(ASIDE);
        List<String> notices = store.takeNotices();
        assertThat(notices).singleElement().asString()
                .startsWith("store at " + db + " was unreadable (")
                .contains("moved aside to " + aside)
                .endsWith("rebuilding the index from the transcripts")
                .doesNotContain("\n").doesNotContain("Exception");
        assertThat(store.takeNotices()).isEmpty();
        assertThat(Files.readAllBytes(aside)).isEqualTo(original);
        assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
        assertThat(store.history().sessions(ALL)).isEmpty();
        store.index().commit("claude-code", new Commit(List.of(TestSessions.entry("/p/a.jsonl", 3, "s")), List.of(),
                Map.of("/p/a.jsonl", List.of(TestSessions.row("s", "k", 1)))));
        assertThat(store.index().load("claude-code")).containsOnlyKeys("/p/a.jsonl");
        assertThat(store.<String>query(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one()))
                .isEqualTo("ok");
    }
}
