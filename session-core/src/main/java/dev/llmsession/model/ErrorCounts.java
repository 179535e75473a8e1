package dev.llmsession.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Errors seen in a session. API failures count incidents (a run of retries is one), tool errors count
 * distinct tool calls, interrupts count the user's cancellations.
 *
 * @param api        failed API incidents
 * @param tool       tool calls that returned an error
 * @param interrupts turns the user interrupted
 * @param times      when each counted error happened, oldest first (for "errors in the last 30 min")
 * @since 0.1
 */
public record ErrorCounts(int api, int tool, int interrupts, List<Instant> times) {
    public static final ErrorCounts NONE = new ErrorCounts(0, 0, 0, List.of());

    public ErrorCounts {
        times = List.copyOf(times);
    }

    public int total() {
        return api + tool + interrupts;
    }

    /** Errors that happened in {@code window} before {@code now}. */
    public int within(Duration window, Instant now) {
        // A loop, not a stream: health scores every session of a listing with it
        Instant from = now.minus(window);
        int n = 0;
        for (Instant t : times) {
            if (!t.isBefore(from) && !t.isAfter(now)) {
                n++;
            }
        }
        return n;
    }
}
