package dev.llmsession.api;

import dev.llmsession.model.Session;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of one refresh: the sessions, and one line for each adapter that failed during it.
 *
 * @param takenAt  when the refresh ran
 * @param sessions the sessions, most recently active first
 * @param warnings problems that did not stop the listing ("cursor: database locked")
 * @since 0.1
 */
public record SessionListing(Instant takenAt, List<Session> sessions, List<String> warnings) {
    public SessionListing {
        Objects.requireNonNull(takenAt, "takenAt");
        sessions = List.copyOf(sessions);
        warnings = List.copyOf(warnings);
    }
}
