package dev.llmsession.storage.postgres;

import dev.llmsession.spi.FileTokenCache;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.statement.PreparedBatch;

/** One machine's file token counts ({@code machine_token_file}), by tokenizer and path. Thread-safe. */
final class PostgresFileTokenCache implements FileTokenCache {
    private final TeamDatabase db;
    private final String machine;

    PostgresFileTokenCache(TeamDatabase db, String machine) {
        this.db = Objects.requireNonNull(db, "db");
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    @Override
    public Map<Path, Entry> load(String tokenizer, Collection<Path> paths) {
        Objects.requireNonNull(tokenizer, "tokenizer");
        List<String> wanted = new LinkedHashSet<>(paths).stream().map(Path::toString).toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<Path, Entry> found = new HashMap<>();
        db.read(h -> h.createQuery("SELECT path, size, mtime_ns, characters, tokens, is_binary FROM machine_token_file "
                + "WHERE machine = :machine AND tokenizer = :t AND path = ANY(:paths)")
                .bind("machine", machine).bind("t", tokenizer).bindArray("paths", String.class, wanted)
                .map((rs, ctx) -> new Entry(tokenizer, Path.of(rs.getString("path")), rs.getLong("size"),
                        rs.getLong("mtime_ns"), rs.getLong("characters"), rs.getLong("tokens"),
                        rs.getBoolean("is_binary")))
                .list()).forEach(e -> found.put(e.path(), e));
        return found;
    }

    @Override
    public void save(Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        db.write(h -> {
            PreparedBatch rows = h.prepareBatch("INSERT INTO machine_token_file (machine, tokenizer, path, size, "
                    + "mtime_ns, characters, tokens, is_binary) VALUES (:machine, :t, :p, :s, :m, :c, :n, :b) "
                    + "ON CONFLICT (machine, tokenizer, path) DO UPDATE SET size = excluded.size, "
                    + "mtime_ns = excluded.mtime_ns, characters = excluded.characters, tokens = excluded.tokens, "
                    + "is_binary = excluded.is_binary");
            // one row per key: a rewritten multi-row upsert may not touch the same row twice
            Map<List<Object>, Entry> last = new java.util.LinkedHashMap<>();
            entries.forEach(e -> last.put(List.of(e.tokenizer(), e.path()), e));
            for (Entry e : last.values()) {
                rows.bind("machine", machine).bind("t", e.tokenizer()).bind("p", e.path().toString())
                        .bind("s", e.size()).bind("m", e.modifiedNanos()).bind("c", e.characters())
                        .bind("n", e.tokens()).bind("b", e.binary()).add();
            }
            return rows.execute();
        });
    }
}
