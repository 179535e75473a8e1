package dev.llmsession.cli.render;

import dev.llmsession.model.PlanLimits;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The subscriber's official plan limits in one phrase: {@code official 5h 42% (resets 14:20; limit at 13:05 at
 * this rate) · 7d 18% (resets Mon 09:00)}. "Official" because Claude Code reported them; our own 5-hour block is
 * an estimate and is labelled as one where it is shown.
 */
public final class LimitsLabel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);

    private LimitsLabel() {
    }

    public static String of(PlanLimits limits, Instant now, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        limits.fiveHour().ifPresent(w -> {
            StringBuilder b = new StringBuilder("5h " + percent(w.usedPercent()));
            List<String> notes = new ArrayList<>();
            w.resetsAt().ifPresent(r -> notes.add("resets " + at(r, now, zone)));
            limits.fiveHourLimitAt().ifPresent(l -> notes.add("limit at " + at(l, now, zone) + " at this rate"));
            if (!notes.isEmpty()) {
                b.append(" (").append(String.join("; ", notes)).append(')');
            }
            parts.add(b.toString());
        });
        limits.sevenDay().ifPresent(w -> parts.add("7d " + percent(w.usedPercent())
                + w.resetsAt().map(r -> " (resets " + at(r, now, zone) + ")").orElse("")));
        return "official " + String.join(" · ", parts);
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f%%", p);
    }

    private static String at(Instant t, Instant now, ZoneId zone) {
        boolean sameDay = t.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
        return (sameDay ? TIME : DAY_TIME).format(t.atZone(zone));
    }
}
