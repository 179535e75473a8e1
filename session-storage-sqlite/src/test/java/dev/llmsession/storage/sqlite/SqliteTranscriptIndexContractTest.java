package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.testkit.store.TranscriptIndexContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link TranscriptIndexContract} against the SQLite store, on a fresh store file per test. */
class SqliteTranscriptIndexContractTest extends TranscriptIndexContract {
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
    protected TranscriptIndex newIndex() {
        return open().index();
    }
}
