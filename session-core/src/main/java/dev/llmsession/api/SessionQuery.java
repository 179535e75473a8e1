package dev.llmsession.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which sessions to list.
 *
 * @param includeEnded also sessions without a live process
 * @param since        with {@code includeEnded}, only sessions active at or after this instant
 * @param assistant    only sessions of this assistant id ({@code claude-code}); empty for all
 * @since 0.1
 */
public record SessionQuery(boolean includeEnded, Optional<Instant> since, Optional<String> assistant) {
    public static final SessionQuery RUNNING = new SessionQuery(false, Optional.empty(), Optional.empty());
    public static final SessionQuery ALL = new SessionQuery(true, Optional.empty(), Optional.empty());

    public SessionQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(assistant, "assistant");
    }
}
