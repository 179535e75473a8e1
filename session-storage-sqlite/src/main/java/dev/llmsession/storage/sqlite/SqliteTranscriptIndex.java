package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.TranscriptIndex;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The store's per-file index (table {@code indexed_file}) and the usage rows adapters commit with it (table
 * {@code usage}), in one transaction per commit. Thread-safe.
 */
final class SqliteTranscriptIndex implements TranscriptIndex {
    private final SqliteDatabase db;

    SqliteTranscriptIndex(SqliteDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }



    @Override
    public Map<String, Entry> load(String adapterId) {
        Objects.requireNonNull(adapterId, "adapterId");
        List<Entry> entries = db.read(h -> h.createQuery(
                "SELECT path, file_key, size, mtime, \"offset\", state FROM indexed_file WHERE adapter = :a")
                .bind("a", adapterId)
                .map((rs, ctx) -> new Entry(rs.getString("path"), rs.getString("file_key"), rs.getLong("size"),
                        rs.getLong("mtime"), rs.getLong("offset"), orEmpty(rs.getBytes("state"))))
                .list());
        Map<String, Entry> byPath = new LinkedHashMap<>();
        entries.forEach(e -> byPath.put(e.path(), e));
        return byPath;
    }


    @Override
    public Map<String, Entry> load(String adapterId, Collection<String> paths) {
        Objects.requireNonNull(adapterId, "adapterId");
        Objects.requireNonNull(paths, "paths");
        List<String> distinct = List.copyOf(new LinkedHashSet<>(paths));
        Map<String, Entry> byPath = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return byPath;
        }
        db.read(h -> {
            for (int from = 0; from < distinct.size(); from += SqliteDatabase.LOAD_BATCH) {
                List<String> batch = distinct.subList(from, Math.min(distinct.size(), from + SqliteDatabase.LOAD_BATCH));
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
        db.write(h -> {
            for (String path : commit.removed()) {
                deleteUsage(db, h, adapterId, path);
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
            // The replaced paths in path order: the primary key's index then grows at one place per project instead
            // of all over. Each path's rows are taken once (an adapter may hand a list that builds its rows as it is
            // iterated) and compared and inserted from that copy.
            Map<String, List<UsageRow>> replaced = new java.util.TreeMap<>();
            Set<String> touched = new java.util.HashSet<>();
            Map<String, Map<String, UsageRow>> storedByPath = storedRows(h, adapterId, commit.usage().keySet());
            for (Map.Entry<String, List<UsageRow>> e : commit.usage().entrySet()) {
                Map<String, UsageRow> stored = storedByPath.getOrDefault(e.getKey(), Map.of());
                List<UsageRow> given = List.copyOf(e.getValue());
                Map<String, UsageRow> wanted = byCallKey(given);
                if (!sameRows(stored, wanted)) {
                    replaced.put(e.getKey(), given);
                    stored.values().forEach(u -> touched.add(u.sessionId()));
                    wanted.values().forEach(u -> touched.add(u.sessionId()));
                }
            }
            db.usageChanges().touched(adapterId, touched);
            SqliteDatabase.Chunked deletes = new SqliteDatabase.Chunked(h, "DELETE FROM usage WHERE adapter = :a AND path = :p");
            replaced.keySet().forEach(path -> deletes.add(b -> b.bind("a", adapterId).bind("p", path)));
            deletes.flush();
            insertUsage(h, adapterId, replaced);
            return null;
        });
    }

    /**
     * Inserts the rows of each path of {@code rows}, in their order (a later row of the same call key replaces an
     * earlier one). Through the driver's own prepared statement: a first index inserts a row per call (74,000 for
     * the 1 GB corpus), and JDBI's named binding looks up an argument factory and a qualified type for every value.
     */
    private static void insertUsage(Handle h, String adapterId, Map<String, List<UsageRow>> rows) {
        try (PreparedStatement insert = h.getConnection().prepareStatement("INSERT OR REPLACE INTO usage (adapter, "
                + "path, session_id, call_key, at, model, input, output, cache_write, cache_read, cost_usd, sidechain) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (Map.Entry<String, List<UsageRow>> path : rows.entrySet()) {
                for (UsageRow u : path.getValue()) {
                    insert.setString(1, adapterId);
                    insert.setString(2, path.getKey());
                    insert.setString(3, u.sessionId());
                    insert.setString(4, u.callKey());
                    insert.setLong(5, u.at());
                    insert.setString(6, u.model());
                    insert.setLong(7, u.input());
                    insert.setLong(8, u.output());
                    insert.setLong(9, u.cacheWrite());
                    insert.setLong(10, u.cacheRead());
                    if (Double.isNaN(u.costUsd())) {
                        insert.setNull(11, Types.REAL);
                    } else {
                        insert.setDouble(11, u.costUsd());
                    }
                    insert.setInt(12, u.sidechain() ? 1 : 0);
                    insert.addBatch();
                    if (++pending == SqliteDatabase.Chunked.ROWS) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** The usage rows stored under each of {@code paths}, by path and call key (a few queries for them all). */
    private static Map<String, Map<String, UsageRow>> storedRows(Handle h, String adapterId, Set<String> paths) {
        Map<String, Map<String, UsageRow>> out = new java.util.HashMap<>();
        List<String> all = List.copyOf(paths);
        for (int from = 0; from < all.size(); from += SqliteDatabase.LOAD_BATCH) {
            h.createQuery("SELECT path, session_id, call_key, at, model, input, output, cache_write, cache_read, "
                    + "cost_usd, sidechain FROM usage WHERE adapter = :a AND path IN (<paths>)")
                    .bind("a", adapterId)
                    .bindList("paths", all.subList(from, Math.min(all.size(), from + SqliteDatabase.LOAD_BATCH)))
                    .map((rs, ctx) -> {
                        UsageRow u = usageRow(rs, ctx);
                        out.computeIfAbsent(rs.getString("path"), k -> new java.util.HashMap<>()).put(u.callKey(), u);
                        return u;
                    })
                    .list();
        }
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

    /** The rows as the table keeps them: one per call key, the last one given winning (INSERT OR REPLACE). */
    private static Map<String, UsageRow> byCallKey(List<UsageRow> rows) {
        Map<String, UsageRow> out = new java.util.HashMap<>();
        rows.forEach(u -> out.put(u.callKey(), u));
        return out;
    }

    private static UsageRow usageRow(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        double cost = rs.getDouble("cost_usd");
        boolean noCost = rs.wasNull();
        return new UsageRow(rs.getString("session_id"), rs.getString("call_key"), rs.getLong("at"),
                rs.getString("model"), rs.getLong("input"), rs.getLong("output"), rs.getLong("cache_write"),
                rs.getLong("cache_read"), noCost ? Double.NaN : cost, rs.getInt("sidechain") != 0);
    }

    /** The sessions whose usage rows {@code path} holds (the primary key's prefix: an index look-up). */
    private static List<String> sessionsOf(Handle h, String adapterId, String path) {
        return h.createQuery("SELECT DISTINCT session_id FROM usage WHERE adapter = :a AND path = :p")
                .bind("a", adapterId).bind("p", path).mapTo(String.class).list();
    }

    private static void deleteUsage(SqliteDatabase db, Handle h, String adapterId, String path) {
        db.usageChanges().touched(adapterId, sessionsOf(h, adapterId, path));
        h.createUpdate("DELETE FROM usage WHERE adapter = :a AND path = :p")
                .bind("a", adapterId).bind("p", path).execute();
    }

    /** Usage rows of one adapter, for reports and tests. */
    List<UsageRow> usage(String adapterId) {
        return db.read(h -> h.createQuery("SELECT * FROM usage WHERE adapter = :a ORDER BY at, path, call_key")
                .bind("a", adapterId)
                .map(SqliteTranscriptIndex::usageRow)
                .list());
    }

    /** Forgets every entry and usage row, so the next refresh reads every file again. */
    void clear() {
        db.write(h -> {
            db.usageChanges().everything();
            h.execute("DELETE FROM usage");
            h.execute("DELETE FROM indexed_file");
            return null;
        });
    }
}
