package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.FileEstimate;
import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.FileTokenCache.Entry;
import dev.llmsession.spi.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SqliteFileTokenCacheTest {
    @TempDir
    Path dir;

    private static Entry entry(String tokenizer, String path, long size, long tokens) {
        return new Entry(tokenizer, Path.of(path), size, 1_700_000_000_123_456_789L, size, tokens, false);
    }

    @Test
    void save_thenLoadFromAnotherStoreInstance_returnsTheSameEntries() {
        Entry a = entry("chars/4", "/p/a.txt", 40, 10);
        Entry bin = new Entry("chars/4", Path.of("/p/b.png"), 99, 5, 0, 0, true);
        Entry bpe = entry("o200k_base", "/p/a.txt", 40, 9);
        try (SqliteSessionStore store = TestSessions.store(dir)) {
            store.fileTokenCache().save(List.of(a, bin, bpe));
        }

        try (SqliteSessionStore store = TestSessions.store(dir)) {
            FileTokenCache cache = store.fileTokenCache();
            Map<Path, Entry> loaded = cache.load("chars/4", List.of(Path.of("/p/a.txt"), Path.of("/p/b.png"),
                    Path.of("/p/none")));
            assertThat(loaded).containsOnly(Map.entry(a.path(), a), Map.entry(bin.path(), bin));
            assertThat(cache.load("o200k_base", List.of(Path.of("/p/a.txt")))).containsOnly(Map.entry(bpe.path(), bpe));
            assertThat(store.describe()).contains("token counts cached: 3 file(s)");
        }
    }

    @Test
    void save_sameTokenizerAndPath_replacesTheEntry() {
        try (SqliteSessionStore store = TestSessions.store(dir)) {
            FileTokenCache cache = store.fileTokenCache();
            cache.save(List.of(entry("chars/4", "/p/a.txt", 40, 10)));
            cache.save(List.of(entry("chars/4", "/p/a.txt", 80, 20)));
        }

        try (SqliteSessionStore store = TestSessions.store(dir)) {
            assertThat(store.fileTokenCache().load("chars/4", List.of(Path.of("/p/a.txt"))))
                    .extractingByKey(Path.of("/p/a.txt")).extracting(Entry::tokens).isEqualTo(20L);
        }
    }

    @Test
    void load_moreThanOneBatchOfPaths_findsAll() {
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < SqliteDatabase.LOAD_BATCH * 2 + 7; i++) {
            many.add(entry("chars/4", "/p/f" + i, i, i));
        }
        try (SqliteSessionStore store = TestSessions.store(dir)) {
            store.fileTokenCache().save(many);
        }
        try (SqliteSessionStore store = TestSessions.store(dir)) {
            assertThat(store.fileTokenCache().load("chars/4", many.stream().map(Entry::path).toList()))
                    .hasSize(many.size());
        }
    }

    /** The library wired as the CLI wires it: the second process's run opens no file of an unchanged tree. */
    @Test
    void fileTokens_twoLibraryInstancesOverOneStore_secondRunIsAnsweredFromTheStore() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(Files.writeString(tree.resolve("f" + i + ".txt"), "x".repeat(i * 4)));
        }
        ProviderContext context = new ProviderContext(dir, Map.of(), TestSessions.CLOCK,
                Map.of(SqliteStoreProvider.DIR_SETTING, dir.resolve("data").toString()));

        List<FileEstimate> first;
        try (LlmSessions lib = LlmSessions.builder().context(context).store(new SqliteStoreProvider()).build()) {
            first = lib.fileTokens().estimate(files);
        }
        List<FileEstimate> second;
        try (LlmSessions lib = LlmSessions.builder().context(context).store(new SqliteStoreProvider()).build()) {
            second = lib.fileTokens().estimate(files);
        }

        assertThat(first).noneMatch(FileEstimate::cached);
        assertThat(second).allMatch(FileEstimate::cached);
        assertThat(second).extracting(FileEstimate::tokens).containsExactlyElementsOf(
                first.stream().map(FileEstimate::tokens).toList());
        assertThat(second.get(5).tokens()).isEqualTo(5);
    }
}
