package dev.llmsession.storage.postgres;

import dev.llmsession.spi.TranscriptIndex;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * One machine's per-file index (table {@code machine_indexed_file}) and the usage rows committed with it
 * ({@code machine_usage}), in one transaction per commit. Thread-safe.
 */
final class PostgresTranscriptIndex implements TranscriptIndex {
    private static final String SELECT = "SELECT path, file_key, size, mtime, \"offset\", state "
            + "FROM machine_indexed_file WHERE machine = :machine AND adapter = :a";

    private final TeamDatabase db;
    private final String machine;

    PostgresTranscriptIndex(TeamDatabase db, String machine) {
        this.db = Objects.requireNonNull(db, "db");
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    @Override
    public Map<String, Entry> load(String adapterId) {
        Objects.requireNonNull(adapterId, "adapterId");
        return byPath(db.read(h -> h.createQuery(SELECT).bind("machine", machine).bind("a", adapterId)
                .map((rs, ctx) -> entry(rs)).list()));
    }

    @Override
    public Map<String, Entry> load(String adapterId, Collection<String> paths) {
        Objects.requireNonNull(adapterId, "adapterId");
        Objects.requireNonNull(paths, "paths");
        if (paths.isEmpty()) {
            return Map.of();
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(paths));
        return byPath(db.read(h -> h.createQuery(SELECT + " AND path = ANY(:paths)").bind("machine", machine)
                .bind("a", adapterId).bindArray("paths", String.class, distinct)
                .map((rs, ctx) -> entry(rs)).list()));
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString("path"), rs.getString("file_key"), rs.getLong("size"), rs.getLong("mtime"),
                rs.getLong("offset"), rs.getBytes("state"));
    }

    private static Map<String, Entry> byPath(List<Entry> entries) {
        Map<String, Entry> byPath = new LinkedHashMap<>();
        entries.forEach(e -> byPath.put(e.path(), e));
        return byPath;
    }

    @Override
    public void commit(String adapterId, Commit commit) {
        Objects.requireNonNull(adapterId, "adapterId");
        Objects.requireNonNull(commit, "commit");
        if (commit.isEmpty() && commit.usage().isEmpty()) {
            return;
        }
        db.write(h -> {
            // the removed paths and those named in usage lose their rows; removed ones lose their entry too
            LinkedHashSet<String> dropUsage = new LinkedHashSet<>(commit.removed());
            dropUsage.addAll(commit.usage().keySet());
            if (!dropUsage.isEmpty()) {
                h.createUpdate("DELETE FROM machine_usage WHERE machine = :machine AND adapter = :a "
                        + "AND path = ANY(:paths)").bind("machine", machine).bind("a", adapterId)
                        .bindArray("paths", String.class, List.copyOf(dropUsage)).execute();
            }
            if (!commit.removed().isEmpty()) {
                h.createUpdate("DELETE FROM machine_indexed_file WHERE machine = :machine AND adapter = :a "
                        + "AND path = ANY(:paths)").bind("machine", machine).bind("a", adapterId)
                        .bindArray("paths", String.class, commit.removed()).execute();
            }
            if (!commit.upserts().isEmpty()) {
                PreparedBatch files = h.prepareBatch("INSERT INTO machine_indexed_file (machine, adapter, path, "
                        + "file_key, size, mtime, \"offset\", state) VALUES (:machine, :a, :p, :k, :s, :m, :o, :st) "
                        + "ON CONFLICT (machine, adapter, path) DO UPDATE SET file_key = excluded.file_key, "
                        + "size = excluded.size, mtime = excluded.mtime, \"offset\" = excluded.\"offset\", "
                        + "state = excluded.state");
                Map<String, Entry> last = new LinkedHashMap<>(); // one row per key in a rewritten multi-row upsert
                commit.upserts().forEach(e -> last.put(e.path(), e));
                for (Entry e : last.values()) {
                    files.bind("machine", machine).bind("a", adapterId).bind("p", e.path()).bind("k", e.fileKey())
                            .bind("s", e.size()).bind("m", e.mtime()).bind("o", e.offset()).bind("st", e.state())
                            .add();
                }
                files.execute();
            }
            PreparedBatch rows = h.prepareBatch("INSERT INTO machine_usage (machine, adapter, path, session_id, "
                    + "call_key, at, model, input, output, cache_write, cache_read, cost_usd, sidechain) VALUES "
                    + "(:machine, :a, :p, :sid, :key, :at, :model, :in, :out, :cw, :cr, :cost, :side) "
                    + "ON CONFLICT (machine, adapter, path, call_key) DO UPDATE SET session_id = excluded.session_id, "
                    + "at = excluded.at, model = excluded.model, input = excluded.input, output = excluded.output, "
                    + "cache_write = excluded.cache_write, cache_read = excluded.cache_read, "
                    + "cost_usd = excluded.cost_usd, sidechain = excluded.sidechain");
            commit.usage().forEach((path, calls) -> calls.forEach(u -> rows.bind("machine", machine)
                    .bind("a", adapterId).bind("p", path).bind("sid", u.sessionId()).bind("key", u.callKey())
                    .bind("at", u.at()).bind("model", u.model()).bind("in", u.input()).bind("out", u.output())
                    .bind("cw", u.cacheWrite()).bind("cr", u.cacheRead())
                    .bind("cost", Double.isNaN(u.costUsd()) ? null : (Double) u.costUsd())
                    .bind("side", u.sidechain()).add()));
            if (rows.size() > 0) {
                rows.execute();
            }
            return null;
        });
    }

    /** Forgets this machine's entries and usage rows, so the next refresh reads every file again. */
    void clear() {
        db.write(h -> {
            h.createUpdate("DELETE FROM machine_usage WHERE machine = :machine").bind("machine", machine).execute();
            h.createUpdate("DELETE FROM machine_indexed_file WHERE machine = :machine").bind("machine", machine)
                    .execute();
            return null;
        });
    }
}
