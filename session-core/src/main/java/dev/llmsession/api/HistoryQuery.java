package dev.llmsession.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which recorded sessions and imported context packs {@link SessionHistory} returns.
 *
 * @param since     only sessions active, and packs imported, at or after this instant (empty: all)
 * @param project   only those of this project, the last element of the working directory (empty: all)
 * @param assistant only those of this assistant id (empty: all)
 * @since 0.1
 */
public record HistoryQuery(Optional<Instant> since, Optional<String> project, Optional<String> assistant) {
    public HistoryQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(assistant, "assistant");
    }
}
