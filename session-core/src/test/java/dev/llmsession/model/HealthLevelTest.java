package dev.llmsession.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class HealthLevelTest {
    @Test
    void of_eightyAndAbove_isHealthy() {
        assertThat(HealthLevel.of(80)).isEqualTo(HealthLevel.HEALTHY);
        assertThat(HealthLevel.of(100)).isEqualTo(HealthLevel.HEALTHY);
    }

    @Test
    void of_sixtyToSeventyNine_isWarning() {
        assertThat(HealthLevel.of(79)).isEqualTo(HealthLevel.WARNING);
        assertThat(HealthLevel.of(60)).isEqualTo(HealthLevel.WARNING);
    }

    @Test
    void of_belowSixty_isCritical() {
        assertThat(HealthLevel.of(59)).isEqualTo(HealthLevel.CRITICAL);
        assertThat(HealthLevel.of(0)).isEqualTo(HealthLevel.CRITICAL);
    }

    @Test
    void label_isLowerCaseName() {
        assertThat(HealthLevel.WARNING.label()).isEqualTo("warning");
    }
}
