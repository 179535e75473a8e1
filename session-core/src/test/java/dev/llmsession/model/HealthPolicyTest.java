package dev.llmsession.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class HealthPolicyTest {
    private static final HealthPolicy D = HealthPolicy.DEFAULT;

    private static HealthPolicy withWeights(double tokens, double duration, double activity, double errors) {
        return new HealthPolicy(tokens, duration, activity, errors, D.tokensCurve(), D.durationCurve(),
                D.activityCurve(), D.errorsCurve(), D.errorWindow(), D.waitingGrace(), D.nearAutoCompactPercent(),
                D.longSession(), D.idleAdvice(), D.repeatedErrors());
    }

    @Test
    void default_weights_areSpecSection5() {
        assertThat(D.tokensWeight()).isEqualTo(0.40);
        assertThat(D.durationWeight()).isEqualTo(0.20);
        assertThat(D.activityWeight()).isEqualTo(0.20);
        assertThat(D.errorsWeight()).isEqualTo(0.20);
    }

    @Test
    void default_tokensCurve_isFullUpTo40PercentThen60At85And0At100() {
        Curve c = D.tokensCurve();
        assertThat(c.score(0)).isEqualTo(100);
        assertThat(c.score(40)).isEqualTo(100);
        assertThat(c.score(85)).isCloseTo(60, within(1e-9));
        assertThat(c.score(100)).isCloseTo(0, within(1e-9));
        assertThat(c.score(120)).isEqualTo(0);
    }

    @Test
    void default_durationCurve_inMinutes_isSpecSection5() {
        Curve c = D.durationCurve();
        assertThat(c.score(0)).isEqualTo(100);
        assertThat(c.score(15)).isEqualTo(100);
        assertThat(c.score(60)).isCloseTo(80, within(1e-9));
        assertThat(c.score(180)).isCloseTo(40, within(1e-9));
        assertThat(c.score(360)).isCloseTo(0, within(1e-9));
        assertThat(c.score(1_000)).isEqualTo(0);
    }

    @Test
    void default_activityCurve_inIdleMinutes_isSpecSection5() {
        Curve c = D.activityCurve();
        assertThat(c.score(0)).isEqualTo(100);
        assertThat(c.score(10)).isCloseTo(75, within(1e-9));
        assertThat(c.score(30)).isCloseTo(25, within(1e-9));
        assertThat(c.score(60)).isCloseTo(0, within(1e-9));
    }

    @Test
    void default_errorsCurve_losesFifteenPerErrorWithAFloorOfZero() {
        Curve c = D.errorsCurve();
        for (int errors = 0; errors <= 10; errors++) {
            assertThat(c.score(errors)).as("%d errors", errors)
                    .isCloseTo(Math.max(0, 100 - 15 * errors), within(1e-9));
        }
    }

    @Test
    void default_windows_areThirtyMinutesOfErrorsAndTenMinutesOfWaitingGrace() {
        assertThat(D.errorWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(D.waitingGrace()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void new_weightsNotSummingToOne_isRejected() {
        assertThatThrownBy(() -> withWeights(0.4, 0.2, 0.2, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to 1")
                .hasMessageContaining("0.9000");
        assertThatThrownBy(() -> withWeights(0.5, 0.5, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to 1");
    }

    @Test
    void new_weightsSummingToOneWithRoundingNoise_isAccepted() {
        assertThatNoException().isThrownBy(() -> withWeights(0.1, 0.2, 0.3, 0.4));
        assertThatNoException().isThrownBy(() -> withWeights(1.0 / 3, 1.0 / 3, 1.0 / 3, 0));
    }

    @Test
    void new_negativeOrNonFiniteWeight_isRejected() {
        assertThatThrownBy(() -> withWeights(1.2, -0.2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("within 0-1");
        assertThatThrownBy(() -> withWeights(Double.NaN, 0.2, 0.2, 0.2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void new_nonPositiveErrorWindow_isRejected() {
        assertThatThrownBy(() -> new HealthPolicy(0.4, 0.2, 0.2, 0.2, D.tokensCurve(), D.durationCurve(),
                D.activityCurve(), D.errorsCurve(), Duration.ZERO, D.waitingGrace(), 75, D.longSession(),
                D.idleAdvice(), 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void new_nullCurve_isRejected() {
        assertThatThrownBy(() -> new HealthPolicy(0.4, 0.2, 0.2, 0.2, null, D.durationCurve(),
                D.activityCurve(), D.errorsCurve(), D.errorWindow(), D.waitingGrace(), 75, D.longSession(),
                D.idleAdvice(), 3)).isInstanceOf(NullPointerException.class).hasMessage("tokensCurve");
    }
}
