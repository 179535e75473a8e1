package dev.llmsession.storage.sqlite;

import static dev.llmsession.storage.sqlite.TestSessions.T0;
import static dev.llmsession.storage.sqlite.TestSessions.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import dev.llmsession.spi.SnapshotHistory.Query;
import dev.llmsession.spi.SnapshotHistory.Snapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SqliteSessionStoreTest {
    private static final Query ALL = new Query(Optional.empty(), Optional.empty(), Optional.empty());
    private static final SessionId A = new SessionId("claude", "a");

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

    @Test
    void record_firstTime_writesSessionAndOneSample() {
        store.history().record(List.of(snapshot("a", 1000, 90)), T0);

        assertThat(store.history().sessions(ALL)).extracting(s -> s.id().value()).containsExactly("claude_a");
        assertThat(store.history().samples(A, Instant.EPOCH)).singleElement().satisfies(s -> {
            assertThat(s.at()).isEqualTo(T0);
            assertThat(s.contextTokens()).hasValue(1000);
            assertThat(s.totalTokens()).hasValue(10 + 20 + 1000 + 30 + 40);
            assertThat(s.healthScore()).hasValue(90);
        });
    }

    @Test
    void record_unchangedFigures_writesNoNewSample() {
        store.history().record(List.of(snapshot("a", 1000, 90)), T0);

        store.history().record(List.of(snapshot("a", 1000, 90)), T0.plusSeconds(2));
        store.history().record(List.of(snapshot("a", 1000, 90)), T0.plusSeconds(4));

        assertThat(store.history().samples(A, Instant.EPOCH)).hasSize(1);
    }

    @Test
    void record_changedContextOrHealth_writesSampleEachTime() {
        store.history().record(List.of(snapshot("a", 1000, 90)), T0);
        store.history().record(List.of(snapshot("a", 2000, 90)), T0.plusSeconds(2));
        store.history().record(List.of(snapshot("a", 2000, 70)), T0.plusSeconds(4));
        store.history().record(List.of(snapshot("a", 2000, 70)), T0.plusSeconds(6));

        assertThat(store.history().samples(A, Instant.EPOCH)).extracting(SessionSample::at)
                .containsExactly(T0, T0.plusSeconds(2), T0.plusSeconds(4));
    }

    @Test
    void record_sameSessionTwiceInOneCall_writesAtMostOneSampleWithTheLast() {
        store.history().record(List.of(snapshot("a", 1000, 90), snapshot("a", 3000, 80)), T0);

        assertThat(store.history().samples(A, Instant.EPOCH)).singleElement()
                .satisfies(s -> assertThat(s.contextTokens()).hasValue(3000));
    }

    @Test
    void record_unknownFigures_storesNullsNotZeros() {
        Snapshot unknown = snapshot("a", -1, 0);
        Snapshot noScore = new Snapshot(unknown.session(), TestSessions.health(unknown.session(), OptionalInt.empty()));

        store.history().record(List.of(noScore), T0);

        SessionSample sample = store.history().samples(A, Instant.EPOCH).get(0);
        assertThat(sample.contextTokens()).isEmpty();
        assertThat(sample.totalTokens()).isEmpty();
        assertThat(sample.healthScore()).isEmpty();
        assertThat(store.history().sessions(ALL).get(0).context().tokens()).isEmpty();
    }

    @Test
    void history_roundTrip_keepsRecordedFieldsWithoutPid() {
        Snapshot s = snapshot("a", 1234, 88);

        store.history().record(List.of(s), T0);

        Session back = store.history().sessions(ALL).get(0);
        assertThat(back.pid()).isEqualTo(OptionalLong.empty());
        assertThat(back.activity().state()).isEqualTo(ActivityState.WAITING_INPUT);
        assertThat(back).usingRecursiveComparison().ignoringFields("pid").isEqualTo(s.session());
    }

    @Test
    void history_filters_bySinceProjectAndAssistant() {
        store.history().record(List.of(snapshot("a", 100, 90), snapshot("b", 500, 90), snapshot("c", 900, 90)), T0);

        assertThat(store.history().sessions(new Query(Optional.of(T0.plusSeconds(500)), Optional.empty(),
                Optional.empty()))).extracting(s -> s.id().nativeId()).containsExactly("c", "b");
        assertThat(store.history().sessions(new Query(Optional.empty(), Optional.of("b"), Optional.empty())))
                .extracting(s -> s.id().nativeId()).containsExactly("b");
        assertThat(store.history().sessions(new Query(Optional.empty(), Optional.empty(), Optional.of("cursor"))))
                .isEmpty();
        assertThat(store.history().sessions(ALL)).extracting(s -> s.id().nativeId()).containsExactly("c", "b", "a");
    }

    @Test
    void record_olderSnapshotAfterNewer_keepsNewerLatestState() {
        store.history().record(List.of(snapshot("a", 2000, 80)), T0.plusSeconds(10));

        store.history().record(List.of(snapshot("a", 1000, 90)), T0);

        assertThat(store.history().sessions(ALL).get(0).context().tokens()).hasValue(2000);
    }

    @Test
    void samples_since_returnsOldestFirstFromSince() {
        for (int i = 0; i < 5; i++) {
            store.history().record(List.of(snapshot("a", 1000 + i, 90)), T0.plusSeconds(10L * (4 - i)));
        }

        assertThat(store.history().samples(A, T0.plusSeconds(10))).extracting(SessionSample::at)
                .containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30), T0.plusSeconds(40));
    }

    @Test
    void describe_populatedStore_namesPathVersionAndCounts() {
        store.history().record(List.of(snapshot("a", 1000, 90)), T0);

        assertThat(store.describe()).hasSize(5).satisfies(lines -> {
            assertThat(lines.get(0)).isEqualTo("store: " + dir.resolve("store.db"));
            assertThat(lines.get(1)).isEqualTo("schema version: " + Migrations.LATEST + " (quick_check ok)");
            assertThat(lines.get(3)).isEqualTo("index entries: 0, usage rows: 0, sessions: 1, samples: 1, imported contexts: 0");
        });
    }
}
