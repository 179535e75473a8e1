package dev.llmsession.api;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

final class FormatsTest {
    @Test
    void thousands_groupsWithCommasWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Formats.thousands(131_200)).isEqualTo("131,200");
            assertThat(Formats.thousands(0)).isEqualTo("0");
            assertThat(Formats.thousands(999)).isEqualTo("999");
            assertThat(Formats.thousands(-1_234_567)).isEqualTo("-1,234,567");
            assertThat(Formats.usd(1234.5)).isEqualTo("$1,234.50");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void thousands_equalsTheFormattersGroupingForAnyNumber() {
        java.util.Random random = new java.util.Random(17);
        long[] edges = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1_000, -999, -1, 0, 1, 999, 1_000, 99_999, 100_000,
            Long.MAX_VALUE};
        for (long n : edges) {
            assertThat(Formats.thousands(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        }
        for (int i = 0; i < 10_000; i++) {
            long n = random.nextLong() >> random.nextInt(64);
            assertThat(Formats.thousands(n)).as("%d", n).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        }
    }

    @Test
    void compact_picksAUnit() {
        assertThat(Formats.compact(950)).isEqualTo("950");
        assertThat(Formats.compact(1_000)).isEqualTo("1.0k");
        assertThat(Formats.compact(9_949)).isEqualTo("9.9k");
        assertThat(Formats.compact(35_800)).isEqualTo("36k");
        assertThat(Formats.compact(200_000)).isEqualTo("200k");
        assertThat(Formats.compact(4_100_000)).isEqualTo("4.1M");
        assertThat(Formats.compact(2_500_000_000L)).isEqualTo("2.5G");
        assertThat(Formats.compact(-1_500)).isEqualTo("-1.5k");
    }

    @Test
    void compact_valuesThatRoundUpToTheNextUnit_switchUnit() {
        assertThat(Formats.compact(9_950)).isEqualTo("10k");
        assertThat(Formats.compact(999_499)).isEqualTo("999k");
        assertThat(Formats.compact(999_500)).isEqualTo("1.0M");
        assertThat(Formats.compact(999_999)).isEqualTo("1.0M");
        assertThat(Formats.compact(999_949_999)).isEqualTo("999.9M");
        assertThat(Formats.compact(999_950_000)).isEqualTo("1.0G");
        assertThat(Formats.compact(-999_999)).isEqualTo("-1.0M");
    }

    @Test
    void duration_longForm() {
        assertThat(Formats.duration(ofSeconds(42))).isEqualTo("42 s");
        assertThat(Formats.duration(ofMinutes(3))).isEqualTo("3 min");
        assertThat(Formats.duration(ofMinutes(59).plusSeconds(59))).isEqualTo("59 min");
        assertThat(Formats.duration(ofMinutes(125))).isEqualTo("2 h 05 min");
        assertThat(Formats.duration(ofHours(47))).isEqualTo("47 h 00 min");
        assertThat(Formats.duration(ofDays(3).plusHours(4))).isEqualTo("3 d 4 h");
    }

    @Test
    void duration_negative_isZeroSeconds() {
        assertThat(Formats.duration(ofSeconds(-5))).isEqualTo("0 s");
        assertThat(Formats.shortDuration(ofSeconds(-5))).isEqualTo("0s");
    }

    @Test
    void shortDuration_tableForm() {
        assertThat(Formats.shortDuration(ofSeconds(42))).isEqualTo("42s");
        assertThat(Formats.shortDuration(ofMinutes(45))).isEqualTo("45m");
        assertThat(Formats.shortDuration(ofMinutes(125))).isEqualTo("2h05");
        assertThat(Formats.shortDuration(ofDays(3).plusHours(4))).isEqualTo("3d04");
        // issue 16: an idle of two years read "749d11"
        assertThat(Formats.shortDuration(ofDays(45).plusHours(11))).isEqualTo("45d");
        assertThat(Formats.shortDuration(ofDays(749).plusHours(11))).isEqualTo("2y");
    }

    @Test
    void usd_twoDecimalsAndFourBelowACent() {
        assertThat(Formats.usd(10.1134)).isEqualTo("$10.11");
        assertThat(Formats.usd(0)).isEqualTo("$0.00");
        assertThat(Formats.usd(0.0042)).isEqualTo("$0.0042");
        assertThat(Formats.usd(0.01)).isEqualTo("$0.01");
    }
}
