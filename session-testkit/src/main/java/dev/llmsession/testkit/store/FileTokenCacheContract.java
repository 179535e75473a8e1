package dev.llmsession.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.FileTokenCache.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link FileTokenCache} does. Extend it and make a fresh, empty cache. */
public abstract class FileTokenCacheContract {

    /** A fresh, empty cache. */
    protected abstract FileTokenCache newCache();

    @Test
    void savedEntriesLoadBackPerTokenizerAndUnknownPathsAreAbsent() {
        FileTokenCache cache = newCache();
        Entry a = new Entry("chars/4", Path.of("/p/a.txt"), 400, 1_000, 400, 100, false);
        Entry bin = new Entry("chars/4", Path.of("/p/b.bin"), 9, 2_000, 0, 0, true);
        Entry bpe = new Entry("o200k", Path.of("/p/a.txt"), 400, 1_000, 400, 87, false);
        cache.save(List.of(a, bin, bpe));
        Map<Path, Entry> chars = cache.load("chars/4", List.of(Path.of("/p/a.txt"), Path.of("/p/b.bin"),
                Path.of("/p/none")));
        assertThat(chars).containsOnlyKeys(Path.of("/p/a.txt"), Path.of("/p/b.bin"));
        assertThat(chars.get(Path.of("/p/a.txt"))).isEqualTo(a);
        assertThat(chars.get(Path.of("/p/b.bin")).binary()).isTrue();
        assertThat(cache.load("o200k", List.of(Path.of("/p/a.txt"))).get(Path.of("/p/a.txt")).tokens()).isEqualTo(87);
        assertThat(cache.load("other", List.of(Path.of("/p/a.txt")))).isEmpty();
    }

    @Test
    void aSaveReplacesTheEntryOfTheSameTokenizerAndPath() {
        FileTokenCache cache = newCache();
        cache.save(List.of(new Entry("chars/4", Path.of("/p/a.txt"), 400, 1_000, 400, 100, false)));
        Entry changed = new Entry("chars/4", Path.of("/p/a.txt"), 800, 3_000, 800, 200, false);
        cache.save(List.of(changed));
        assertThat(cache.load("chars/4", List.of(Path.of("/p/a.txt")))).containsExactly(Map.entry(Path.of("/p/a.txt"),
                changed));
    }

    @Test
    void manyPathsLoadInOneCall() {
        FileTokenCache cache = newCache();
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 1_207; i++) {
            many.add(new Entry("chars/4", Path.of("/p/f" + i), i, i, i, i / 4, false));
        }
        cache.save(many);
        assertThat(cache.load("chars/4", many.stream().map(Entry::path).toList())).hasSize(many.size());
    }
}
