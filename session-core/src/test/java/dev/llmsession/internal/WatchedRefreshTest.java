package dev.llmsession.internal;

import static dev.llmsession.internal.SessionFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmsession.api.SessionQuery;
import dev.llmsession.model.HealthPolicy;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.FileChanges;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog that watches tells each adapter what changed under its roots, once, and says so in its stats. */
final class WatchedRefreshTest {
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Records the changes each refresh was told; can be made to fail once; lists what it is given. */
    private static final class WatchingDiscovery implements SessionDiscovery {
        final List<Path> roots;
        final List<FileChanges> told = new ArrayList<>();
        boolean failNext;
        volatile List<Session> sessions = List.of();
        volatile long movedAway;

        WatchingDiscovery(Path root) {
            this.roots = List.of(root);
        }

        @Override
        public synchronized List<Session> discover(Request request) {
            told.add(request.changes());
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("disk went away");
            }
            return sessions;
        }

        @Override
        public List<Path> watchRoots() {
            return roots;
        }

        /** The registry folder holds no calls. */
        @Override
        public boolean holdsCalls(Path changed) {
            return !changed.getParent().getFileName().toString().equals("registry");
        }

        @Override
        public long callsMovedAway() {
            return movedAway;
        }

        synchronized FileChanges last() {
            return told.get(told.size() - 1);
        }
    }

    private static DefaultSessionCatalog catalog(SessionDiscovery d, boolean watch) {
        return new DefaultSessionCatalog(Map.of("claude-code", d), Optional.of(() -> ProcessTable.empty(NOW)), CLOCK,
                Optional.empty(), new CurveHealthScorer(HealthPolicy.DEFAULT), IndexProgress.NONE,
                TokenEstimator.charsPerToken(), watch);
    }

    @Test
    void aWatchingCatalogTellsTheAdapterWhatChangedAndThenNothing(@TempDir Path root) throws Exception {
        WatchingDiscovery d = new WatchingDiscovery(root);
        try (DefaultSessionCatalog catalog = catalog(d, true)) {
            assumeTrue(catalog.stats().watchMode().equals("events"), "no native file events on this platform");
            catalog.list(SessionQuery.RUNNING);
            assertThat(d.last().known()).as("the first refresh cannot know").isFalse();
            catalog.list(SessionQuery.RUNNING);
            assertThat(d.last().paths()).contains(java.util.Set.of());

            // moved in whole: one event (a file written in place gives a creation and then modifications, which
            // a loaded machine may deliver to two refreshes)
            Path written = Files.writeString(Files.createTempFile(root.getParent(), "s", ".tmp"), "{}\n");
            Path transcript = Files.move(written, root.resolve("s.jsonl"), StandardCopyOption.ATOMIC_MOVE);
            awaitTold(catalog, d, transcript);
            catalog.list(SessionQuery.RUNNING);
            assertThat(d.last().touches(transcript)).as("told once").isFalse();
            assertThat(catalog.stats().lastChange()).contains(NOW);
        }
    }

    @Test
    void aFailedRefreshMakesTheNextOneWalk(@TempDir Path root) {
        WatchingDiscovery d = new WatchingDiscovery(root);
        try (DefaultSessionCatalog catalog = catalog(d, true)) {
            assumeTrue(catalog.stats().watchMode().equals("events"), "no native file events on this platform");
            catalog.list(SessionQuery.RUNNING);
            d.failNext = true;
            assertThat(catalog.list(SessionQuery.RUNNING).warnings()).anyMatch(w -> w.contains("disk went away"));
            catalog.list(SessionQuery.RUNNING);
            assertThat(d.last().known()).isFalse();
        }
    }

    @Test
    void withoutAWatcherEveryRefreshIsUnknown(@TempDir Path root) {
        WatchingDiscovery d = new WatchingDiscovery(root);
        try (DefaultSessionCatalog catalog = catalog(d, false)) {
            catalog.list(SessionQuery.RUNNING);
            catalog.list(SessionQuery.RUNNING);
            assertThat(d.told).extracting(FileChanges::known).containsExactly(false, false);
            assertThat(catalog.stats().watchMode()).isEqualTo("walk");
            assertThat(catalog.stats().refreshes()).isEqualTo(2);
        }
    }

    @Test
    void theUnfiledMarkMoves_onlyWhenARefreshMayHaveLeftCallsOfSessionsItDidNotListOut(@TempDir Path root)
            throws Exception {
        Path registry = Files.createDirectories(root.resolve("registry"));
        Path live = Files.writeString(root.resolve("live.jsonl"), "{}\n");
        Path other = Files.writeString(root.resolve("other.jsonl"), "{}\n");
        Session running = SessionFixture.session().id("claude", "live").sources(live).build();
        Session ended = SessionFixture.session().id("claude", "other").ended().sources(other).build();
        WatchingDiscovery d = new WatchingDiscovery(root);
        d.sessions = List.of(running);
        try (DefaultSessionCatalog catalog = catalog(d, true)) {
            assumeTrue(catalog.stats().watchMode().equals("events"), "no native file events on this platform");
            long mark = catalog.unfiledMark(Optional.empty());
            catalog.list(SessionQuery.RUNNING);
            assertThat(catalog.unfiledMark(Optional.empty())).as("told nothing certain").isNotEqualTo(mark);

            mark = catalog.unfiledMark(Optional.empty());
            catalog.list(SessionQuery.RUNNING);
            assertThat(catalog.unfiledMark(Optional.empty())).as("nothing changed").isEqualTo(mark);

            Files.writeString(live, "{}\n", java.nio.file.StandardOpenOption.APPEND);
            awaitTold(catalog, d, live);
            assertThat(catalog.unfiledMark(Optional.empty())).as("a listed session's own file").isEqualTo(mark);

            Files.writeString(registry.resolve("1.json"), "{}");
            awaitTold(catalog, d, registry.resolve("1.json"));
            assertThat(catalog.unfiledMark(Optional.empty())).as("a file that holds no calls").isEqualTo(mark);

            Files.writeString(other, "{}\n", java.nio.file.StandardOpenOption.APPEND);
            awaitTold(catalog, d, other);
            assertThat(catalog.unfiledMark(Optional.empty())).as("a file of a session not listed").isNotEqualTo(mark);

            mark = catalog.unfiledMark(Optional.empty());
            Files.writeString(other, "{}\n", java.nio.file.StandardOpenOption.APPEND);
            d.sessions = List.of(running, ended);
            awaitTold(catalog, d, other);
            assertThat(catalog.unfiledMark(Optional.empty())).as("listed, ended: brought up to date").isEqualTo(mark);

            d.sessions = List.of();
            catalog.list(SessionQuery.RUNNING);
            assertThat(catalog.unfiledMark(Optional.empty())).as("a running session no longer listed")
                    .isNotEqualTo(mark);

            mark = catalog.unfiledMark(Optional.empty());
            d.sessions = List.of(running);
            catalog.list(SessionQuery.RUNNING);
            assertThat(catalog.unfiledMark(Optional.empty())).as("a session running anew").isNotEqualTo(mark);

            mark = catalog.unfiledMark(Optional.empty());
            d.movedAway++;
            catalog.list(SessionQuery.RUNNING);
            assertThat(catalog.unfiledMark(Optional.empty())).as("the adapter moved a call away").isNotEqualTo(mark);

            mark = catalog.unfiledMark(Optional.empty());
            d.failNext = true;
            catalog.list(SessionQuery.RUNNING);
            assertThat(catalog.unfiledMark(Optional.empty())).as("a failed refresh").isNotEqualTo(mark);
            assertThat(catalog.unfiledMark(Optional.of("codex"))).as("another assistant's").isZero();
        }
    }

    @Test
    void withoutAWatcherTheUnfiledMarkMovesAtEveryRefresh(@TempDir Path root) {
        WatchingDiscovery d = new WatchingDiscovery(root);
        try (DefaultSessionCatalog catalog = catalog(d, false)) {
            long mark = catalog.unfiledMark(Optional.empty());
            catalog.list(SessionQuery.RUNNING);
            assertThat(catalog.unfiledMark(Optional.empty())).isNotEqualTo(mark);
            mark = catalog.unfiledMark(Optional.empty());
            catalog.list(SessionQuery.RUNNING);
            assertThat(catalog.unfiledMark(Optional.empty())).isNotEqualTo(mark);
        }
    }

    private static void awaitTold(DefaultSessionCatalog catalog, WatchingDiscovery d, Path file) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            catalog.list(SessionQuery.RUNNING);
            if (d.last().touches(file)) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the adapter was never told of " + file);
    }
}
