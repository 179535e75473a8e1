package dev.llmsession.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which API calls a usage query covers.
 *
 * @param from      only calls at or after this instant (empty: from the first)
 * @param until     only calls before this instant (empty: to the last)
 * @param project   only calls of sessions whose project (last element of the cwd) equals this (empty: all)
 * @param assistant only calls of this assistant id (empty: all)
 * @since 0.1
 */
public record UsageFilter(Optional<Instant> from, Optional<Instant> until, Optional<String> project,
        Optional<String> assistant) {
    /** Every call. */
    public static final UsageFilter ALL = new UsageFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public UsageFilter {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(assistant, "assistant");
    }
}
