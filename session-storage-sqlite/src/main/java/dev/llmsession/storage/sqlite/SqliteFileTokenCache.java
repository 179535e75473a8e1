package dev.llmsession.storage.sqlite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmsession.spi.FileTokenCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The token estimator's file cache: table {@code token_file} (V5), with a Caffeine map in front so a long-running
 * process (the monitor estimating the same attached files every refresh) asks SQLite once per file. Entries are
 * only ever validated by the estimator against size and modification time, so a memory entry that another
 * process has since replaced costs at most a re-count, never a wrong answer. Thread-safe.
 */
final class SqliteFileTokenCache implements FileTokenCache {
    /** Files kept in memory; a row is about 200 bytes, so this bounds the map near 20 MB. */
    static final long MEMORY_ENTRIES = 100_000;

    private final SqliteDatabase store;
    /** Made on first use: a command that estimates nothing (a plain `list`) loads no Caffeine classes. */
    private volatile Cache<Key, Entry> memory;

    private record Key(String tokenizer, Path path) {
    }

    SqliteFileTokenCache(SqliteDatabase store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    private Cache<Key, Entry> memory() {
        Cache<Key, Entry> m = memory;
        if (m == null) {
            synchronized (this) {
                m = memory;
                if (m == null) {
                    m = Caffeine.newBuilder().maximumSize(MEMORY_ENTRIES).build();
                    memory = m;
                }
            }
        }
        return m;
    }

    @Override
    public Map<Path, Entry> load(String tokenizer, Collection<Path> paths) {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Map<Path, Entry> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Path p : new LinkedHashSet<>(paths)) {
            Entry e = memory().getIfPresent(new Key(tokenizer, p));
            if (e != null) {
                found.put(p, e);
            } else {
                missing.add(p.toString());
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        store.read(h -> {
            InQuery.run(h, "SELECT path, size, mtime_ns, characters, tokens, binary FROM token_file "
                    + "WHERE tokenizer = ? AND path IN ", "", List.of(tokenizer), missing, rs -> {
                        Entry e = new Entry(tokenizer, Path.of(rs.getString("path")), rs.getLong("size"),
                                rs.getLong("mtime_ns"), rs.getLong("characters"), rs.getLong("tokens"),
                                rs.getInt("binary") != 0);
                        found.put(e.path(), e);
                        memory().put(new Key(tokenizer, e.path()), e);
                    });
            return null;
        });
        return found;
    }

    @Override
    public void save(Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        store.write(h -> {
            SqliteDatabase.Chunked rows = new SqliteDatabase.Chunked(h, "INSERT INTO token_file "
                    + "(tokenizer, path, size, mtime_ns, characters, tokens, binary) "
                    + "VALUES (:t, :p, :s, :m, :c, :n, :b) ON CONFLICT (tokenizer, path) DO UPDATE SET "
                    + "size = excluded.size, mtime_ns = excluded.mtime_ns, characters = excluded.characters, "
                    + "tokens = excluded.tokens, binary = excluded.binary");
            for (Entry e : entries) {
                rows.add(b -> b.bind("t", e.tokenizer()).bind("p", e.path().toString()).bind("s", e.size())
                        .bind("m", e.modifiedNanos()).bind("c", e.characters()).bind("n", e.tokens())
                        .bind("b", e.binary() ? 1 : 0));
            }
            rows.flush();
            return null;
        });
        entries.forEach(e -> memory().put(new Key(e.tokenizer(), e.path()), e));
    }
}
