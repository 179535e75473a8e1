package dev.llmsession.storage.sqlite;

import dev.llmsession.testkit.store.UsageLedgerContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link UsageLedgerContract} against the SQLite store, on a fresh store file per test. */
class SqliteUsageLedgerContractTest extends UsageLedgerContract {
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
    protected Parts newParts() {
        return Parts.of(open());
    }
}
