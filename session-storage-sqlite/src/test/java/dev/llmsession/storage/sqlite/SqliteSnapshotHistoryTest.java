package dev.llmsession.storage.sqlite;

import static dev.llmsession.testkit.store.StoreFixtures.T0;
import static dev.llmsession.testkit.store.StoreFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.SnapshotHistory.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQLite history compares each recorded session with its own latest sample only (looked up in batches of
 * {@link SqliteDatabase#LOAD_BATCH}), beyond what {@code SnapshotHistoryContract} checks.
 */
class SqliteSnapshotHistoryTest {
    @RegisterExtension
    final FreshStores stores = new FreshStores();

    @Test
    void sessionsBeyondOneBatchAreComparedWithTheirOwnLatestSample() {
        SqliteSessionStore store = stores.open();
        SnapshotHistory history = store.history();
        int n = SqliteDatabase.LOAD_BATCH * 2 + 7;
        List<Snapshot> first = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            first.add(snapshot("s" + i, 100, 1000 + i, 90));
        }
        history.record(first, T0.plusSeconds(100));
        // the same figures again, but for the last session of each batch, whose context grew
        List<Snapshot> second = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean grew = i % SqliteDatabase.LOAD_BATCH == SqliteDatabase.LOAD_BATCH - 1 || i == n - 1;
            second.add(snapshot("s" + i, 200, 1000 + i + (grew ? 1 : 0), 90));
        }
        history.record(second, T0.plusSeconds(200));
        assertThat(samples(history, "s0")).containsExactly(T0.plusSeconds(100));
        assertThat(samples(history, "s" + (SqliteDatabase.LOAD_BATCH - 1)))
                .containsExactly(T0.plusSeconds(100), T0.plusSeconds(200));
        assertThat(samples(history, "s" + SqliteDatabase.LOAD_BATCH)).containsExactly(T0.plusSeconds(100));
        assertThat(samples(history, "s" + (n - 1))).containsExactly(T0.plusSeconds(100), T0.plusSeconds(200));
        int total = store.query(h -> h.createQuery("SELECT COUNT(*) FROM sample").mapTo(Integer.class).one());
        assertThat(total).isEqualTo(n + 3);
    }

    @Test
    void moreSessionsThanOneDriverBatch_comeBackAsRecorded_unknownFiguresNull() {
        SqliteSessionStore store = stores.open();
        SnapshotHistory history = store.history();
        int n = SqliteDatabase.Chunked.ROWS * 2 + 3;
        List<Snapshot> recorded = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // every other session with unknown tokens and context, every third with unknown health
            recorded.add(dev.llmsession.testkit.store.StoreFixtures.snapshot(
                    dev.llmsession.testkit.store.StoreFixtures.session("s" + i, "/work/s" + i, T0.plusSeconds(i),
                            i % 2 == 0 ? -1 : 1000 + i),
                    i % 3 == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(i % 101)));
        }
        history.record(recorded, T0.plusSeconds(n));

        List<dev.llmsession.model.Session> back = history.sessions(SnapshotHistory.Query.ALL);
        assertThat(back).hasSize(n).allSatisfy(s -> {
            int i = Integer.parseInt(s.id().nativeId().substring(1));
            dev.llmsession.model.Session was = recorded.get(i).session();
            assertThat(s.context().tokens()).isEqualTo(was.context().tokens());
            assertThat(s.tokens()).isEqualTo(was.tokens());
            assertThat(s.title()).isEqualTo(was.title());
            assertThat(s.cost().usd()).isEqualTo(was.cost().usd());
            assertThat(s.lastActivityAt()).isEqualTo(was.lastActivityAt());
        });
        int unscored = store.query(h -> h.createQuery("SELECT COUNT(*) FROM session WHERE health_score IS NULL")
                .mapTo(Integer.class).one());
        assertThat(unscored).isEqualTo((n + 2) / 3);
        assertThat(samples(history, "s0")).containsExactly(T0.plusSeconds(n));
        assertThat(samples(history, "s" + (n - 1))).containsExactly(T0.plusSeconds(n));
    }

    @Test
    void unchangedSessionsFirst_thenMoreNewOnesThanOneDriverBatch_everySessionAndSampleIsRecorded() {
        // the unchanged sessions get no sample: the samples' batch fills later than the sessions' one, and
        // executing it must not come before the sessions its rows refer to (a foreign key) are written
        SqliteSessionStore store = stores.open();
        SnapshotHistory history = store.history();
        List<Snapshot> known = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            known.add(snapshot("k" + i, 100, 1000, 90));
        }
        history.record(known, T0.plusSeconds(100));
        List<Snapshot> next = new ArrayList<>(known);
        int added = SqliteDatabase.Chunked.ROWS + 100;
        for (int i = 0; i < added; i++) {
            next.add(snapshot("n" + i, 200, 2000 + i, 80));
        }
        history.record(next, T0.plusSeconds(200));

        assertThat(history.sessions(SnapshotHistory.Query.ALL)).hasSize(10 + added);
        int total = store.query(h -> h.createQuery("SELECT COUNT(*) FROM sample").mapTo(Integer.class).one());
        assertThat(total).isEqualTo(10 + added);
        assertThat(samples(history, "n" + (added - 1))).containsExactly(T0.plusSeconds(200));
    }

    @Test
    void aSessionIsComparedWithItsLatestSampleNotWithAnotherSessions() {
        SnapshotHistory history = stores.open().history();
        history.record(List.of(snapshot("a", 100, 1000, 90)), T0.plusSeconds(100));
        history.record(List.of(snapshot("a", 100, 2000, 90)), T0.plusSeconds(200));
        history.record(List.of(snapshot("b", 100, 1000, 90)), T0.plusSeconds(300));
        // a's latest sample says 2000: back to 1000 is a change, however its first sample looked
        history.record(List.of(snapshot("a", 100, 1000, 90), snapshot("b", 100, 1000, 90)), T0.plusSeconds(400));
        assertThat(samples(history, "a"))
                .containsExactly(T0.plusSeconds(100), T0.plusSeconds(200), T0.plusSeconds(400));
        assertThat(samples(history, "b")).containsExactly(T0.plusSeconds(300));
    }

    private static List<Instant> samples(SnapshotHistory history, String nativeId) {
        return history.samples(snapshot(nativeId, 0, 0, 0).session().id(), Instant.EPOCH).stream()
                .map(s -> s.at()).toList();
    }
}
