package dev.llmsession.testkit.store;

import static dev.llmsession.testkit.store.StoreFixtures.T0;
import static dev.llmsession.testkit.store.StoreFixtures.session;
import static dev.llmsession.testkit.store.StoreFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.Session;
import dev.llmsession.model.SessionSample;
import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.SnapshotHistory.Query;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What every {@link SnapshotHistory} does. Extend it and make a fresh, empty history. */
public abstract class SnapshotHistoryContract {

    /** A fresh, empty history. */
    protected abstract SnapshotHistory newHistory();

    @Test
    void recordedSessionsComeBackNewestActivityFirstWithTheirFigures() {
        SnapshotHistory history = newHistory();
        history.record(List.of(snapshot("a", 100, 1000, 90), snapshot("c", 300, 3000, 70),
                snapshot("b", 200, 2000, 80)), T0.plusSeconds(400));
        List<Session> all = history.sessions(Query.ALL);
        assertThat(all).extracting(s -> s.id().nativeId()).containsExactly("c", "b", "a");
        assertThat(all.get(0).context().tokens()).hasValue(3000);
        assertThat(all.get(0).project()).hasValue("c");
        assertThat(all.get(0).lastActivityAt()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void theLatestStateOfASessionReplacesTheEarlierOne() {
        SnapshotHistory history = newHistory();
        history.record(List.of(snapshot("a", 100, 1000, 90)), T0.plusSeconds(100));
        history.record(List.of(snapshot("a", 150, 2000, 85)), T0.plusSeconds(150));
        assertThat(history.sessions(Query.ALL)).singleElement()
                .satisfies(s -> assertThat(s.context().tokens()).hasValue(2000));
    }

    @Test
    void queriesFilterBySinceProjectAndAssistant() {
        SnapshotHistory history = newHistory();
        history.record(List.of(snapshot("a", 100, 1000, 90), snapshot("b", 600, 2000, 80)), T0.plusSeconds(700));
        assertThat(history.sessions(new Query(Optional.of(T0.plusSeconds(500)), Optional.empty(), Optional.empty())))
                .extracting(s -> s.id().nativeId()).containsExactly("b");
        assertThat(history.sessions(new Query(Optional.empty(), Optional.of("a"), Optional.empty())))
                .extracting(s -> s.id().nativeId()).containsExactly("a");
        assertThat(history.sessions(new Query(Optional.empty(), Optional.empty(), Optional.of("cursor")))).isEmpty();
        assertThat(history.sessions(new Query(Optional.empty(), Optional.empty(), Optional.of("claude-code"))))
                .hasSize(2);
    }

    @Test
    void aSampleIsTakenOnlyWhenTheFiguresChange() {
        SnapshotHistory history = newHistory();
        history.record(List.of(snapshot("a", 100, 1000, 90)), T0.plusSeconds(100));
        history.record(List.of(snapshot("a", 100, 1000, 90)), T0.plusSeconds(200)); // unchanged
        history.record(List.of(snapshot("a", 100, 1500, 90)), T0.plusSeconds(300)); // context grew
        history.record(List.of(snapshot("a", 100, 1500, 60)), T0.plusSeconds(400)); // health fell
        List<SessionSample> samples = history.samples(snapshot("a", 0, 0, 0).session().id(), Instant.EPOCH);
        assertThat(samples).extracting(SessionSample::at)
                .containsExactly(T0.plusSeconds(100), T0.plusSeconds(300), T0.plusSeconds(400));
        assertThat(samples.get(1).contextTokens()).hasValue(1500);
        assertThat(samples.get(2).healthScore()).hasValue(60);
    }

    @Test
    void samplesStartAtSinceAndKeepUnknownFiguresUnknown() {
        SnapshotHistory history = newHistory();
        Session unknown = session("u", "/work/u", T0, -1);
        history.record(List.of(snapshot(unknown, OptionalInt.empty())), T0);
        history.record(List.of(snapshot(session("u", "/work/u", T0, 500), OptionalInt.of(75))), T0.plusSeconds(60));
        List<SessionSample> all = history.samples(unknown.id(), Instant.EPOCH);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).contextTokens()).isEmpty();
        assertThat(all.get(0).totalTokens()).isEmpty();
        assertThat(all.get(0).healthScore()).isEmpty();
        assertThat(history.samples(unknown.id(), T0.plusSeconds(1))).singleElement()
                .satisfies(s -> assertThat(s.healthScore()).hasValue(75));
        assertThat(history.samples(snapshot("nobody", 0, 0, 0).session().id(), Instant.EPOCH)).isEmpty();
    }
}
