package dev.llmsession.spi;

import java.util.Optional;

/**
 * What every {@code ServiceLoader} entry has in common. Implementations are public, final, have a
 * public no-arg constructor and do no I/O in it.
 *
 * @param <P> the port the provider creates
 * @since 0.1
 */
public interface Provider<P> {
    /** Stable kebab-case id ({@code claude-code}). */
    String id();

    /** Implement as {@code return SpiVersion.CURRENT;}. Deliberately not a default method. */
    int spiVersion();

    /** Higher wins when two providers share an id. */
    default int priority() {
        return 0;
    }

    /** A cheap check, e.g. that the assistant's data directory exists: why it cannot be used, or empty. */
    default Optional<String> unavailableReason(ProviderContext context) {
        return Optional.empty();
    }

    /** Builds the port; may do I/O. */
    P create(ProviderContext context);
}
