package dev.llmsession.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmsession.spi.FileChanges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWatcherTest {
    @TempDir
    Path home;
    private TreeWatcher watcher;
    private Path root;

    @BeforeEach
    void open() throws IOException {
        watcher = TreeWatcher.open();
        assumeTrue(watcher.nativeEvents(), "this platform's watcher only polls: every drain is unknown by design");
        root = Files.createDirectories(home.resolve("projects/-work-app"));
    }

    @AfterEach
    void close() {
        watcher.close();
    }

    @Test
    void firstDrainIsUnknownThenNothingChanged() {
        assertThat(watcher.drain("claude", List.of(home.resolve("projects"))).known()).isFalse();
        FileChanges none = watcher.drain("claude", List.of(home.resolve("projects")));
        assertThat(none.known()).isTrue();
        assertThat(none.touches(root.resolve("a.jsonl"))).isFalse();
    }

    @Test
    void anAppendIsSeenAndHandedOutOnce() throws Exception {
        Path transcript = Files.writeString(root.resolve("a.jsonl"), "{}\n");
        Path other = Files.writeString(root.resolve("b.jsonl"), "{}\n");
        watcher.drain("claude", List.of(home.resolve("projects")));
        Files.writeString(transcript, "{\"x\":1}\n", StandardOpenOption.APPEND);

        FileChanges seen = awaitChange("claude", transcript);
        assertThat(seen.touches(other)).isFalse();
        assertThat(watcher.drain("claude", List.of(home.resolve("projects"))).touches(transcript)).isFalse();
    }

    @Test
    void aNewDirectoryStandsForEverythingBelowItAndIsWatchedFromThen() throws Exception {
        watcher.drain("claude", List.of(home.resolve("projects")));
        Path fresh = Files.createDirectories(home.resolve("projects/-work-new/subagents"));
        Path inside = Files.writeString(fresh.resolve("agent.jsonl"), "{}\n");
        awaitChange("claude", inside);

        Files.writeString(inside, "{}\n", StandardOpenOption.APPEND);
        awaitChange("claude", inside);
    }

    @Test
    void aDeletedDirectoryIsAChangeAndARecreatedOneIsWatchedAgain() throws Exception {
        Path transcript = Files.writeString(root.resolve("a.jsonl"), "{}\n");
        watcher.drain("claude", List.of(home.resolve("projects")));
        Files.delete(transcript);
        Files.delete(root);
        awaitChange("claude", transcript);

        Files.createDirectories(root);
        Path again = Files.writeString(root.resolve("a.jsonl"), "{}\n");
        awaitChange("claude", again);
        Files.writeString(again, "{}\n", StandardOpenOption.APPEND);
        awaitChange("claude", again);
    }

    @Test
    void eachAdapterSeesOnlyItsOwnRoots() throws Exception {
        Path cursor = Files.createDirectories(home.resolve("cursor"));
        watcher.drain("claude", List.of(home.resolve("projects")));
        watcher.drain("cursor", List.of(cursor));
        Path chat = Files.writeString(cursor.resolve("store.db"), "x");
        awaitChange("cursor", chat);
        assertThat(watcher.drain("claude", List.of(home.resolve("projects"))).touches(chat)).isFalse();
    }

    @Test
    void aMissingRootIsUnknownUntilItExists() throws Exception {
        Path later = home.resolve("gemini/tmp");
        assertThat(watcher.drain("gemini", List.of(later)).known()).isFalse();
        assertThat(watcher.drain("gemini", List.of(later)).known()).isFalse();
        Files.createDirectories(later);
        assertThat(watcher.drain("gemini", List.of(later)).known()).isFalse(); // registered now, earlier unknown
        Path chat = Files.writeString(later.resolve("chat.json"), "{}");
        awaitChange("gemini", chat);
    }

    @Test
    void rootsThatChangeAreWatchedAnewAndUnknownOnce() throws Exception {
        Path projects = home.resolve("projects");
        watcher.drain("claude", List.of(projects));
        assertThat(watcher.drain("claude", List.of(projects)).known()).isTrue();
        Path sessions = Files.createDirectories(home.resolve("sessions"));
        assertThat(watcher.drain("claude", List.of(projects, sessions)).known()).as("a root was added").isFalse();
        Path registry = Files.writeString(sessions.resolve("123.json"), "{}");
        long deadline = System.nanoTime() + 10_000_000_000L;
        FileChanges seen = FileChanges.none();
        while (!seen.touches(registry) && System.nanoTime() < deadline) {
            seen = watcher.drain("claude", List.of(projects, sessions));
            assertThat(seen.known()).isTrue();
        }
        assertThat(seen.touches(registry)).as("the new root is watched").isTrue();
    }

    @Test
    void aForgottenDrainIsUnknownOnce() {
        watcher.drain("claude", List.of(home.resolve("projects")));
        watcher.forget("claude");
        assertThat(watcher.drain("claude", List.of(home.resolve("projects"))).known()).isFalse();
        assertThat(watcher.drain("claude", List.of(home.resolve("projects"))).known()).isTrue();
    }

    @Test
    void changeSetsJoinAndUnknownWins() {
        Path a = home.resolve("a");
        Path b = home.resolve("b");
        assertThat(FileChanges.of(List.of(a)).and(FileChanges.of(List.of(b))).paths()).hasValueSatisfying(
                p -> assertThat(p).containsExactlyInAnyOrder(a, b));
        assertThat(FileChanges.of(List.of(a)).and(FileChanges.unknown()).known()).isFalse();
        assertThat(FileChanges.none().touches(a)).isFalse();
        assertThat(FileChanges.unknown().touches(a)).isTrue();
        assertThat(FileChanges.of(List.of(home)).touches(a)).as("below a changed directory").isTrue();
        assertThat(FileChanges.of(List.of(a.resolve("x"))).touches(a)).as("something below it changed").isTrue();
    }

    /** Drains until the watcher has delivered a change touching {@code path} (the JDK delivers on its own thread). */
    private FileChanges awaitChange(String adapter, Path path) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Path> roots = adapter.equals("claude") ? List.of(home.resolve("projects"))
                : adapter.equals("cursor") ? List.of(home.resolve("cursor")) : List.of(home.resolve("gemini/tmp"));
        while (System.nanoTime() < deadline) {
            FileChanges seen = watcher.drain(adapter, roots);
            assertThat(seen.known()).as("no event may be lost here").isTrue();
            if (seen.touches(path)) {
                return seen;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no change seen for " + path);
    }
}
