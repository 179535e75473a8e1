package dev.llmsession.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An error seen in a session's conversation.
 *
 * @param at   when, if recorded
 * @param kind {@code api} (a failed turn), {@code tool} (a tool call that returned an error) or {@code interrupt}
 * @param text what it said, trimmed
 * @since 0.1
 */
public record ContextError(Optional<Instant> at, String kind, String text) {
    public ContextError {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
