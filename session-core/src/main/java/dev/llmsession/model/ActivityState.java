package dev.llmsession.model;

/**
 * What a session is doing right now, as far as the evidence shows.
 *
 * @since 0.1
 */
public enum ActivityState {
    /** The model is streaming or a tool is running. */
    WORKING,
    /** A tool call waits for the user's approval. */
    WAITING_PERMISSION,
    /** The turn is over; the assistant waits for the next prompt. */
    WAITING_INPUT,
    /** Waiting for input for longer than the configured grace period. */
    IDLE,
    /** A compaction has started and the first call after it has not been written yet. */
    COMPACTING,
    /** The last turn failed with an API error. */
    ERRORED,
    /** No live process owns the session. */
    ENDED,
    /** The evidence is too weak to say. */
    UNKNOWN;

    /**
     * Whether the session cannot go on without the user: a permission or question dialog, or a failed turn to
     * resend. Such a session is an alert whatever its health.
     */
    public boolean needsUser() {
        return this == WAITING_PERMISSION || this == ERRORED;
    }

    /** Lower-case, space-separated label for tables ("waiting input"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
