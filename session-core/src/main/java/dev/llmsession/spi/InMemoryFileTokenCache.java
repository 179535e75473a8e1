package dev.llmsession.spi;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link FileTokenCache#inMemory()} cache: one concurrent map keyed by tokenizer and path. */
final class InMemoryFileTokenCache implements FileTokenCache {
    private final Map<String, Map<Path, Entry>> byTokenizer = new ConcurrentHashMap<>();

    @Override
    public Map<Path, Entry> load(String tokenizer, Collection<Path> paths) {
        Map<Path, Entry> mine = byTokenizer.getOrDefault(tokenizer, Map.of());
        Map<Path, Entry> out = new HashMap<>();
        for (Path p : paths) {
            Entry e = mine.get(p);
            if (e != null) {
                out.put(p, e);
            }
        }
        return out;
    }

    @Override
    public void save(Collection<Entry> entries) {
        for (Entry e : entries) {
            byTokenizer.computeIfAbsent(e.tokenizer(), t -> new ConcurrentHashMap<>()).put(e.path(), e);
        }
    }
}
