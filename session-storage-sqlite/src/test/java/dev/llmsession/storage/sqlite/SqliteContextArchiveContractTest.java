package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.ContextArchive;
import dev.llmsession.testkit.store.ContextArchiveContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ContextArchiveContract} against the SQLite store, on a fresh store file per test. */
class SqliteContextArchiveContractTest extends ContextArchiveContract {
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
    protected ContextArchive newArchive() {
        return open().contexts();
    }
}
