package dev.llmsession.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a long-lived library keeps current, for an engine's status.
 *
 * @param watchMode       {@code events} when a native file watcher tells the adapters what changed, {@code walk} when
 *                        every refresh looks at every file
 * @param sessionsTracked distinct sessions the refreshes of this library have reported
 * @param lastChange      when a refresh last found a changed file (or could not know), empty before the first
 * @param refreshes       refreshes run
 * @since 0.2
 */
public record RefreshStats(String watchMode, int sessionsTracked, Optional<Instant> lastChange, long refreshes) {
    public RefreshStats {
        Objects.requireNonNull(watchMode, "watchMode");
        Objects.requireNonNull(lastChange, "lastChange");
    }
}
