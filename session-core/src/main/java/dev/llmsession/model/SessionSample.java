package dev.llmsession.model;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One point of a session's time series, for trends (the monitor's sparkline) and history.
 *
 * @param sessionId     the session
 * @param at            when it was taken
 * @param contextTokens context tokens then, or empty when unknown
 * @param totalTokens   cumulative tokens then, or empty when unknown
 * @param healthScore   health score then, or empty when unknown
 * @since 0.1
 */
public record SessionSample(SessionId sessionId, Instant at, OptionalLong contextTokens, OptionalLong totalTokens,
        OptionalInt healthScore) {
    public SessionSample {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(contextTokens, "contextTokens");
        Objects.requireNonNull(totalTokens, "totalTokens");
        Objects.requireNonNull(healthScore, "healthScore");
    }
}
