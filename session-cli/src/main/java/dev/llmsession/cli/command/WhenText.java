package dev.llmsession.cli.command;

import dev.llmsession.cli.config.DurationText;
import dev.llmsession.error.UsageException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one grammar of {@code --since} and {@code --until} in every command: a span back from now ({@code 2h},
 * {@code 30m}, {@code 7d}), a day ({@code 2026-02-01} or {@code 20260201}, from its midnight in the report's time
 * zone), or an ISO instant ({@code 2026-02-12T16:00:00Z}). Commands that work in instants ({@code list},
 * {@code history}) and those that work in days ({@code usage}) read the same text the same way.
 */
final class WhenText {
    static final String FORMS = "2h, 30m, 7d, a day like 2026-02-01 or 20260201, or an instant like "
            + "2026-02-12T16:00:00Z";

    private WhenText() {
    }

    /** {@code text} as an instant: a day starts at its midnight in {@code zone}. */
    static Instant instant(String option, String text, Instant now, ZoneId zone) {
        String t = text.strip();
        if (isInstant(t)) {
            return parseInstant(option, text, t);
        }
        LocalDate day = dayOrNull(t);
        if (day != null) {
            return day.atStartOfDay(zone).toInstant();
        }
        return now.minus(duration(option, text, t));
    }

    /** {@code text} as a day in {@code zone}: a span back from now or an instant falls on the day it reaches. */
    static LocalDate day(String option, String text, Instant now, ZoneId zone) {
        String t = text.strip();
        LocalDate day = dayOrNull(t);
        if (day != null) {
            return day;
        }
        return LocalDate.ofInstant(isInstant(t) ? parseInstant(option, text, t) : now.minus(duration(option, text, t)),
                zone);
    }

    /** An IANA zone or offset; default the {@code TZ} variable, else the JVM's (the system's) zone. */
    static ZoneId zone(String text, CliEnvironment env) {
        String t = text != null ? text.strip() : env.get("TZ");
        if (t == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(t.startsWith(":") ? t.substring(1) : t);
        } catch (DateTimeException e) {
            if (text == null) {
                return ZoneId.systemDefault(); // a TZ the JVM does not know: the JVM's own reading of it
            }
            throw new UsageException("invalid --timezone '" + text + "': expected a zone like UTC, Europe/Berlin or"
                    + " +05:30");
        }
    }

    private static boolean isInstant(String t) {
        return t.length() > 10 && Character.isDigit(t.charAt(0)) && t.contains("T");
    }

    private static Instant parseInstant(String option, String text, String t) {
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw invalid(option, text);
        }
    }

    private static LocalDate dayOrNull(String t) {
        try {
            if (t.length() == 8 && t.chars().allMatch(Character::isDigit)) {
                return LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE);
            }
            if (t.length() == 10 && t.charAt(4) == '-') {
                return LocalDate.parse(t);
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }

    private static java.time.Duration duration(String option, String text, String t) {
        try {
            return DurationText.parse(t);
        } catch (IllegalArgumentException e) {
            throw invalid(option, text);
        }
    }

    private static UsageException invalid(String option, String text) {
        return new UsageException("invalid " + option + " '" + text + "': expected " + FORMS);
    }
}
