package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.OwnerOnlyFiles;
import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.LlmSessionException;
import dev.llmsession.error.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The handle every role of the SQLite store shares: one WAL-mode file shared safely by threads and processes, one
 * connection used by one thread at a time; write transactions begin {@code IMMEDIATE} so writers of other
 * processes queue on the busy timeout instead of failing on a lock upgrade. Damage found at open or by any later
 * query moves the file aside and starts afresh (one notice). Thread-safe.
 */
final class SqliteDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
    /**
     * Largest file checked with {@code PRAGMA quick_check} on every open: the check reads every page (about
     * 250 ms for 135 MB), too slow for {@code list}'s budget on a large store, which is checked by
     * {@link #describe()} ({@code doctor}) instead; damage found by any query is handled the same way.
     */
    static final long QUICK_CHECK_ON_OPEN_MAX_BYTES = 16L << 20;
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");


    private final Path db;
    private final Clock clock;
    private final StoreConnection connection;
    private final Jdbi jdbi;
    private final List<String> notices = new ArrayList<>();
    private int generation;
    private final UsageChanges usageChanges = new UsageChanges();
    /** Identity (inode) of the file the connection opened, to tell our damaged file from a replacement. */
    private volatile Object openedKey;

    private SqliteDatabase(Path db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.connection = new StoreConnection(db);
        this.jdbi = jdbi(connection);
    }

    private static Jdbi jdbi(StoreConnection connection) {
        Jdbi jdbi = Jdbi.create(connection);
        // read by a plain scan: JDBI's generated lexers were 50-100 ms of a short command (PlainSql)
        jdbi.getConfig(SqlStatements.class).setSqlParser(new PlainSql.Parser())
                .setTemplateEngine(new PlainSql.Attributes());
        return jdbi;
    }

    /**
     * Runs what a store's opening runs first (a connection, a pragma, a transaction, a query mapped to a value)
     * against a private in-memory database, so the next {@link #open} finds SQLite's native library loaded and JDBI
     * initialised: its first statement (JDBI's configuration, its statement events registered with the JDK's flight
     * recorder, sqlite-jdbc's classes) was 80-90 ms of an idle `list`, all of it before the refresh could begin.
     * Opens no file.
     */
    static void warmUp() {
        StoreConnection memory = StoreConnection.inMemory();
        Jdbi jdbi = jdbi(memory);
        memory.lock().lock();
        try {
            jdbi.withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
            jdbi.useTransaction(h -> h.createQuery("PRAGMA user_version").mapTo(Integer.class).one());
        } finally {
            memory.disconnect();
            memory.lock().unlock();
        }
    }

    /**
     * Opens (creating or upgrading) the store at {@code db}. A corrupt or unreadable file is moved aside and a
     * fresh store created, with one notice queued for {@link #takeNotices()}.
     *
     * @throws StoreException when the schema is newer than this code, or the file cannot be opened even fresh
     */
    static SqliteDatabase open(Path db, Clock clock) {
        return open(db, clock, Migrations.LATEST);
    }

    /** Opens the store migrated only up to {@code target}, for tests of older schemas. */
    static SqliteDatabase open(Path db, Clock clock, int target) {
        SqliteDatabase store = new SqliteDatabase(db, clock);
        try {
            store.initialiseRetryingBusy(target);
        } catch (RuntimeException e) {
            if (!isCorruption(e) && !(Files.exists(db) && !Files.isReadable(db))) {
                throw asStoreException(db, e);
            }
            store.moveAside(e);
            try {
                store.initialise(target);
            } catch (RuntimeException again) {
                throw asStoreException(db, again);
            }
        }
        return store;
    }

    /**
     * Switching a fresh file to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at once, without the
     * busy handler, where waiting could deadlock; when several processes open a new store together, the losers
     * simply try again shortly.
     */
    private void initialiseRetryingBusy(int target) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(StoreConnection.BUSY_TIMEOUT_MS);
        for (int attempt = 1; ; attempt++) {
            try {
                initialise(target);
                return;
            } catch (RuntimeException e) {
                if (!isBusy(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("store {} busy while opening (attempt {}), retrying", db, attempt);
                sleepQuietly(Math.min(200, 10L * attempt));
            }
        }
    }

    private static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Primary code of extended ones too (SQLITE_BUSY_RECOVERY, SQLITE_LOCKED_SHAREDCACHE, ...).
            if (t instanceof SQLiteException se && ((se.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code
                    || (se.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_LOCKED.code)) {
                return true;
            }
        }
        return false;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store", e);
        }
    }

    /** WAL mode (persistent in the file), migrations in one write transaction, then a quick check. */
    private void initialise(int target) {
        ownerOnly(db);
        locked(() -> {
            long started = System.nanoTime();
            String mode = jdbi.withHandle(h -> h.createQuery("PRAGMA journal_mode=WAL").mapTo(String.class).one());
            if (!"wal".equalsIgnoreCase(mode)) {
                LOG.debug("journal_mode of {} is {}, not wal", db, mode);
            }
            long connected = System.nanoTime();
            int version = jdbi.inTransaction(h -> Migrations.migrate(h, db, target, clock));
            long migrated = System.nanoTime();
            if (size(db) <= QUICK_CHECK_ON_OPEN_MAX_BYTES) {
                jdbi.useHandle(SqliteDatabase::quickCheck);
            }
            LOG.debug("store {} at schema version {}: connected in {} ms, migrated in {} ms, checked in {} ms", db,
                    version, (connected - started) / 1_000_000, (migrated - connected) / 1_000_000,
                    (System.nanoTime() - migrated) / 1_000_000);
            openedKey = fileKey();
            return null;
        });
    }

    private Object fileKey() {
        try {
            return Files.readAttributes(db, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether store.db is still the file this store opened (unknown identities count as the same). */
    private boolean sameFileAsOpened() {
        Object now = fileKey();
        Object then = openedKey;
        return now == null || then == null || now.equals(then);
    }

    /** Throws {@link CorruptStoreException} unless {@code PRAGMA quick_check} answers ok. */
    private static void quickCheck(Handle h) {
        String check = h.createQuery("PRAGMA quick_check").mapTo(String.class).list().stream().findFirst()
                .orElse("no answer");
        if (!"ok".equalsIgnoreCase(check)) {
            throw new CorruptStoreException("quick_check: " + check);
        }
    }

    /** Runs {@code op} holding the connection's lock. */
    private <T> T locked(Op<T> op) {
        connection.lock().lock();
        try {
            return op.run();
        } finally {
            connection.lock().unlock();
        }
    }

    /**
     * Makes store.db owner-only (0600 where POSIX) before SQLite opens it: SQLite creates a new file with the
     * umask's mode (0644, readable by all in a world-readable {@code --data-dir}) and gives its -wal and -shm the
     * mode of the database file, so an empty file created 0600 first keeps all three private. An existing store
     * of ours that others can read is tightened.
     */
    static void ownerOnly(Path db) {
        if (!OwnerOnlyFiles.posix(db)) {
            return;
        }
        try {
            if (!Files.exists(db, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                OwnerOnlyFiles.create(db);
            } else if (Files.isRegularFile(db, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !Files.getPosixFilePermissions(db).equals(OwnerOnlyFiles.READ_WRITE)) {
                OwnerOnlyFiles.restrict(db);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another process created it first, the same way
        } catch (IOException e) {
            LOG.debug("cannot make {} owner-only: {}", db, e.toString());
        }
    }

    /** Moves store.db (and its -wal and -shm) to {@code store.db.corrupt-<stamp>} and queues one notice. */
    private void moveAside(RuntimeException cause) {
        locked(() -> {
            connection.disconnect();
            return null;
        });
        String stamp = ASIDE_STAMP.format(clock.instant().atZone(clock.getZone()));
        Path aside = db.resolveSibling(db.getFileName() + ".corrupt-" + stamp);
        for (int n = 1; Files.exists(aside); n++) {
            aside = db.resolveSibling(db.getFileName() + ".corrupt-" + stamp + "-" + n);
        }
        try {
            move(db, aside);
            move(db.resolveSibling(db.getFileName() + "-wal"), aside.resolveSibling(aside.getFileName() + "-wal"));
            move(db.resolveSibling(db.getFileName() + "-shm"), aside.resolveSibling(aside.getFileName() + "-shm"));
        } catch (IOException e) {
            throw new StoreException(ErrorCode.IO, "store at " + db + " is unreadable (" + reason(cause)
                    + ") and cannot be moved aside (" + e.getMessage() + "); use --data-dir", e);
        }
        LOG.debug("moved corrupt store {} aside to {}", db, aside, cause);
        synchronized (notices) {
            notices.add("store at " + db + " was unreadable (" + reason(cause) + "); moved aside to " + aside
                    + "; rebuilding the index from the transcripts");
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            // another process moved it already, or the file never existed (no -wal yet)
        }
    }

    // ---- guarded execution: corruption found later is handled like corruption found at open -------------

    /** The sessions whose usage rows this store rewrote, for the ledger's cached slices. */
    UsageChanges usageChanges() {
        return usageChanges;
    }

    /**
     * What says whether the file changed under this connection since {@code previous} said it: the connections
     * opened so far and {@code PRAGMA data_version} (which moves when another connection commits). Call within
     * {@link #read}, whose lock keeps the connection.
     */
    Object writersSeen(Handle h) {
        long version = h.createQuery("PRAGMA data_version").mapTo(Long.class).one();
        return java.util.List.of(connection.opened(), version);
    }

    <T> T read(Function<Handle, T> body) {
        return guarded(() -> locked(() -> jdbi.withHandle(body::apply)));
    }

    <T> T write(Function<Handle, T> body) {
        return guarded(() -> locked(() -> jdbi.inTransaction(body::apply)));
    }

    private interface Op<T> {
        T run();
    }

    private <T> T guarded(Op<T> op) {
        int seen;
        synchronized (this) {
            seen = generation;
        }
        try {
            return op.run();
        } catch (RuntimeException e) {
            if (!isCorruption(e)) {
                throw asStoreException(db, e);
            }
            try {
                synchronized (this) {
                    if (seen == generation) {
                        if (sameFileAsOpened()) {
                            moveAside(e);
                        } else {
                            // another process moved the damaged file aside and started a fresh one: just reconnect
                            LOG.debug("store {} was replaced by another process; reconnecting", db);
                            locked(() -> {
                                connection.disconnect();
                                return null;
                            });
                        }
                        generation++;
                        initialise(Migrations.LATEST);
                    }
                }
                return op.run();
            } catch (RuntimeException again) {
                throw asStoreException(db, again);
            }
        }
    }


    /** Paths per {@code IN (…)} query: well below SQLite's bound-parameter limit. */
    static final int LOAD_BATCH = 500;


    /**
     * A prepared batch executed every {@value #ROWS} rows: one refresh of a large history commits tens of
     * thousands of rows, and binding them all before one execute costs hundreds of megabytes.
     */
    static final class Chunked {
        static final int ROWS = 500;
        private final Handle handle;
        private final String sql;
        private PreparedBatch batch;
        private int pending;

        Chunked(Handle handle, String sql) {
            this.handle = handle;
            this.sql = sql;
        }

        void add(Consumer<PreparedBatch> bind) {
            if (batch == null) {
                batch = handle.prepareBatch(sql);
            }
            bind.accept(batch);
            batch.add();
            if (++pending == ROWS) {
                flush();
            }
        }

        void flush() {
            if (pending > 0) {
                batch.execute();
                batch.close();
            }
            batch = null;
            pending = 0;
        }
    }

    /** Notices queued since the last call (a corrupt file moved aside), then forgotten. */
    List<String> takeNotices() {
        synchronized (notices) {
            List<String> taken = List.copyOf(notices);
            notices.clear();
            return taken;
        }
    }


    /** Where the database lives and what it holds, one line each, after a quick check. */
    List<String> describe() {
        Map<String, Long> counts = read(h -> {
            quickCheck(h);
            Map<String, Long> c = new HashMap<>();
            c.put("version", h.createQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")
                    .mapTo(Long.class).one());
            for (String table : List.of("indexed_file", "usage", "session", "sample", "imported_context",
                    "token_file")) {
                c.put(table, h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
            }
            return c;
        });
        // Index entries per adapter namespace: files, and whatever else an adapter keeps (project memos).
        List<String> namespaces = read(h -> h.createQuery("SELECT adapter, COUNT(*) AS n FROM indexed_file "
                + "GROUP BY adapter ORDER BY adapter").map((rs, ctx) -> rs.getString("adapter") + " " + rs.getLong("n"))
                .list());
        return List.of("store: " + db,
                "schema version: " + counts.get("version") + " (quick_check ok)",
                "size: " + size(db) + " bytes (write-ahead log: " + size(db.resolveSibling(db.getFileName() + "-wal"))
                        + " bytes)",
                "index entries: " + counts.get("indexed_file")
                        + (namespaces.isEmpty() ? "" : " (" + String.join(", ", namespaces) + ")")
                        + ", usage rows: " + counts.get("usage")
                        + ", sessions: " + counts.get("session") + ", samples: " + counts.get("sample")
                        + ", imported contexts: " + counts.get("imported_context"),
                "token counts cached: " + counts.get("token_file") + " file(s)");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The file this store lives in. */
    Path path() {
        return db;
    }

    /** The recorded schema version. */
    int schemaVersion() {
        return read(h -> h.createQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")
                .mapTo(Integer.class).one());
    }

    /** Runs a read-only query against the store, for tests and diagnostics. */
    <T> T query(Function<Handle, T> body) {
        return read(body);
    }

    /** Drops the open connection; the next operation opens a fresh one (tests use it to reach a replaced file). */
    void dropConnection() {
        locked(() -> {
            connection.disconnect();
            return null;
        });
    }

    /** Closes the connection; a later operation opens a fresh one. */
    void close() {
        locked(() -> {
            connection.disconnect();
            return null;
        });
    }

    // ---- errors -------------------------------------------------------------------------------------------

    /** Whether {@code e} says the file is not a (healthy) database: SQLITE_CORRUPT, SQLITE_NOTADB, quick_check. */
    static boolean isCorruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CorruptStoreException) {
                return true;
            }
            if (t instanceof SQLiteException s) {
                int primary = s.getResultCode().code & 0xff;
                if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
                    return true;
                }
            }
            if (t instanceof SQLException s && s.getMessage() != null
                    && (s.getMessage().contains("SQLITE_CORRUPT") || s.getMessage().contains("SQLITE_NOTADB"))) {
                return true;
            }
        }
        return false;
    }

    private static LlmSessionException asStoreException(Path db, RuntimeException e) {
        if (e instanceof LlmSessionException l) {
            return l;
        }
        return new StoreException(ErrorCode.IO, "store at " + db + " cannot be used (" + reason(e) + ")", e);
    }

    /** The innermost message, on one line. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ').strip();
    }

    /** The store opened but is damaged (quick_check did not say ok). */
    private static final class CorruptStoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CorruptStoreException(String message) {
            super(message);
        }
    }
}

