package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.testkit.store.SnapshotHistoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link SnapshotHistoryContract} against the SQLite store, on a fresh store file per test. */
class SqliteSnapshotHistoryContractTest extends SnapshotHistoryContract {
    @TempDir
    Path dir;
    private SqliteSessionStore store;

    private SqliteSessionStore open() {
        store = TestSessions.store(dir);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    protected SnapshotHistory newHistory() {
        return open().history();
    }
}
