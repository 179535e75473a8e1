package dev.llmsession.api;

import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import java.time.Instant;
import java.util.List;

/**
 * How a session's context, tokens and health moved over time: the samples recorded at each refresh that changed
 * them (what the monitor's trend draws). Thread-safe.
 *
 * @since 0.1
 */
public interface SessionTrends {

    /** Samples of {@code id} taken at or after {@code since}, oldest first; empty when no store keeps them. */
    List<SessionSample> samples(SessionId id, Instant since);
}
