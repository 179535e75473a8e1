package dev.llmsession.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the health score can be tuned by. The defaults are SPEC §5's.
 *
 * @param tokensWeight           weight of context fill
 * @param durationWeight         weight of session duration
 * @param activityWeight         weight of idle time
 * @param errorsWeight           weight of recent errors
 * @param tokensCurve            context fill in percent of the window → score
 * @param durationCurve          wall time in minutes → score
 * @param activityCurve          idle minutes → score
 * @param errorsCurve            errors within {@code errorWindow} → score
 * @param errorWindow            how far back errors count
 * @param waitingGrace           how long waiting for the user's input does not count as idle
 * @param nearAutoCompactPercent context, as a percentage of the auto-compact threshold, at which to advise a handoff
 * @param longSession            duration from which to advise a fresh session
 * @param idleAdvice             idle time from which to advise closing the session
 * @param repeatedErrors         recent errors from which to advise a look
 * @since 0.1
 */
public record HealthPolicy(
        double tokensWeight, double durationWeight, double activityWeight, double errorsWeight,
        Curve tokensCurve, Curve durationCurve, Curve activityCurve, Curve errorsCurve,
        Duration errorWindow, Duration waitingGrace,
        double nearAutoCompactPercent, Duration longSession, Duration idleAdvice, int repeatedErrors) {

    /** SPEC §5 as written. */
    public static final HealthPolicy DEFAULT = new HealthPolicy(
            0.40, 0.20, 0.20, 0.20,
            Curve.of(40, 100, 85, 60, 100, 0),
            Curve.of(15, 100, 60, 80, 180, 40, 360, 0),
            Curve.of(0, 100, 10, 75, 30, 25, 60, 0),
            Curve.of(0, 100, 100.0 / 15, 0),
            Duration.ofMinutes(30), Duration.ofMinutes(10),
            75, Duration.ofHours(1), Duration.ofMinutes(30), 3);

    public HealthPolicy {
        Objects.requireNonNull(tokensCurve, "tokensCurve");
        Objects.requireNonNull(durationCurve, "durationCurve");
        Objects.requireNonNull(activityCurve, "activityCurve");
        Objects.requireNonNull(errorsCurve, "errorsCurve");
        Objects.requireNonNull(errorWindow, "errorWindow");
        Objects.requireNonNull(waitingGrace, "waitingGrace");
        Objects.requireNonNull(longSession, "longSession");
        Objects.requireNonNull(idleAdvice, "idleAdvice");
        double[] weights = {tokensWeight, durationWeight, activityWeight, errorsWeight};
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0 && w <= 1)) {
                throw new IllegalArgumentException("health weights must be within 0-1, got " + w);
            }
            sum += w;
        }
        if (Math.abs(sum - 1.0) > 1e-6) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "health weights must sum to 1, they sum to %.4f", sum));
        }
        if (errorWindow.isNegative() || errorWindow.isZero() || waitingGrace.isNegative()) {
            throw new IllegalArgumentException("errorWindow must be positive and waitingGrace not negative");
        }
        // Each message starts with the setting's name, so a configuration error can point at its line.
        if (!(nearAutoCompactPercent > 0 && nearAutoCompactPercent <= 100)) {
            throw new IllegalArgumentException("nearAutoCompactPercent must be above 0 and at most 100, got "
                    + nearAutoCompactPercent);
        }
        if (repeatedErrors < 1) {
            throw new IllegalArgumentException("repeatedErrors must be at least 1, got " + repeatedErrors);
        }
        if (longSession.isNegative() || longSession.isZero()) {
            throw new IllegalArgumentException("longSession must be positive, got " + longSession);
        }
        if (idleAdvice.isNegative() || idleAdvice.isZero()) {
            throw new IllegalArgumentException("idleAdvice must be positive, got " + idleAdvice);
        }
    }
}
