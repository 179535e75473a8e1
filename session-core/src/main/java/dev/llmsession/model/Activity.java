package dev.llmsession.model;

import java.util.Objects;

/**
 * An activity state together with the evidence that decided it, so a user can judge the call.
 *
 * @param state    the state
 * @param evidence one line naming the signal, e.g. {@code "registry sessions/4242.json status=busy"}
 * @since 0.1
 */
public record Activity(ActivityState state, String evidence) {
    public Activity {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(evidence, "evidence");
    }

    public static Activity of(ActivityState state, String evidence) {
        return new Activity(state, evidence);
    }
}
