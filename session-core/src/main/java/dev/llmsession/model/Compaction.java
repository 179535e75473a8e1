package dev.llmsession.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The summary an assistant wrote when it compacted the conversation.
 *
 * @param at      when, if recorded
 * @param summary the summary text (trimmed to the request's limit)
 * @param trimmed whether it was cut
 * @since 0.1
 */
public record Compaction(Optional<Instant> at, String summary, boolean trimmed) {
    public Compaction {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(summary, "summary");
    }
}
