package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.TranscriptIndex;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The store's per-file index (table {@code indexed_file}) and the usage rows adapters commit with it (table
 * {@code usage}, each row naming its file and its session by an id: tables {@code usage_file} and
 * {@code usage_session} give each id's adapter and path or session), in one transaction per commit. Thread-safe.
 */
final class SqliteTranscriptIndex implements TranscriptIndex {
    /** An index entry's columns, in {@link #entry}'s order. */
    private static final String ENTRIES = "SELECT path, file_key, size, mtime, \"offset\", state FROM indexed_file ";

    private final SqliteDatabase db;

    SqliteTranscriptIndex(SqliteDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public Map<String, Entry> load(String adapterId) {
        Objects.requireNonNull(adapterId, "adapterId");
        List<Entry> entries = db.read(h -> h.createQuery(ENTRIES + "WHERE adapter = :a")
                .bind("a", adapterId)
                .map((rs, ctx) -> entry(rs))
                .list());
        Map<String, Entry> byPath = new LinkedHashMap<>();
        entries.forEach(e -> byPath.put(e.path(), e));
        return byPath;
    }

    @Override
    public Map<String, Entry> load(String adapterId, Collection<String> paths) {
        Objects.requireNonNull(adapterId, "adapterId");
        Objects.requireNonNull(paths, "paths");
        Map<String, Entry> byPath = new LinkedHashMap<>();
        // through the driver's statement: a running-only list loads the live projects' claims with this, on the
        // thread the refresh then waits for (19-26 ms for four rows through JDBI, 5-10 ms so)
        db.read(h -> {
            InQuery.run(h, ENTRIES + "WHERE adapter = ? AND path IN ", "", List.of(adapterId),
                    new LinkedHashSet<>(paths), rs -> {
                        Entry e = entry(rs);
                        byPath.put(e.path(), e);
                    });
            return null;
        });
        return byPath;
    }

    /** The entry of the current row of a query that starts with {@link #ENTRIES}. */
    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                orEmpty(rs.getBytes(6)));
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
        db.write(h -> {
            // the sessions some of whose rows go: those left without any give their id up at the end
            Set<String> lost = new java.util.HashSet<>();
            for (String path : commit.removed()) {
                lost.addAll(deleteUsage(db, h, adapterId, path));
                h.createUpdate("DELETE FROM indexed_file WHERE adapter = :a AND path = :p")
                        .bind("a", adapterId).bind("p", path).execute();
            }
            if (!commit.upserts().isEmpty()) {
                SqliteDatabase.Chunked files = new SqliteDatabase.Chunked(h, "INSERT INTO indexed_file "
                        + "(adapter, path, file_key, size, mtime, \"offset\", state) "
                        + "VALUES (:a, :p, :k, :s, :m, :o, :st) ON CONFLICT (adapter, path) DO UPDATE SET "
                        + "file_key = excluded.file_key, size = excluded.size, mtime = excluded.mtime, "
                        + "\"offset\" = excluded.\"offset\", state = excluded.state");
                // in path order, as the usage rows below
                List<Entry> byPath = new java.util.ArrayList<>(commit.upserts());
                byPath.sort(java.util.Comparator.comparing(Entry::path));
                for (Entry e : byPath) {
                    files.add(b -> b.bind("a", adapterId).bind("p", e.path()).bind("k", e.fileKey()).bind("s", e.size())
                            .bind("m", e.mtime()).bind("o", e.offset()).bind("st", e.state()));
                }
                files.flush();
            }
            // only the paths the commit names get new usage rows: an adapter may keep a file's entry and its
            // calls' rows apart (the Claude adapter files each session's winning calls under its main file).
            // A path whose stored rows are already the ones committed is left alone: no write, no session touched
            // (a running-only `list` refiles its live sessions' unchanged rows every time).
            // The replaced paths in path order: new files get their ids, and so their rows' place, in that order.
            // Each path's rows are taken once (an adapter may hand a list that builds its rows as it is iterated)
            // and compared and inserted from that copy.
            Map<String, Long> ids = ids(h, "usage_file", "path", adapterId, commit.usage().keySet());
            Map<Long, Map<String, UsageRow>> storedById = storedRows(h, ids.values());
            Map<String, Collection<UsageRow>> replaced = new java.util.TreeMap<>();
            Set<String> touched = new java.util.HashSet<>();
            for (Map.Entry<String, List<UsageRow>> e : commit.usage().entrySet()) {
                Long id = ids.get(e.getKey());
                Map<String, UsageRow> stored = id == null ? Map.of() : storedById.getOrDefault(id, Map.of());
                Map<String, UsageRow> wanted = byCallKey(List.copyOf(e.getValue()));
                if (!sameRows(stored, wanted)) {
                    replaced.put(e.getKey(), wanted.values());
                    stored.values().forEach(u -> lost.add(u.sessionId()));
                    stored.values().forEach(u -> touched.add(u.sessionId()));
                    wanted.values().forEach(u -> touched.add(u.sessionId()));
                }
            }
            db.usageChanges().touched(adapterId, touched);
            // a replaced file's rows go; a file left without rows gives its id up
            SqliteDatabase.Chunked deletes = new SqliteDatabase.Chunked(h, "DELETE FROM usage WHERE file_id = :f");
            SqliteDatabase.Chunked unused = new SqliteDatabase.Chunked(h, "DELETE FROM usage_file WHERE id = :f");
            for (Map.Entry<String, Collection<UsageRow>> e : replaced.entrySet()) {
                Long id = ids.get(e.getKey());
                if (id != null) {
                    deletes.add(b -> b.bind("f", id));
                    if (e.getValue().isEmpty()) {
                        unused.add(b -> b.bind("f", id));
                    }
                }
            }
            deletes.flush();
            unused.flush();
            insertUsage(h, adapterId, replaced, ids);
            dropUnusedSessions(h, adapterId, lost);
            return null;
        });
    }

    /**
     * Inserts the rows of each path of {@code rows} under the path's file id, giving the paths without one
     * (not in {@code ids}) and the sessions without one a new id first. The rows are already one per call key: the
     * table has no unique index (it would repeat every key), so the uniqueness of (file, call key) is this method's
     * callers'. The rows go in through {@link DriverBatch}.
     */
    private static void insertUsage(Handle h, String adapterId, Map<String, Collection<UsageRow>> rows,
            Map<String, Long> ids) {
        Set<String> sessions = new java.util.HashSet<>();
        rows.values().forEach(list -> list.forEach(u -> sessions.add(u.sessionId())));
        Map<String, Long> sessionIds = ids(h, "usage_session", "session_id", adapterId, sessions);
        try (PreparedStatement newFile = h.getConnection().prepareStatement(
                "INSERT INTO usage_file (adapter, path) VALUES (?, ?) RETURNING id");
                PreparedStatement newSession = h.getConnection().prepareStatement(
                        "INSERT INTO usage_session (adapter, session_id) VALUES (?, ?) RETURNING id");
                DriverBatch insert = new DriverBatch(h, "INSERT INTO usage (file_id, session, call_key, at, model, "
                        + "input, output, cache_write, cache_read, cost_usd, sidechain) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (String session : sessions) {
                if (!sessionIds.containsKey(session)) {
                    sessionIds.put(session, newId(newSession, adapterId, session));
                }
            }
            for (Map.Entry<String, Collection<UsageRow>> path : rows.entrySet()) {
                if (path.getValue().isEmpty()) {
                    continue;
                }
                Long known = ids.get(path.getKey());
                long id = known != null ? known : newId(newFile, adapterId, path.getKey());
                for (UsageRow u : path.getValue()) {
                    insert.add(id, sessionIds.get(u.sessionId()), u.callKey(), u.at(), u.model(), u.input(),
                            u.output(), u.cacheWrite(), u.cacheRead(), Double.isNaN(u.costUsd()) ? null : u.costUsd(),
                            u.sidechain() ? 1 : 0);
                }
            }
            insert.flush();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Runs one of the inserts of a new (adapter, name) pair and returns the id it was given. */
    private static long newId(PreparedStatement insert, String adapterId, String name) throws SQLException {
        insert.setString(1, adapterId);
        insert.setString(2, name);
        try (ResultSet rs = insert.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("no id returned for " + name);
            }
            return rs.getLong(1);
        }
    }

    /** Those of {@code sessions} that no usage row names any more give their id up. */
    private static void dropUnusedSessions(Handle h, String adapterId, Set<String> sessions) {
        SqliteDatabase.Chunked unused = new SqliteDatabase.Chunked(h, "DELETE FROM usage_session WHERE adapter = :a "
                + "AND session_id = :s AND NOT EXISTS (SELECT 1 FROM usage u WHERE u.session = usage_session.id)");
        sessions.forEach(session -> unused.add(b -> b.bind("a", adapterId).bind("s", session)));
        unused.flush();
    }

    /**
     * The ids that {@code table} ({@code usage_file} or {@code usage_session}) gives those of {@code names} (paths or
     * session ids, in {@code column}) it holds for the adapter: the ones that have usage rows (a few queries).
     */
    private static Map<String, Long> ids(Handle h, String table, String column, String adapterId, Set<String> names) {
        Map<String, Long> out = new java.util.HashMap<>();
        InQuery.run(h, "SELECT id, " + column + " FROM " + table + " WHERE adapter = ? AND " + column + " IN ", "",
                List.of(adapterId), names, rs -> out.put(rs.getString(2), rs.getLong(1)));
        return out;
    }

    /** The usage rows stored under each of the file {@code ids}, by id and call key (a few queries for them all). */
    private static Map<Long, Map<String, UsageRow>> storedRows(Handle h, Collection<Long> ids) {
        Map<Long, Map<String, UsageRow>> out = new java.util.HashMap<>();
        InQuery.run(h, "SELECT u.file_id, s.session_id, u.call_key, u.at, u.model, u.input, u.output, "
                + "u.cache_write, u.cache_read, u.cost_usd, u.sidechain FROM usage u "
                + "JOIN usage_session s ON s.id = u.session WHERE u.file_id IN ", "", List.of(), ids, rs -> {
                    UsageRow u = usageRow(rs);
                    out.computeIfAbsent(rs.getLong("file_id"), k -> new java.util.HashMap<>()).put(u.callKey(), u);
                });
        return out;
    }

    /**
     * Whether two paths' rows are the same, field by field as the record compares them (spelt out: the record's
     * equals is bootstrapped through method handles on first use, a cost a short command pays on every run).
     */
    private static boolean sameRows(Map<String, UsageRow> stored, Map<String, UsageRow> wanted) {
        if (stored.size() != wanted.size()) {
            return false;
        }
        for (UsageRow w : wanted.values()) {
            UsageRow s = stored.get(w.callKey());
            if (s == null || !s.sessionId().equals(w.sessionId()) || s.at() != w.at() || !s.model().equals(w.model())
                    || s.input() != w.input() || s.output() != w.output() || s.cacheWrite() != w.cacheWrite()
                    || s.cacheRead() != w.cacheRead() || Double.compare(s.costUsd(), w.costUsd()) != 0
                    || s.sidechain() != w.sidechain()) {
                return false;
            }
        }
        return true;
    }

    /** The rows as the table keeps them: one per call key, the last one given winning, in the keys' first order. */
    private static Map<String, UsageRow> byCallKey(List<UsageRow> rows) {
        Map<String, UsageRow> out = new LinkedHashMap<>();
        rows.forEach(u -> out.put(u.callKey(), u));
        return out;
    }

    private static UsageRow usageRow(ResultSet rs) throws SQLException {
        double cost = rs.getDouble("cost_usd");
        boolean noCost = rs.wasNull();
        return new UsageRow(rs.getString("session_id"), rs.getString("call_key"), rs.getLong("at"),
                rs.getString("model"), rs.getLong("input"), rs.getLong("output"), rs.getLong("cache_write"),
                rs.getLong("cache_read"), noCost ? Double.NaN : cost, rs.getInt("sidechain") != 0);
    }

    /**
     * A removed path's rows and its file id go; the sessions they belonged to are touched and returned (their ids
     * are the caller's to give up once no row names them).
     */
    private static List<String> deleteUsage(SqliteDatabase db, Handle h, String adapterId, String path) {
        Optional<Long> id = h.createQuery("SELECT id FROM usage_file WHERE adapter = :a AND path = :p")
                .bind("a", adapterId).bind("p", path).mapTo(Long.class).findOne();
        if (id.isEmpty()) {
            return List.of();
        }
        List<String> sessions = h.createQuery("SELECT DISTINCT s.session_id FROM usage u "
                + "JOIN usage_session s ON s.id = u.session WHERE u.file_id = :f")
                .bind("f", id.get()).mapTo(String.class).list();
        db.usageChanges().touched(adapterId, sessions);
        h.createUpdate("DELETE FROM usage WHERE file_id = :f").bind("f", id.get()).execute();
        h.createUpdate("DELETE FROM usage_file WHERE id = :f").bind("f", id.get()).execute();
        return sessions;
    }

    /** Usage rows of one adapter, for reports and tests. */
    List<UsageRow> usage(String adapterId) {
        return db.read(h -> h.createQuery("SELECT u.*, s.session_id FROM usage u JOIN usage_file f ON f.id = u.file_id "
                + "JOIN usage_session s ON s.id = u.session WHERE f.adapter = :a ORDER BY u.at, f.path, u.call_key")
                .bind("a", adapterId)
                .map((rs, ctx) -> usageRow(rs))
                .list());
    }

    /** Forgets every entry and usage row, so the next refresh reads every file again. */
    void clear() {
        db.write(h -> {
            db.usageChanges().everything();
            h.execute("DELETE FROM usage");
            h.execute("DELETE FROM usage_file");
            h.execute("DELETE FROM usage_session");
            h.execute("DELETE FROM indexed_file");
            return null;
        });
    }
}
