package dev.llmsession.model;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One term of the health score.
 *
 * @param name            {@code tokens}, {@code duration}, {@code activity} or {@code errors}
 * @param value           the measured input (context %, minutes, idle minutes, error count); empty when unknown
 * @param measured        the measured input in words ("131,200 of 200,000 (66%)")
 * @param score           0–100 from the component's curve; empty when the input is unknown
 * @param weight          the configured weight (0–1)
 * @param effectiveWeight the weight after unknown components were dropped and the rest renormalised
 * @since 0.1
 */
public record HealthComponent(String name, OptionalDouble value, String measured, OptionalDouble score,
        double weight, double effectiveWeight) {
    public HealthComponent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(score, "score");
    }

    public boolean known() {
        return score.isPresent();
    }
}
