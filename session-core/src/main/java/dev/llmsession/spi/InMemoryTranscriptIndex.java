package dev.llmsession.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link TranscriptIndex#inMemory()} index: a map per adapter, guarded by this object's lock. Usage rows are
 * kept only for an in-memory store's ledger ({@link SessionStore#inMemory()}); the plain index drops them, as a run
 * without a store makes no usage report.
 */
final class InMemoryTranscriptIndex implements TranscriptIndex {
    private final Map<String, Map<String, Entry>> entries = new HashMap<>();
    /** Rows by adapter, path and call key, when kept. */
    private final Map<String, Map<String, Map<String, UsageRow>>> usage;

    InMemoryTranscriptIndex() {
        this(false);
    }

    InMemoryTranscriptIndex(boolean keepUsage) {
        this.usage = keepUsage ? new HashMap<>() : null;
    }

    @Override
    public synchronized Map<String, Entry> load(String adapterId) {
        return Map.copyOf(entries.getOrDefault(adapterId, Map.of()));
    }

    @Override
    public synchronized Map<String, Entry> load(String adapterId, Collection<String> paths) {
        Map<String, Entry> mine = entries.getOrDefault(adapterId, Map.of());
        Map<String, Entry> out = new HashMap<>();
        for (String path : paths) {
            Entry e = mine.get(path);
            if (e != null) {
                out.put(path, e);
            }
        }
        return Map.copyOf(out);
    }

    @Override
    public synchronized void commit(String adapterId, Commit commit) {
        Map<String, Entry> mine = entries.computeIfAbsent(adapterId, k -> new HashMap<>());
        commit.removed().forEach(mine::remove);
        commit.upserts().forEach(e -> mine.put(e.path(), e));
        if (usage != null) {
            Map<String, Map<String, UsageRow>> rows = usage.computeIfAbsent(adapterId, k -> new HashMap<>());
            commit.removed().forEach(rows::remove);
            commit.usage().forEach((path, list) -> {
                Map<String, UsageRow> byKey = new LinkedHashMap<>();
                list.forEach(r -> byKey.put(r.callKey(), r)); // one row per call key and path, the last given
                rows.put(path, byKey);
            });
        }
    }

    /** Forgets every entry and row. */
    synchronized void clear() {
        entries.clear();
        if (usage != null) {
            usage.clear();
        }
    }

    /** Every kept usage row, by adapter. */
    synchronized Map<String, List<UsageRow>> rows() {
        Map<String, List<UsageRow>> out = new HashMap<>();
        if (usage != null) {
            usage.forEach((adapter, byPath) -> byPath.values()
                    .forEach(rows -> out.computeIfAbsent(adapter, k -> new ArrayList<>()).addAll(rows.values())));
        }
        return out;
    }
}
