package dev.llmsession.internal;

import dev.llmsession.error.DiscoveryException;
import dev.llmsession.model.Session;
import dev.llmsession.spi.SessionDiscovery;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps an adapter so that whatever its {@code discover} throws, a linkage error of a plugin built against other
 * classes included, reaches the catalog as a {@link DiscoveryException} and is remembered for
 * {@code llm-session providers}. Thread-safe.
 */
public final class GuardedDiscovery implements SessionDiscovery {
    private final SessionDiscovery delegate;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    public GuardedDiscovery(SessionDiscovery delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public List<Session> discover(Request request) {
        List<Session> sessions;
        try {
            sessions = Objects.requireNonNull(delegate.discover(request), "discover() returned null");
        } catch (RuntimeException | LinkageError e) {
            String reason = "discover() failed: " + ProviderRegistry.describe(e);
            lastFailure.set(reason);
            throw new DiscoveryException(reason, e);
        }
        lastFailure.set(null);
        return sessions;
    }

    @Override
    public List<String> diagnostics() {
        try {
            return List.copyOf(delegate.diagnostics());
        } catch (RuntimeException | LinkageError e) {
            return List.of("diagnostics() failed: " + ProviderRegistry.describe(e));
        }
    }

    /** Why the latest {@code discover} failed; empty when it succeeded or has not run. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    /** The adapter itself. */
    public SessionDiscovery delegate() {
        return delegate;
    }
}
