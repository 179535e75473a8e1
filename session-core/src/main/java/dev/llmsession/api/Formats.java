package dev.llmsession.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * How numbers and durations read in every output, so the CLI, reports and recommendations agree. Written by hand
 * rather than with {@code String.format}, which parses its pattern at every call: a 500-row table formats a few
 * thousand figures, and that was a third of what a {@code list --team} cost in the engine. The output is exactly
 * {@code String.format}'s under {@link Locale#ROOT} (FormatsTest compares them).
 *
 * @since 0.1
 */
public final class Formats {
    private Formats() {
    }

    /** {@code 131200} → {@code "131,200"}. */
    public static String thousands(long n) {
        String digits = Long.toString(n);
        return n < 0 ? "-" + grouped(digits.substring(1)) : grouped(digits);
    }

    /** {@code 4_100_000} → {@code "4.1M"}, {@code 35_800} → {@code "35.8k"}, {@code 950} → {@code "950"}. */
    public static String compact(long n) {
        long abs = Math.abs(n);
        // Each threshold is where the smaller unit would round up: 999_999 is "1.0M", not "1000k".
        if (abs >= 999_950_000L) {
            return fixed(n / 1e9, 1, false) + "G";
        }
        if (abs >= 999_500L) {
            return fixed(n / 1e6, 1, false) + "M";
        }
        if (abs >= 9_950L) {
            return fixed(n / 1e3, 0, false) + "k";
        }
        if (abs >= 1_000L) {
            return fixed(n / 1e3, 1, false) + "k";
        }
        return Long.toString(n);
    }

    /** Long form: {@code "2 h 05 min"}, {@code "3 min"}, {@code "42 s"}, {@code "3 d 4 h"}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 48) {
            return h + " h " + twoDigits(m % 60) + " min";
        }
        return (h / 24) + " d " + (h % 24) + " h";
    }

    /**
     * Table form, at most five characters: {@code "42s"}, {@code "45m"}, {@code "2h05"}, {@code "3d04"}, then whole
     * days ({@code "45d"}) and from a year whole years ({@code "2y"}), where hours no longer matter.
     */
    public static String shortDuration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 48) {
            return h + "h" + twoDigits(m % 60);
        }
        long days = h / 24;
        if (days < 10) {
            return days + "d" + twoDigits(h % 24);
        }
        return days < 365 ? days + "d" : (days / 365) + "y";
    }

    /** {@code 10.1134} → {@code "$10.11"}; sub-cent amounts keep four decimals. */
    public static String usd(double usd) {
        return "$" + (usd != 0 && Math.abs(usd) < 0.01 ? fixed(usd, 4, false) : fixed(usd, 2, true));
    }

    /** {@code 0 <= n < 100} with a leading zero. */
    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    /** Non-negative decimal digits with a comma every three from the right. */
    private static String grouped(String digits) {
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        StringBuilder b = new StringBuilder(digits.length() + digits.length() / 3).append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            b.append(',').append(digits, i, i + 3);
        }
        return b.toString();
    }

    /**
     * {@code String.format(Locale.ROOT, "%.Nf", v)} (with {@code %,.Nf} when {@code grouped}): the shortest decimal
     * digits of {@code v} ({@link Double#toString}) rounded half up, as {@link java.util.Formatter} rounds them; the
     * sign of a negative value, zero included, kept.
     */
    private static String fixed(double v, int decimals, boolean grouped) {
        if (!Double.isFinite(v)) {
            return String.format(Locale.ROOT, grouped ? "%,." + decimals + "f" : "%." + decimals + "f", v);
        }
        boolean negative = Double.compare(v, 0.0) < 0;
        String plain = new BigDecimal(Double.toString(Math.abs(v))).setScale(decimals, RoundingMode.HALF_UP)
                .toPlainString();
        if (grouped) {
            int dot = plain.indexOf('.');
            plain = dot < 0 ? grouped(plain) : grouped(plain.substring(0, dot)) + plain.substring(dot);
        }
        return negative ? "-" + plain : plain;
    }
}
