package dev.llmsession.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CurveTest {
    private static final Curve CURVE = Curve.of(10, 100, 20, 50, 40, 0);

    @Test
    void score_atAPoint_returnsThePointsScore() {
        assertThat(CURVE.score(10)).isEqualTo(100);
        assertThat(CURVE.score(20)).isEqualTo(50);
        assertThat(CURVE.score(40)).isEqualTo(0);
    }

    @Test
    void score_betweenPoints_interpolatesLinearly() {
        assertThat(CURVE.score(15)).isCloseTo(75, within(1e-9));
        assertThat(CURVE.score(30)).isCloseTo(25, within(1e-9));
        assertThat(CURVE.score(35)).isCloseTo(12.5, within(1e-9));
    }

    @Test
    void score_belowTheFirstPoint_clampsToTheFirstScore() {
        assertThat(CURVE.score(0)).isEqualTo(100);
        assertThat(CURVE.score(-1_000)).isEqualTo(100);
    }

    @Test
    void score_aboveTheLastPoint_clampsToTheLastScore() {
        assertThat(CURVE.score(41)).isEqualTo(0);
        assertThat(CURVE.score(1e12)).isEqualTo(0);
    }

    @Test
    void score_risingCurve_interpolatesUpwards() {
        Curve rising = Curve.of(0, 0, 100, 100);

        assertThat(rising.score(25)).isCloseTo(25, within(1e-9));
        assertThat(rising.score(200)).isEqualTo(100);
    }

    @Test
    void score_singlePoint_isConstant() {
        Curve flat = Curve.of(5, 42);

        assertThat(flat.score(-10)).isEqualTo(42);
        assertThat(flat.score(5)).isEqualTo(42);
        assertThat(flat.score(10)).isEqualTo(42);
    }

    @Test
    void new_noPoints_isRejected() {
        assertThatThrownBy(() -> new Curve(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one point");
    }

    @Test
    void of_oddNumberOfValues_isRejected() {
        assertThatThrownBy(() -> Curve.of(0, 100, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pairs");
    }

    @Test
    void new_xNotStrictlyIncreasing_isRejected() {
        assertThatThrownBy(() -> Curve.of(0, 100, 10, 50, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> Curve.of(10, 100, 5, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
    }

    @Test
    void new_scoreOutsideZeroToHundred_isRejected() {
        assertThatThrownBy(() -> Curve.of(0, 101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0-100");
        assertThatThrownBy(() -> Curve.of(0, -0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void new_nonFiniteValues_areRejected() {
        assertThatThrownBy(() -> Curve.of(Double.NaN, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Curve.of(Double.POSITIVE_INFINITY, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Curve.of(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void new_mutableList_isCopiedDefensively() {
        List<Curve.Point> points = new ArrayList<>(List.of(new Curve.Point(0, 100), new Curve.Point(10, 0)));
        Curve curve = new Curve(points);

        points.add(new Curve.Point(20, 50));

        assertThat(curve.points()).hasSize(2);
        assertThatThrownBy(() -> curve.points().add(new Curve.Point(30, 0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
