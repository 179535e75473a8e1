package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.testkit.store.FileTokenCacheContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link FileTokenCacheContract} against the SQLite store, on a fresh store file per test. */
class SqliteFileTokenCacheContractTest extends FileTokenCacheContract {
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
    protected FileTokenCache newCache() {
        return open().fileTokenCache();
    }
}
