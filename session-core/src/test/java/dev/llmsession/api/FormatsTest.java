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

    /** What Formats wrote with String.format before it wrote numbers by hand: the output must not change. */
    private static String usdByFormat(double usd) {
        return usd != 0 && Math.abs(usd) < 0.01 ? String.format(Locale.ROOT, "$%.4f", usd)
                : String.format(Locale.ROOT, "$%,.2f", usd);
    }

    private static String compactByFormat(long n) {
        long abs = Math.abs(n);
        if (abs >= 999_950_000L) {
            return String.format(Locale.ROOT, "%.1fG", n / 1e9);
        }
        if (abs >= 999_500L) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (abs >= 9_950L) {
            return String.format(Locale.ROOT, "%.0fk", n / 1e3);
        }
        if (abs >= 1_000L) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return Long.toString(n);
    }

    @Test
    void numbersReadExactlyAsStringFormatWroteThem() {
        double[] edges = {0.0, -0.0, 0.005, 0.00499999, 0.0099999, 0.00995, 0.01, 0.125, 0.135, 1.005, 2.675, 9.995,
            1e-5, 1e-12, -0.004, -1234.565, 999_999.995, 123_456_789.125, 1e7, 1.5e15, 1e300, Double.MIN_VALUE,
            Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double d : edges) {
            assertThat(Formats.usd(d)).as("usd(%s)", d).isEqualTo(usdByFormat(d));
        }
        long[] longs = {0, 1, -1, 999, 1_000, 9_949, 9_950, 999_499, 999_500, 999_949_999, 999_950_000,
            Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long n : longs) {
            assertThat(Formats.thousands(n)).as("thousands(%s)", n).isEqualTo(String.format(Locale.ROOT, "%,d", n));
            assertThat(Formats.compact(n)).as("compact(%s)", n).isEqualTo(compactByFormat(n));
        }
        java.util.Random random = new java.util.Random(18);
        for (int i = 0; i < 20_000; i++) {
            double scale = Math.pow(10, random.nextInt(16) - 6);
            double d = (random.nextBoolean() ? 1 : -1) * random.nextDouble() * scale;
            double cents = Math.round(d * 1000) / 1000.0; // halves of a cent, where rounding is decided
            long n = random.nextLong() >> random.nextInt(64);
            assertThat(Formats.usd(d)).as("usd(%s)", d).isEqualTo(usdByFormat(d));
            assertThat(Formats.usd(cents)).as("usd(%s)", cents).isEqualTo(usdByFormat(cents));
            assertThat(Formats.thousands(n)).as("thousands(%s)", n).isEqualTo(String.format(Locale.ROOT, "%,d", n));
            assertThat(Formats.compact(n)).as("compact(%s)", n).isEqualTo(compactByFormat(n));
        }
        for (long sec = 0; sec < 400 * 86_400L; sec += 599) {
            long m = sec / 60;
            long h = m / 60;
            if (sec >= 3600 && h < 48) {
                assertThat(Formats.duration(ofSeconds(sec)))
                        .isEqualTo(String.format(Locale.ROOT, "%d h %02d min", h, m % 60));
                assertThat(Formats.shortDuration(ofSeconds(sec)))
                        .isEqualTo(String.format(Locale.ROOT, "%dh%02d", h, m % 60));
            } else if (h >= 48 && h / 24 < 10) {
                assertThat(Formats.shortDuration(ofSeconds(sec)))
                        .isEqualTo(String.format(Locale.ROOT, "%dd%02d", h / 24, h % 24));
            }
        }
    }
}
