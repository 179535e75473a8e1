package dev.llmsession.spi;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The {@link TranscriptIndex#inMemory()} index: a map per adapter, guarded by this object's lock. */
final class InMemoryTranscriptIndex implements TranscriptIndex {
    private final Map<String, Map<String, Entry>> entries = new HashMap<>();

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
    }
}
