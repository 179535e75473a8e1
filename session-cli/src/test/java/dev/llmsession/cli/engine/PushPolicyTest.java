package dev.llmsession.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a subscribed monitor gets its snapshots, on a clock the test moves. */
final class PushPolicyTest {
    private static final long MS = 1_000_000;
    private final PushPolicy policy = new PushPolicy(Duration.ofSeconds(2));

    @Test
    void theFirstSnapshotIsDueAtOnce() {
        assertThat(policy.dueIn(5_000 * MS)).isLessThanOrEqualTo(0);
    }

    @Test
    void withoutAChangeTheNextComesOneIntervalLater() {
        policy.taken(0);
        assertThat(policy.dueIn(0)).isEqualTo(2_000 * MS);
        assertThat(policy.dueIn(1_999 * MS)).isPositive();
        assertThat(policy.dueIn(2_000 * MS)).isZero();
    }

    @Test
    void aChangeIsPushedAQuarterSecondAfterThePreviousSnapshotAtTheEarliest() {
        policy.taken(0);
        policy.wake();
        assertThat(policy.dueIn(100 * MS)).as("debounced").isEqualTo(150 * MS);
        assertThat(policy.dueIn(250 * MS)).isZero();
        policy.taken(250 * MS);
        assertThat(policy.dueIn(250 * MS)).as("answered: back to the interval").isEqualTo(2_000 * MS);
    }

    @Test
    void aChangeLongAfterTheLastSnapshotIsDueAtOnce() {
        policy.taken(0);
        policy.wake();
        assertThat(policy.dueIn(1_500 * MS)).isNegative();
    }

    @Test
    void manyChangesWithinAQuarterSecondMakeOneSnapshot() {
        policy.taken(0);
        for (int i = 1; i <= 20; i++) {
            policy.wake();
            assertThat(policy.dueIn(i * 10 * MS)).isPositive();
        }
        assertThat(policy.dueIn(250 * MS)).isZero();
        policy.taken(250 * MS);
        assertThat(policy.dueIn(300 * MS)).isPositive();
    }

    @Test
    void aChangeDuringARefreshWakesTheNextOne() {
        policy.taken(0); // the refresh starts here…
        policy.wake(); // …and a line is written while it reads
        assertThat(policy.dueIn(250 * MS)).isZero();
    }

    @Test
    void anIntervalShorterThanThePaceIsNotSlowedDown() {
        PushPolicy fast = new PushPolicy(Duration.ofMillis(100));
        fast.taken(0);
        fast.wake();
        assertThat(fast.dueIn(0)).isEqualTo(100 * MS);
    }
}
