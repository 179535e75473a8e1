package dev.llmsession.api;

import java.time.Duration;
import java.util.Locale;

/**
 * How numbers and durations read in every output, so the CLI, reports and recommendations agree.
 *
 * @since 0.1
 */
public final class Formats {
    private Formats() {
    }

    /** {@code 131200} → {@code "131,200"}. */
    public static String thousands(long n) {
        // By hand, not String.format("%,d"): health explains every session's figures with it on each refresh, and
        // the formatter's parsing was half of scoring a history of 2,000 sessions.
        String digits = Long.toString(n);
        int start = n < 0 ? 1 : 0;
        int count = digits.length() - start;
        StringBuilder out = new StringBuilder(digits.length() + count / 3);
        out.append(digits, 0, start);
        for (int i = start; i < digits.length(); i++) {
            if (i > start && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** {@code 4_100_000} → {@code "4.1M"}, {@code 35_800} → {@code "35.8k"}, {@code 950} → {@code "950"}. */
    public static String compact(long n) {
        long abs = Math.abs(n);
        // Each threshold is where the smaller unit would round up: 999_999 is "1.0M", not "1000k".
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
            return String.format(Locale.ROOT, "%d h %02d min", h, m % 60);
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
            return String.format(Locale.ROOT, "%dh%02d", h, m % 60);
        }
        long days = h / 24;
        if (days < 10) {
            return String.format(Locale.ROOT, "%dd%02d", days, h % 24);
        }
        return days < 365 ? days + "d" : (days / 365) + "y";
    }

    /** {@code 10.1134} → {@code "$10.11"}; sub-cent amounts keep four decimals. */
    public static String usd(double usd) {
        return usd != 0 && Math.abs(usd) < 0.01 ? String.format(Locale.ROOT, "$%.4f", usd)
                : String.format(Locale.ROOT, "$%,.2f", usd);
    }
}
