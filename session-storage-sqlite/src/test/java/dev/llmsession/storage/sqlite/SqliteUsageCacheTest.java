package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.TranscriptIndex.Commit;
import dev.llmsession.spi.TranscriptIndex.UsageRow;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageSlice;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's kept slices never differ from what a store that keeps nothing reads: after random appends, rewrites
 * and removals by this store, and writes by another connection to the same file.
 */
final class SqliteUsageCacheTest {
    private static final long DAY = 86_400_000L;
    private static final long START = Instant.parse("2026-08-03T00:00:00Z").toEpochMilli();
    private static final String[] ADAPTERS = {"claude-code", "codex"};

    @TempDir
    Path dir;

    @Test
    void keptSlicesEqualAFreshRead_afterRandomWritesHereAndElsewhere() {
        Random random = new Random(7);
        try (AutoCloseableStore kept = new AutoCloseableStore(TestSessions.store(dir));
                AutoCloseableStore other = new AutoCloseableStore(TestSessions.store(dir))) {
            for (int step = 0; step < 80; step++) {
                AutoCloseableStore writer = random.nextInt(5) == 0 ? other : kept;
                String adapter = ADAPTERS[random.nextInt(ADAPTERS.length)];
                String path = "/p/" + random.nextInt(6) + ".jsonl";
                if (random.nextInt(6) == 0) {
                    writer.store().index().commit(adapter, new Commit(List.of(), List.of(path), Map.of()));
                } else {
                    List<UsageRow> rows = new ArrayList<>();
                    int n = 1 + random.nextInt(8);
                    for (int i = 0; i < n; i++) {
                        long at = START + random.nextInt(3) * DAY + random.nextInt(24 * 4) * UsageSlice.SLOT_MILLIS
                                + random.nextInt(3) * 60_000L;
                        rows.add(new UsageRow("s" + random.nextInt(4), "k" + i, at, "m" + random.nextInt(2),
                                1 + random.nextInt(100), 2, 3, 4, random.nextBoolean() ? 0.25 : Double.NaN, false));
                    }
                    writer.store().index().commit(adapter, new Commit(List.of(TestSessions.entry(path, n, "{}")),
                            List.of(), Map.of(path, rows)));
                }
                for (UsageFilter filter : filters(random)) {
                    assertThat(sorted(kept.store().ledger().usage(filter))).as("step %d, %s", step, filter)
                            .isEqualTo(fresh(filter));
                }
            }
        }
    }

    /**
     * The slices' projects come from the session rows: after sessions recorded here and by another connection, with
     * projects that change, appear and disappear (a recorded session without a working folder), the kept ledger
     * names each slice's project as a fresh read does.
     */
    @Test
    void keptProjectsEqualAFreshRead_afterSessionsRecordedHereAndElsewhere() {
        Random random = new Random(11);
        // the fresh reads come from a store opened once: opening one writes, which the kept store would see as
        // another connection's write (and read everything again)
        try (AutoCloseableStore kept = new AutoCloseableStore(TestSessions.store(dir));
                AutoCloseableStore other = new AutoCloseableStore(TestSessions.store(dir));
                AutoCloseableStore reader = new AutoCloseableStore(TestSessions.store(dir))) {
            for (int s = 0; s < 4; s++) {
                long at = START + s * UsageSlice.SLOT_MILLIS;
                kept.store().index().commit("claude-code", new Commit(List.of(TestSessions.entry("/p/" + s, 1, "{}")),
                        List.of(), Map.of("/p/" + s, List.of(new UsageRow("s" + s, "k", at, "m", 1, 2, 3, 4, 0.25,
                                false)))));
            }
            for (int step = 0; step < 60; step++) {
                AutoCloseableStore writer = random.nextInt(4) == 0 ? other : kept;
                List<dev.llmsession.spi.SnapshotHistory.Snapshot> recorded = new ArrayList<>();
                for (int s = 0; s < 4; s++) {
                    if (random.nextBoolean()) {
                        continue;
                    }
                    int pick = random.nextInt(4);
                    dev.llmsession.model.Session session = TestSessions.session("s" + s, "/work/p" + pick,
                            TestSessions.T0.plusSeconds(step), 100 + step);
                    if (pick == 0) {
                        // no working folder: no project
                        session = new dev.llmsession.model.Session(session.id(), session.assistant(), session.pid(),
                                session.activity(), java.util.Optional.empty(), session.gitBranch(), session.title(),
                                session.model(), session.startedAt(), session.lastActivityAt(), session.tokens(),
                                session.context(), session.cost(), session.errors(), session.quality(),
                                session.sources());
                    }
                    recorded.add(new dev.llmsession.spi.SnapshotHistory.Snapshot(session,
                            TestSessions.health(session, java.util.OptionalInt.of(80))));
                }
                writer.store().history().record(recorded, TestSessions.T0.plusSeconds(step));
                UsageFilter day = new UsageFilter(Optional.of(Instant.ofEpochMilli(START)), Optional.empty(),
                        Optional.empty(), Optional.empty());
                for (UsageFilter filter : List.of(UsageFilter.ALL, day)) {
                    assertThat(sorted(kept.store().ledger().usage(filter))).as("step %d, %s", step, filter)
                            .isEqualTo(sorted(reader.store().ledger().usage(filter)));
                }
            }
        }
    }

    private static List<UsageFilter> filters(Random random) {
        Instant day = Instant.ofEpochMilli(START + random.nextInt(3) * DAY);
        return List.of(UsageFilter.ALL,
                new UsageFilter(Optional.of(day), Optional.of(day.plusMillis(DAY)), Optional.empty(), Optional.empty()),
                new UsageFilter(Optional.of(day), Optional.empty(), Optional.empty(), Optional.of("codex")));
    }

    /** What a store that has kept nothing yet reads. */
    private List<UsageSlice> fresh(UsageFilter filter) {
        SqliteSessionStore store = TestSessions.store(dir);
        try {
            return sorted(store.ledger().usage(filter));
        } finally {
            store.close();
        }
    }

    private static List<UsageSlice> sorted(List<UsageSlice> slices) {
        return slices.stream().sorted(Comparator.comparing(UsageSlice::assistant).thenComparing(UsageSlice::sessionId)
                .thenComparing(UsageSlice::model).thenComparingLong(UsageSlice::slot)
                .thenComparing(UsageSlice::onHour)).toList();
    }

    private record AutoCloseableStore(SqliteSessionStore store) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }
}
