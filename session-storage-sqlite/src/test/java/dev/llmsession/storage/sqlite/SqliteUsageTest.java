package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.TranscriptIndex.Commit;
import dev.llmsession.spi.TranscriptIndex.UsageRow;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageSlice;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SqliteUsageTest {
    private static final long HOUR = 3_600_000L;
    /** A full UTC hour. */
    private static final long H = Instant.parse("2026-08-03T10:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private SqliteSessionStore store;

    @BeforeEach
    void open() {
        store = TestSessions.store(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static UsageRow call(String session, String key, long at, String model, long in, double cost) {
        return new UsageRow(session, key, at, model, in, 10 * in, 100 * in, 1000 * in, cost, false);
    }

    private List<UsageSlice> slices(UsageFilter filter) {
        return store.ledger().usage(filter).stream().sorted(Comparator.comparingLong(UsageSlice::firstAt)
                .thenComparing(UsageSlice::model)).toList();
    }

    @Test
    void usage_sumsPerSessionModelAndQuarterHour_callsOnTheHourApart() {
        store.index().commit("claude-code", new Commit(List.of(TestSessions.entry("/p/a.jsonl", 1, "{}")), List.of(),
                Map.of("/p/a.jsonl", List.of(
                        call("s1", "k1", H - 1, "m", 1, 0.5), // 09:59:59.999, the 09:45 slot
                        call("s1", "k2", H, "m", 2, 0.5), // exactly 10:00: a slice of its own
                        call("s1", "k3", H + 1, "m", 3, 0.5), // 10:00:00.001
                        call("s1", "k4", H + 14 * 60_000, "m", 4, 0.5), // 10:14, same slot
                        call("s1", "k5", H + 15 * 60_000, "m", 5, 0.5), // 10:15, next slot
                        call("s1", "k6", H + 60_000, "other", 6, Double.NaN))))); // unpriced model

        List<UsageSlice> s = slices(UsageFilter.ALL);

        assertThat(s).extracting(UsageSlice::firstAt, UsageSlice::lastAt, UsageSlice::calls, UsageSlice::input,
                UsageSlice::onHour, UsageSlice::model).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(H - 1, H - 1, 1L, 1L, false, "m"),
                        org.assertj.core.groups.Tuple.tuple(H, H, 1L, 2L, true, "m"),
                        org.assertj.core.groups.Tuple.tuple(H + 1, H + 14 * 60_000, 2L, 7L, false, "m"),
                        org.assertj.core.groups.Tuple.tuple(H + 60_000, H + 60_000, 1L, 6L, false, "other"),
                        org.assertj.core.groups.Tuple.tuple(H + 15 * 60_000, H + 15 * 60_000, 1L, 5L, false, "m"));
        UsageSlice pair = s.get(2);
        assertThat(pair.slot()).isEqualTo(H);
        assertThat(pair.output()).isEqualTo(70);
        assertThat(pair.cacheWrite()).isEqualTo(700);
        assertThat(pair.cacheRead()).isEqualTo(7000);
        assertThat(pair.pricedCostUsd()).isEqualTo(1.0);
        assertThat(pair.unpricedCalls()).isZero();
        assertThat(s.get(3).unpricedCalls()).isEqualTo(1);
        assertThat(s.get(3).pricedCostUsd()).isZero();
        assertThat(s.get(0).assistant()).isEqualTo("claude-code");
        assertThat(s.get(0).project()).as("no session recorded yet").isEmpty();
    }

    @Test
    void usage_sumsRowsAsCommitted_theAdapterDecidedEachCallOnce_andOnlyNamedPathsAreReplaced() {
        store.index().commit("claude-code", new Commit(List.of(TestSessions.entry("/p/a.jsonl", 1, "{}"),
                TestSessions.entry("/p/b.jsonl", 1, "{}")), List.of(), Map.of(
                        "/p/a.jsonl", List.of(call("old", "shared", H + 5000, "m", 1, 0.5)),
                        "/p/b.jsonl", List.of(call("resumed", "own", H + 9000, "m", 2, 0.5)))));
        // a new state for a.jsonl without naming its usage leaves its rows as they are
        store.index().commit("claude-code", new Commit(List.of(TestSessions.entry("/p/a.jsonl", 2, "{}")),
                List.of(), Map.of()));
        store.index().commit("cursor", new Commit(List.of(TestSessions.entry("/c/x", 1, "{}")), List.of(),
                Map.of("/c/x", List.of(call("c1", "shared", H, "m", 4, 0.5)))));

        List<UsageSlice> s = slices(UsageFilter.ALL);

        assertThat(s).extracting(UsageSlice::assistant, UsageSlice::sessionId, UsageSlice::input).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cursor", "c1", 4L),
                org.assertj.core.groups.Tuple.tuple("claude-code", "old", 1L),
                org.assertj.core.groups.Tuple.tuple("claude-code", "resumed", 2L));
        assertThat(slices(new UsageFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("cursor")))).extracting(UsageSlice::sessionId).containsExactly("c1");
    }

    @Test
    void usage_filtersByInstantsAndByTheRecordedSessionsProject() {
        store.history().record(List.of(TestSessions.snapshot("s1", 100, 90)), TestSessions.T0); // cwd /work/s1
        store.index().commit("claude-code", new Commit(List.of(TestSessions.entry("/p/a.jsonl", 1, "{}")), List.of(),
                Map.of("/p/a.jsonl", List.of(call("s1", "a", H, "m", 1, 0.5), call("s1", "b", H + HOUR, "m", 2, 0.5),
                        call("s2", "c", H + 2 * HOUR, "m", 4, 0.5)))));

        assertThat(slices(new UsageFilter(Optional.of(Instant.ofEpochMilli(H + 1)),
                Optional.of(Instant.ofEpochMilli(H + 2 * HOUR)), Optional.empty(), Optional.empty())))
                .extracting(UsageSlice::input).containsExactly(2L);
        assertThat(slices(new UsageFilter(Optional.empty(), Optional.empty(), Optional.of("s1"), Optional.empty())))
                .extracting(UsageSlice::input, UsageSlice::project)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "s1"),
                        org.assertj.core.groups.Tuple.tuple(2L, "s1"));
    }
}
