package dev.llmsession.testkit.store;

import static dev.llmsession.testkit.store.StoreFixtures.T0;
import static dev.llmsession.testkit.store.StoreFixtures.row;
import static dev.llmsession.testkit.store.StoreFixtures.session;
import static dev.llmsession.testkit.store.StoreFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.spi.TranscriptIndex.Commit;
import dev.llmsession.spi.TranscriptIndex.UsageRow;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageLedger;
import dev.llmsession.spi.UsageSlice;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UsageLedger} does. A ledger reads the rows committed through its store's index and labels them
 * with the projects of its store's history, so the contract is handed the three roles of one fresh, empty store.
 */
public abstract class UsageLedgerContract {

    /** The roles of one store a ledger works with. */
    protected record Parts(TranscriptIndex index, SnapshotHistory history, UsageLedger ledger) {
        public Parts {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(history, "history");
            Objects.requireNonNull(ledger, "ledger");
        }

        /** The roles of {@code store}. */
        public static Parts of(SessionStore store) {
            return new Parts(store.index(), store.history(), store.ledger());
        }
    }

    /** The roles of a fresh, empty store. */
    protected abstract Parts newParts();

    private static final Instant ELEVEN = Instant.parse("2026-03-01T11:00:00Z");

    private static void commit(Parts p, String path, List<UsageRow> rows) {
        p.index().commit("claude-code", new Commit(List.of(), List.of(), Map.of(path, rows)));
    }

    private static List<UsageSlice> slices(Parts p, UsageFilter filter) {
        return p.ledger().usage(filter).stream().sorted(Comparator.comparingLong(UsageSlice::firstAt)
                .thenComparing(UsageSlice::sessionId)).toList();
    }

    @Test
    void callsOfOneSessionModelAndSlotSumIntoOneSlice() {
        Parts p = newParts();
        commit(p, "/s1.jsonl", List.of(row("s1", "k1", ELEVEN.plusSeconds(60), 100, 0.5),
                row("s1", "k2", ELEVEN.plusSeconds(300), 200, 0.25),
                row("s1", "k3", ELEVEN.plusSeconds(20 * 60), 50, 0.125)));
        List<UsageSlice> slices = slices(p, UsageFilter.ALL);
        assertThat(slices).hasSize(2);
        UsageSlice first = slices.get(0);
        assertThat(first.assistant()).isEqualTo("claude-code");
        assertThat(first.sessionId()).isEqualTo("s1");
        assertThat(first.slot()).isEqualTo(ELEVEN.toEpochMilli());
        assertThat(first.calls()).isEqualTo(2);
        assertThat(first.input()).isEqualTo(300);
        assertThat(first.output()).isEqualTo(600);
        assertThat(first.cacheWrite()).isEqualTo(6);
        assertThat(first.cacheRead()).isEqualTo(8);
        assertThat(first.pricedCostUsd()).isEqualTo(0.75);
        assertThat(first.firstAt()).isEqualTo(ELEVEN.plusSeconds(60).toEpochMilli());
        assertThat(first.lastAt()).isEqualTo(ELEVEN.plusSeconds(300).toEpochMilli());
        assertThat(slices.get(1).slot()).isEqualTo(ELEVEN.plusSeconds(15 * 60).toEpochMilli());
    }

    @Test
    void aCallExactlyOnTheHourIsASliceOfItsOwn() {
        Parts p = newParts();
        commit(p, "/s1.jsonl", List.of(row("s1", "k1", ELEVEN, 100, 0.5), row("s1", "k2", ELEVEN.plusSeconds(60),
                100, 0.5)));
        List<UsageSlice> slices = slices(p, UsageFilter.ALL);
        assertThat(slices).extracting(UsageSlice::onHour).containsExactly(true, false);
        assertThat(slices).extracting(UsageSlice::slot).containsOnly(ELEVEN.toEpochMilli());
    }

    @Test
    void unpricedCallsAreCountedNotPriced() {
        Parts p = newParts();
        commit(p, "/s1.jsonl", List.of(row("s1", "k1", ELEVEN.plusSeconds(60), 100, 0.5),
                row("s1", "k2", ELEVEN.plusSeconds(120), 100, Double.NaN)));
        assertThat(slices(p, UsageFilter.ALL)).singleElement().satisfies(s -> {
            assertThat(s.calls()).isEqualTo(2);
            assertThat(s.unpricedCalls()).isEqualTo(1);
            assertThat(s.pricedCostUsd()).isEqualTo(0.5);
        });
    }

    @Test
    void aCommitReplacesTheRowsOfThePathsItNamesAndARemovalDropsThem() {
        Parts p = newParts();
        commit(p, "/s1.jsonl", List.of(row("s1", "k1", ELEVEN.plusSeconds(60), 100, 0.5)));
        commit(p, "/s2.jsonl", List.of(row("s2", "k1", ELEVEN.plusSeconds(60), 7, 0.5)));
        commit(p, "/s1.jsonl", List.of(row("s1", "k1", ELEVEN.plusSeconds(60), 100, 0.5),
                row("s1", "k2", ELEVEN.plusSeconds(90), 1, 0.5)));
        assertThat(slices(p, UsageFilter.ALL)).extracting(UsageSlice::sessionId, UsageSlice::calls)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("s1", 2L),
                        org.assertj.core.groups.Tuple.tuple("s2", 1L));
        p.index().commit("claude-code", new Commit(List.of(), List.of("/s2.jsonl"), Map.of()));
        assertThat(slices(p, UsageFilter.ALL)).extracting(UsageSlice::sessionId).containsExactly("s1");
    }

    @Test
    void filtersByTimeAssistantAndTheRecordedProject() {
        Parts p = newParts();
        p.history().record(List.of(snapshot(session("s1", "/work/alpha", T0, 10), OptionalInt.of(90))), T0);
        commit(p, "/s1.jsonl", List.of(row("s1", "k1", ELEVEN.plusSeconds(60), 100, 0.5),
                row("s1", "k2", ELEVEN.plusSeconds(3600), 100, 0.5)));
        commit(p, "/s2.jsonl", List.of(row("s2", "k1", ELEVEN.plusSeconds(60), 100, 0.5)));
        assertThat(slices(p, UsageFilter.ALL)).extracting(UsageSlice::sessionId, UsageSlice::project)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", "alpha"),
                        org.assertj.core.groups.Tuple.tuple("s2", ""),
                        org.assertj.core.groups.Tuple.tuple("s1", "alpha"));
        assertThat(slices(p, new UsageFilter(Optional.of(ELEVEN.plusSeconds(1800)), Optional.empty(),
                Optional.empty(), Optional.empty()))).extracting(UsageSlice::firstAt)
                .containsExactly(ELEVEN.plusSeconds(3600).toEpochMilli());
        assertThat(slices(p, new UsageFilter(Optional.empty(), Optional.of(ELEVEN.plusSeconds(3600)),
                Optional.empty(), Optional.empty()))).hasSize(2);
        assertThat(slices(p, new UsageFilter(Optional.empty(), Optional.empty(), Optional.of("alpha"),
                Optional.empty()))).hasSize(2).allMatch(s -> s.sessionId().equals("s1"));
        assertThat(slices(p, new UsageFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("codex")))).isEmpty();
    }
}
