package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.ContextArchive;
import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.spi.TranscriptIndex.UsageRow;
import dev.llmsession.spi.UsageLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The SQLite store: one class per role over one shared {@link SqliteDatabase}. Thread-safe.
 */
final class SqliteSessionStore implements SessionStore {
    private final SqliteDatabase db;
    private final SqliteTranscriptIndex index;
    private final SqliteSnapshotHistory history;
    private final SqliteUsageLedger ledger;
    private final SqliteContextArchive contexts;
    private final SqliteFileTokenCache tokens;

    private SqliteSessionStore(SqliteDatabase db) {
        this.db = db;
        this.index = new SqliteTranscriptIndex(db);
        this.history = new SqliteSnapshotHistory(db);
        this.ledger = new SqliteUsageLedger(db);
        this.contexts = new SqliteContextArchive(db);
        this.tokens = new SqliteFileTokenCache(db);
    }

    /** Opens (creating or upgrading) the store at {@code db}; see {@link SqliteDatabase#open(Path, Clock)}. */
    static SqliteSessionStore open(Path db, Clock clock) {
        return new SqliteSessionStore(SqliteDatabase.open(db, clock));
    }

    /** Opens the store migrated only up to {@code target}, for tests of older schemas. */
    static SqliteSessionStore open(Path db, Clock clock, int target) {
        return new SqliteSessionStore(SqliteDatabase.open(db, clock, target));
    }

    @Override
    public TranscriptIndex index() {
        return index;
    }

    @Override
    public SnapshotHistory history() {
        return history;
    }

    @Override
    public UsageLedger ledger() {
        return ledger;
    }

    @Override
    public ContextArchive contexts() {
        return contexts;
    }

    @Override
    public FileTokenCache fileTokenCache() {
        return tokens;
    }

    @Override
    public void clearIndex() {
        index.clear();
    }

    @Override
    public List<String> takeNotices() {
        return db.takeNotices();
    }

    @Override
    public List<String> describe() {
        return db.describe();
    }

    @Override
    public void close() {
        db.close();
    }

    /** The file this store lives in. */
    Path path() {
        return db.path();
    }

    /** The recorded schema version. */
    int schemaVersion() {
        return db.schemaVersion();
    }

    /** Runs a read-only query against the store, for tests and diagnostics. */
    <T> T query(Function<Handle, T> body) {
        return db.query(body);
    }

    /** Drops the open connection; the next operation opens a fresh one (tests use it to reach a replaced file). */
    void dropConnection() {
        db.dropConnection();
    }

    /** Usage rows of one adapter, for tests. */
    List<UsageRow> usage(String adapterId) {
        return index.usage(adapterId);
    }
}
