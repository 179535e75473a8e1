package dev.llmsession.model;

/**
 * Where a token figure comes from.
 *
 * @since 0.1
 */
public enum TokenSource {
    /** From the assistant's own usage records. */
    MEASURED,
    /** Computed by a {@code TokenEstimator}. */
    ESTIMATED,
    /** Not known. */
    UNKNOWN
}
