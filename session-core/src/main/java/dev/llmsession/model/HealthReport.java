package dev.llmsession.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The health of one session at one moment.
 *
 * @param sessionId       the session
 * @param score           0–100, or empty when no component could be measured
 * @param level           the band of the score
 * @param components      the four components in a fixed order
 * @param recommendations advice, most urgent first
 * @since 0.1
 */
public record HealthReport(SessionId sessionId, OptionalInt score, HealthLevel level,
        List<HealthComponent> components, List<Recommendation> recommendations) {
    public HealthReport {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(level, "level");
        components = List.copyOf(components);
        recommendations = List.copyOf(recommendations);
    }
}
