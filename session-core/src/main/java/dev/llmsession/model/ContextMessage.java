package dev.llmsession.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a conversation, text only.
 *
 * @param role    {@code user} or {@code assistant}
 * @param at      when it was written, if recorded
 * @param text    its text; a trimmed text ends with {@link #TRIM_MARKER}
 * @param trimmed whether the text was cut to the request's limit
 * @since 0.1
 */
public record ContextMessage(String role, Optional<Instant> at, String text, boolean trimmed) {
    /** Appended to a text that was cut. */
    public static final String TRIM_MARKER = " […trimmed]";

    public ContextMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }
}
