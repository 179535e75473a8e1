package dev.llmsession.testkit.store;

import static dev.llmsession.testkit.store.StoreFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.spi.TranscriptIndex.Commit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link TranscriptIndex} does. Extend it and make a fresh, empty index. */
public abstract class TranscriptIndexContract {

    /** A fresh, empty index. */
    protected abstract TranscriptIndex newIndex();

    @Test
    void anEmptyIndexKnowsNoFile() {
        TranscriptIndex index = newIndex();
        assertThat(index.load("claude-code")).isEmpty();
        assertThat(index.load("claude-code", List.of("/a"))).isEmpty();
    }

    @Test
    void committedEntriesLoadBackPerAdapter() {
        TranscriptIndex index = newIndex();
        index.commit("claude-code", new Commit(List.of(entry("/a", 10, "s1"), entry("/b", 20, "s2")), List.of(),
                Map.of()));
        index.commit("codex", new Commit(List.of(entry("/c", 5, "x")), List.of(), Map.of()));
        Map<String, TranscriptIndex.Entry> mine = index.load("claude-code");
        assertThat(mine).containsOnlyKeys("/a", "/b");
        assertThat(mine.get("/b").offset()).isEqualTo(20);
        assertThat(new String(mine.get("/a").state(), StandardCharsets.UTF_8)).isEqualTo("s1");
        assertThat(index.load("codex")).containsOnlyKeys("/c");
    }

    @Test
    void anUpsertReplacesTheEntryOfItsPath() {
        TranscriptIndex index = newIndex();
        index.commit("claude-code", new Commit(List.of(entry("/a", 10, "old")), List.of(), Map.of()));
        index.commit("claude-code", new Commit(List.of(entry("/a", 99, "new")), List.of(), Map.of()));
        assertThat(index.load("claude-code")).hasSize(1);
        assertThat(index.load("claude-code").get("/a").offset()).isEqualTo(99);
    }

    @Test
    void removedPathsLoseTheirEntry() {
        TranscriptIndex index = newIndex();
        index.commit("claude-code", new Commit(List.of(entry("/a", 1, "s"), entry("/b", 2, "s")), List.of(),
                Map.of()));
        index.commit("claude-code", new Commit(List.of(), List.of("/a"), Map.of()));
        assertThat(index.load("claude-code")).containsOnlyKeys("/b");
    }

    @Test
    void loadingByPathReturnsOnlyThoseKnown() {
        TranscriptIndex index = newIndex();
        index.commit("claude-code", new Commit(List.of(entry("/a", 1, "s"), entry("/b", 2, "s"), entry("/c", 3, "s")),
                List.of(), Map.of()));
        assertThat(index.load("claude-code", List.of("/c", "/a", "/missing", "/a"))).containsOnlyKeys("/a", "/c");
        assertThat(index.load("codex", List.of("/a"))).isEmpty();
    }
}
