package dev.llmsession.api;

import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one refresh: the sessions, their health, and one line for each adapter that failed during it.
 *
 * @param takenAt  when the refresh ran
 * @param sessions the sessions, most recently active first
 * @param warnings problems that did not stop the listing ("cursor: database locked")
 * @param health   each session's health as the refresh scored it, at {@code takenAt} (empty for a listing made
 *                 without scores)
 * @since 0.1
 */
public record SessionListing(Instant takenAt, List<Session> sessions, List<String> warnings,
        Map<SessionId, HealthReport> health) {
    public SessionListing {
        Objects.requireNonNull(takenAt, "takenAt");
        sessions = List.copyOf(sessions);
        warnings = List.copyOf(warnings);
        health = Map.copyOf(health);
    }

    /** A listing without health scores. */
    public SessionListing(Instant takenAt, List<Session> sessions, List<String> warnings) {
        this(takenAt, sessions, warnings, Map.of());
    }

    /** The health the refresh scored for {@code session}, if it scored it. */
    public Optional<HealthReport> health(Session session) {
        return Optional.ofNullable(health.get(session.id()));
    }
}
