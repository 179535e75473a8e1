package dev.llmsession.cli.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 90s}, {@code 30m}, {@code 1h}, {@code 1h30m}, {@code 7d}, or ISO {@code PT30M}. */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");

    private DurationText() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException when it is not a duration
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(t.toUpperCase(Locale.ROOT)), text);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        boolean any = false;
        while (m.find()) {
            if (!t.substring(end, m.start()).isBlank()) {
                throw invalid(text);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
            end = m.end();
            any = true;
        }
        if (!any || !t.substring(end).isBlank()) {
            throw invalid(text);
        }
        return total;
    }

    private static Duration nonNegative(Duration d, String text) {
        if (d.isNegative()) {
            throw invalid(text);
        }
        return d;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration (examples: 90s, 30m, 1h, 1h30m, 7d)");
    }
}
