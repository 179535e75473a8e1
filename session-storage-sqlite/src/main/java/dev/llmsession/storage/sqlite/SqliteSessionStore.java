package dev.llmsession.storage.sqlite;

import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.LlmSessionException;
import dev.llmsession.error.StoreException;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import dev.llmsession.model.Session;
import dev.llmsession.model.StoredContext;
import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageSlice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite store and its transcript index, one WAL-mode file shared safely by threads and processes: one
 * connection per store, used by one thread at a time; write transactions begin {@code IMMEDIATE} so writers of
 * other processes queue on the busy timeout instead of failing on a lock upgrade. Thread-safe.
 */
final class SqliteSessionStore implements SessionStore, TranscriptIndex {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteSessionStore.class);
    /**
     * Largest file checked with {@code PRAGMA quick_check} on every open: the check reads every page (about
     * 250 ms for 135 MB), too slow for {@code list}'s budget on a large store, which is checked by
     * {@link #describe()} ({@code doctor}) instead; damage found by any query is handled the same way.
     */
    static final long QUICK_CHECK_ON_OPEN_MAX_BYTES = 16L << 20;
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path db;
    private final Clock clock;
    private final SqliteFileTokenCache fileTokenCache = new SqliteFileTokenCache(this);
    private final StoreConnection connection;
    private final Jdbi jdbi;
    private final List<String> notices = new ArrayList<>();
    private int generation;
    /** Identity (inode) of the file the connection opened, to tell our damaged file from a replacement. */
    private volatile Object openedKey;

    private SqliteSessionStore(Path db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.connection = new StoreConnection(db);
        this.jdbi = Jdbi.create(connection);
    }

    /**
     * Opens (creating or upgrading) the store at {@code db}. A corrupt or unreadable file is moved aside and a
     * fresh store created, with one notice queued for {@link #takeNotices()}.
     *
     * @throws StoreException when the schema is newer than this code, or the file cannot be opened even fresh
     */
    static SqliteSessionStore open(Path db, Clock clock) {
        return open(db, clock, Migrations.LATEST);
    }

    /** Opens the store migrated only up to {@code target}, for tests of older schemas. */
    static SqliteSessionStore open(Path db, Clock clock, int target) {
        SqliteSessionStore store = new SqliteSessionStore(db, clock);
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
            String mode = jdbi.withHandle(h -> h.createQuery("PRAGMA journal_mode=WAL").mapTo(String.class).one());
            if (!"wal".equalsIgnoreCase(mode)) {
                LOG.debug("journal_mode of {} is {}, not wal", db, mode);
            }
            int version = jdbi.inTransaction(h -> Migrations.migrate(h, db, target, clock));
            LOG.debug("store {} at schema version {}", db, version);
            if (size(db) <= QUICK_CHECK_ON_OPEN_MAX_BYTES) {
                jdbi.useHandle(SqliteSessionStore::quickCheck);
            }
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
        if (!db.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (!Files.exists(db, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(db, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else if (Files.isRegularFile(db, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !Files.getPosixFilePermissions(db).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(db, OWNER_ONLY);
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

    // ---- TranscriptIndex ----------------------------------------------------------------------------------

    @Override
    public TranscriptIndex index() {
        return this;
    }

    @Override
    public Map<String, Entry> load(String adapterId) {
        Objects.requireNonNull(adapterId, "adapterId");
        List<Entry> entries = read(h -> h.createQuery(
                "SELECT path, file_key, size, mtime, \"offset\", state FROM indexed_file WHERE adapter = :a")
                .bind("a", adapterId)
                .map((rs, ctx) -> new Entry(rs.getString("path"), rs.getString("file_key"), rs.getLong("size"),
                        rs.getLong("mtime"), rs.getLong("offset"), orEmpty(rs.getBytes("state"))))
                .list());
        Map<String, Entry> byPath = new LinkedHashMap<>();
        entries.forEach(e -> byPath.put(e.path(), e));
        return byPath;
    }

    /** Paths per {@code IN (…)} query: well below SQLite's bound-parameter limit. */
    static final int LOAD_BATCH = 500;

    @Override
    public Map<String, Entry> load(String adapterId, Collection<String> paths) {
        Objects.requireNonNull(adapterId, "adapterId");
        Objects.requireNonNull(paths, "paths");
        List<String> distinct = List.copyOf(new LinkedHashSet<>(paths));
        Map<String, Entry> byPath = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return byPath;
        }
        read(h -> {
            for (int from = 0; from < distinct.size(); from += LOAD_BATCH) {
                List<String> batch = distinct.subList(from, Math.min(distinct.size(), from + LOAD_BATCH));
                h.createQuery("SELECT path, file_key, size, mtime, \"offset\", state FROM indexed_file "
                        + "WHERE adapter = :a AND path IN (<paths>)")
                        .bind("a", adapterId)
                        .bindList("paths", batch)
                        .map((rs, ctx) -> new Entry(rs.getString("path"), rs.getString("file_key"), rs.getLong("size"),
                                rs.getLong("mtime"), rs.getLong("offset"), orEmpty(rs.getBytes("state"))))
                        .forEach(e -> byPath.put(e.path(), e));
            }
            return null;
        });
        return byPath;
    }

    private static byte[] orEmpty(byte[] b) {
        return b == null ? new byte[0] : b;
    }

    @Override
    public void commit(String adapterId, Commit commit) {
        Objects.requireNonNull(adapterId, "adapterId");
        Objects.requireNonNull(commit, "commit");
        if (commit.isEmpty() && commit.usage().isEmpty()) {
            return;
        }
        write(h -> {
            for (String path : commit.removed()) {
                deleteUsage(h, adapterId, path);
                h.createUpdate("DELETE FROM indexed_file WHERE adapter = :a AND path = :p")
                        .bind("a", adapterId).bind("p", path).execute();
            }
            if (!commit.upserts().isEmpty()) {
                Chunked files = new Chunked(h, "INSERT INTO indexed_file "
                        + "(adapter, path, file_key, size, mtime, \"offset\", state) "
                        + "VALUES (:a, :p, :k, :s, :m, :o, :st) ON CONFLICT (adapter, path) DO UPDATE SET "
                        + "file_key = excluded.file_key, size = excluded.size, mtime = excluded.mtime, "
                        + "\"offset\" = excluded.\"offset\", state = excluded.state");
                for (Entry e : commit.upserts()) {
                    files.add(b -> b.bind("a", adapterId).bind("p", e.path()).bind("k", e.fileKey()).bind("s", e.size())
                            .bind("m", e.mtime()).bind("o", e.offset()).bind("st", e.state()));
                }
                files.flush();
            }
            // only the paths the commit names get new usage rows: an adapter may keep a file's entry and its
            // calls' rows apart (the Claude adapter files each session's winning calls under its main file)
            Set<String> replaced = new LinkedHashSet<>(commit.usage().keySet());
            Chunked rows = new Chunked(h, "INSERT OR REPLACE INTO usage (adapter, path, session_id, call_key, "
                    + "at, model, input, output, cache_write, cache_read, cost_usd, sidechain) VALUES "
                    + "(:a, :p, :sid, :key, :at, :model, :in, :out, :cw, :cr, :cost, :side)");
            Chunked deletes = new Chunked(h, "DELETE FROM usage WHERE adapter = :a AND path = :p");
            replaced.forEach(path -> deletes.add(b -> b.bind("a", adapterId).bind("p", path)));
            deletes.flush();
            for (String path : replaced) {
                for (UsageRow u : commit.usage().getOrDefault(path, List.of())) {
                    rows.add(b -> b.bind("a", adapterId).bind("p", path).bind("sid", u.sessionId())
                            .bind("key", u.callKey()).bind("at", u.at()).bind("model", u.model())
                            .bind("in", u.input()).bind("out", u.output()).bind("cw", u.cacheWrite())
                            .bind("cr", u.cacheRead()).bind("cost", Double.isNaN(u.costUsd()) ? null : (Double) u.costUsd())
                            .bind("side", u.sidechain() ? 1 : 0));
                }
            }
            rows.flush();
            return null;
        });
    }

    /**
     * A prepared batch executed every {@value #ROWS} rows: one refresh of a large history commits tens of
     * thousands of rows, and binding them all before one execute costs hundreds of megabytes.
     */
    static final class Chunked {
        private static final int ROWS = 500;
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

    private static void deleteUsage(Handle h, String adapterId, String path) {
        h.createUpdate("DELETE FROM usage WHERE adapter = :a AND path = :p")
                .bind("a", adapterId).bind("p", path).execute();
    }

    /** Usage rows of one adapter, for reports and tests. */
    List<UsageRow> usage(String adapterId) {
        return read(h -> h.createQuery("SELECT * FROM usage WHERE adapter = :a ORDER BY at, path, call_key")
                .bind("a", adapterId)
                .map((rs, ctx) -> {
                    double cost = rs.getDouble("cost_usd");
                    boolean noCost = rs.wasNull();
                    return new UsageRow(rs.getString("session_id"), rs.getString("call_key"), rs.getLong("at"),
                            rs.getString("model"), rs.getLong("input"), rs.getLong("output"),
                            rs.getLong("cache_write"), rs.getLong("cache_read"), noCost ? Double.NaN : cost,
                            rs.getInt("sidechain") != 0);
                })
                .list());
    }

    /**
     * One pass over the usage rows, summed as they are (each row is one call its adapter has already decided
     * on: owner session, winning copy, replay or not, so nothing is de-duplicated here) per assistant, session,
     * model and 15-minute slot, with the calls exactly on a full hour apart (see {@link UsageSlice#onHour()}).
     * Projects come from a second, small query: joining the session table row by row cost minutes on a large
     * history (no index on the native id), and a map of a few thousand sessions costs milliseconds.
     */
    static final String USAGE_SLICES = "SELECT adapter, session_id, model, at / " + UsageSlice.SLOT_MILLIS
            + " AS slot, (at % 3600000 = 0) AS on_hour, MIN(at) AS first_at, MAX(at) AS last_at, COUNT(*) AS calls, "
            + "SUM(input) AS input, SUM(output) AS output, SUM(cache_write) AS cache_write, "
            + "SUM(cache_read) AS cache_read, TOTAL(cost_usd) AS cost, SUM(cost_usd IS NULL) AS unpriced "
            + "FROM usage WHERE (:from IS NULL OR at >= :from) AND (:until IS NULL OR at < :until) "
            + "AND (:assistant IS NULL OR adapter = :assistant) "
            + "GROUP BY adapter, session_id, model, slot, on_hour";

    @Override
    public List<UsageSlice> usage(UsageFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return read(h -> {
            Map<String, String> projects = new HashMap<>();
            h.createQuery("SELECT assistant, native_id, project FROM session WHERE project IS NOT NULL")
                    .map((rs, ctx) -> Map.entry(rs.getString("assistant") + "\u0000" + rs.getString("native_id"),
                            rs.getString("project")))
                    .forEach(e -> projects.put(e.getKey(), e.getValue()));
            List<UsageSlice> slices = h.createQuery(USAGE_SLICES)
                    .bind("from", filter.from().map(Instant::toEpochMilli).orElse(null))
                    .bind("until", filter.until().map(Instant::toEpochMilli).orElse(null))
                    .bind("assistant", filter.assistant().orElse(null))
                    .map((rs, ctx) -> {
                        String adapter = rs.getString("adapter");
                        String session = rs.getString("session_id");
                        return new UsageSlice(adapter, session,
                                projects.getOrDefault(adapter + "\u0000" + session, ""), rs.getString("model"),
                                rs.getLong("slot") * UsageSlice.SLOT_MILLIS, rs.getInt("on_hour") != 0,
                                rs.getLong("first_at"), rs.getLong("last_at"), rs.getLong("calls"), rs.getLong("input"),
                                rs.getLong("output"), rs.getLong("cache_write"), rs.getLong("cache_read"),
                                rs.getDouble("cost"), rs.getLong("unpriced"));
                    })
                    .list();
            if (filter.project().isPresent()) {
                slices = slices.stream().filter(sl -> sl.project().equals(filter.project().get())).toList();
            }
            return slices;
        });
    }

    // ---- SessionStore -------------------------------------------------------------------------------------

    @Override
    public void record(List<Snapshot> snapshots, Instant at) {
        Objects.requireNonNull(at, "at");
        Map<String, Snapshot> latest = new LinkedHashMap<>();
        snapshots.forEach(s -> latest.put(s.session().id().value(), s)); // at most one per session per call
        if (latest.isEmpty()) {
            return;
        }
        write(h -> {
            // One query for every session's latest sample, then batched writes: a refresh of a large
            // history records thousands of sessions, and one statement per session dominated it.
            Map<String, List<Object>> previous = new HashMap<>();
            h.createQuery("SELECT s.session_id, s.context_tokens, s.total_tokens, s.health_score FROM sample s "
                    + "JOIN (SELECT session_id, MAX(at) AS at FROM sample GROUP BY session_id) m "
                    + "ON s.session_id = m.session_id AND s.at = m.at")
                    .map((rs, ctx) -> {
                        previous.put(rs.getString("session_id"), Arrays.asList(
                                SessionRows.boxed(SessionRows.optLong(rs, "context_tokens")),
                                SessionRows.boxed(SessionRows.optLong(rs, "total_tokens")),
                                boxed(SessionRows.optInt(rs, "health_score"))));
                        return null;
                    })
                    .list();
            Chunked sessions = new Chunked(h, SessionRows.UPSERT);
            Chunked samples = new Chunked(h, "INSERT INTO sample (session_id, at, context_tokens, total_tokens, "
                    + "health_score) VALUES (:id, :at, :c, :t, :hs) ON CONFLICT (session_id, at) DO UPDATE SET "
                    + "context_tokens = excluded.context_tokens, total_tokens = excluded.total_tokens, "
                    + "health_score = excluded.health_score");
            for (Snapshot s : latest.values()) {
                Map<String, Object> row = SessionRows.toRow(s, at);
                sessions.add(b -> b.bindMap(row));
                List<Object> now = Arrays.asList(SessionRows.boxed(s.session().context().tokens()),
                        s.session().tokens().known() ? s.session().tokens().total().total() : null,
                        s.health().score().isPresent() ? s.health().score().getAsInt() : null);
                String id = s.session().id().value();
                if (!now.equals(previous.get(id))) {
                    samples.add(b -> b.bind("id", id).bind("at", at.toEpochMilli()).bind("c", now.get(0))
                            .bind("t", now.get(1)).bind("hs", now.get(2)));
                }
            }
            sessions.flush();
            samples.flush();
            return null;
        });
    }

    private static Integer boxed(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }

    @Override
    public List<Session> history(HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        return read(h -> h.createQuery("SELECT * FROM session WHERE (:since IS NULL OR last_activity_at >= :since) "
                + "AND (:project IS NULL OR project = :project) AND (:assistant IS NULL OR assistant = :assistant) "
                + "ORDER BY last_activity_at DESC, id")
                .bind("since", query.since().map(Instant::toEpochMilli).orElse(null))
                .bind("project", query.project().orElse(null))
                .bind("assistant", query.assistant().orElse(null))
                .map((rs, ctx) -> SessionRows.fromRow(rs))
                .list());
    }

    @Override
    public List<SessionSample> samples(SessionId id, Instant since) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(since, "since");
        return read(h -> h.createQuery("SELECT at, context_tokens, total_tokens, health_score FROM sample "
                + "WHERE session_id = :id AND at >= :since ORDER BY at")
                .bind("id", id.value()).bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new SessionSample(id, Instant.ofEpochMilli(rs.getLong("at")),
                        SessionRows.optLong(rs, "context_tokens"), SessionRows.optLong(rs, "total_tokens"),
                        SessionRows.optInt(rs, "health_score")))
                .list());
    }

    @Override
    public boolean recordContext(StoredContext context) {
        Objects.requireNonNull(context, "context");
        write(h -> h.createUpdate("INSERT INTO imported_context (sha256, source_id, assistant, cwd, exported_at, "
                + "imported_at, file, pack) VALUES (:sha, :src, :a, :cwd, :ex, :im, :file, :pack) "
                + "ON CONFLICT (sha256) DO UPDATE SET imported_at = excluded.imported_at, file = excluded.file")
                .bind("sha", context.sha256()).bind("src", context.sourceId()).bind("a", context.assistant())
                .bind("cwd", context.cwd().orElse(null)).bind("ex", context.exportedAt().toEpochMilli())
                .bind("im", context.importedAt().toEpochMilli()).bind("file", context.file())
                .bind("pack", context.json()).execute());
        return true;
    }

    @Override
    public List<StoredContext> contexts(Optional<String> sourceId) {
        Objects.requireNonNull(sourceId, "sourceId");
        return read(h -> h.createQuery("SELECT * FROM imported_context WHERE (:src IS NULL OR source_id = :src) "
                + "ORDER BY imported_at DESC, sha256")
                .bind("src", sourceId.orElse(null))
                .map((rs, ctx) -> new StoredContext(rs.getString("sha256"), rs.getString("source_id"),
                        rs.getString("assistant"), Optional.ofNullable(rs.getString("cwd")),
                        Instant.ofEpochMilli(rs.getLong("exported_at")), Instant.ofEpochMilli(rs.getLong("imported_at")),
                        rs.getString("file"), rs.getString("pack")))
                .list());
    }

    @Override
    public void clearIndex() {
        write(h -> {
            h.execute("DELETE FROM usage");
            h.execute("DELETE FROM indexed_file");
            return null;
        });
    }

    @Override
    public List<String> takeNotices() {
        synchronized (notices) {
            List<String> taken = List.copyOf(notices);
            notices.clear();
            return taken;
        }
    }

    @Override
    public Optional<FileTokenCache> fileTokenCache() {
        return Optional.of(fileTokenCache);
    }

    @Override
    public List<String> describe() {
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

    @Override
    public void close() {
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
