package dev.llmsession.internal;

import dev.llmsession.error.DiscoveryException;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.PlanLimits;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.SessionControl;
import dev.llmsession.spi.EventStream;
import dev.llmsession.spi.SessionDiscovery;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps an adapter so that what its {@code discover} throws is remembered for {@code llm-session providers} and
 * reaches the catalog (which turns it into a warning) unchanged. A plugin's linkage error (a plugin built against
 * classes this installation lacks) becomes a {@link DiscoveryException} too; a built-in adapter's linkage error
 * means the installation itself is broken and still fails the run. Thread-safe.
 */
public final class GuardedDiscovery implements SessionDiscovery {
    private final SessionDiscovery delegate;
    private final boolean plugin;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    /**
     * @param delegate the adapter
     * @param plugin   whether it came from a plugin jar
     */
    public GuardedDiscovery(SessionDiscovery delegate, boolean plugin) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.plugin = plugin;
    }

    /** Whether {@code provider}'s class was loaded from a plugin jar. */
    public static boolean isPlugin(Object provider) {
        return provider.getClass().getClassLoader() instanceof PluginClassLoader;
    }

    @Override
    public List<Session> discover(Request request) {
        List<Session> sessions;
        try {
            sessions = Objects.requireNonNull(delegate.discover(request), "discover() returned null");
        } catch (RuntimeException e) {
            lastFailure.set("discover() failed: " + ProviderRegistry.describe(e));
            throw e;
        } catch (LinkageError e) {
            String what = e.getClass().getSimpleName() + " " + e.getMessage();
            lastFailure.set("discover() failed: " + ProviderRegistry.describe(new IllegalStateException(what, e)));
            if (!plugin) {
                throw e;
            }
            throw new DiscoveryException(what, e);
        }
        lastFailure.set(null);
        return sessions;
    }

    @Override
    public List<String> diagnostics() {
        try {
            return List.copyOf(delegate.diagnostics());
        } catch (RuntimeException e) {
            return List.of("diagnostics() failed: " + ProviderRegistry.describe(e));
        } catch (LinkageError e) {
            if (!plugin) {
                throw e;
            }
            return List.of("diagnostics() failed: " + ProviderRegistry.describe(e));
        }
    }

    @Override
    public Optional<SessionContext> readContext(Session session, ContextRequest request) {
        try {
            return Objects.requireNonNull(delegate.readContext(session, request), "readContext() returned null");
        } catch (LinkageError e) {
            if (!plugin) {
                throw e;
            }
            throw new DiscoveryException(e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<PlanLimits> planLimits(Instant now) {
        try {
            return Objects.requireNonNullElse(delegate.planLimits(now), Optional.empty());
        } catch (LinkageError e) {
            if (!plugin) {
                throw e;
            }
            return Optional.empty(); // an old plugin without the method, or a broken one: no limits from it
        }
    }

    @Override
    public List<java.nio.file.Path> watchRoots() {
        try {
            return List.copyOf(delegate.watchRoots());
        } catch (RuntimeException e) {
            return List.of(); // not watched: the adapter is refreshed as without a watcher
        } catch (LinkageError e) {
            if (!plugin) {
                throw e;
            }
            return List.of(); // a plugin built against the first SPI
        }
    }

    @Override
    public boolean holdsCalls(java.nio.file.Path changed) {
        try {
            return delegate.holdsCalls(changed);
        } catch (LinkageError e) {
            if (!plugin) {
                throw e;
            }
            return true; // a plugin built against an older SPI
        }
    }

    @Override
    public long callsMovedAway() {
        try {
            return delegate.callsMovedAway();
        } catch (LinkageError e) {
            if (!plugin) {
                throw e;
            }
            return 0; // a plugin built against an older SPI moves nothing
        }
    }

    @Override
    public void indexCleared() {
        try {
            delegate.indexCleared();
        } catch (LinkageError e) {
            if (!plugin) {
                throw e;
            }
            // a plugin built against an older SPI keeps nothing to forget
        }
    }

    @Override
    public Optional<EventStream> events(Session session) {
        try {
            return Objects.requireNonNull(delegate.events(session), "events() returned null");
        } catch (LinkageError e) {
            throw pluginFailure(e);
        }
    }

    @Override
    public Optional<SessionControl> control(Session session) {
        try {
            return Objects.requireNonNull(delegate.control(session), "control() returned null");
        } catch (LinkageError e) {
            throw pluginFailure(e);
        }
    }

    /** A plugin's linkage error as a discovery failure; a built-in adapter's is rethrown (a broken installation). */
    private DiscoveryException pluginFailure(LinkageError e) {
        if (!plugin) {
            throw e;
        }
        return new DiscoveryException(e.getClass().getSimpleName() + " " + e.getMessage(), e);
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
