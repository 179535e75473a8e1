package dev.llmsession.discovery.codex;

import java.time.Instant;
import java.util.Locale;

/**
 * One rate-limit window as Codex recorded it from OpenAI's response headers ({@code rate_limits.primary}: the
 * 5-hour window, {@code secondary}: the weekly one). Official figures of the account, not estimates; null fields
 * Codex leaves null (a non-OpenAI endpoint) make no window at all.
 *
 * @param usedPercent   share of the window used, 0–100
 * @param windowMinutes the window's length
 * @param resetsAt      when it resets, epoch seconds, or 0 when not recorded
 */
record RateWindow(double usedPercent, long windowMinutes, long resetsAt) {

    /** {@code 5h window 12% used, resets 2026-02-24T01:47:59Z}. */
    String describe() {
        String length = windowMinutes % 1440 == 0 ? (windowMinutes / 1440) + "d"
                : windowMinutes % 60 == 0 ? (windowMinutes / 60) + "h" : windowMinutes + "min";
        return String.format(Locale.ROOT, "%s window %.0f%% used%s", length, usedPercent,
                resetsAt > 0 ? ", resets " + Instant.ofEpochSecond(resetsAt) : "");
    }
}
