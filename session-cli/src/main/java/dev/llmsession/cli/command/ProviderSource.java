package dev.llmsession.cli.command;

import dev.llmsession.FoundProviders;
import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionStoreProvider;
import java.util.List;
import java.util.Objects;

/**
 * Where a run's provider instances come from: the class path, searched once by the core's {@code ServiceLoader}
 * registry, or instances given explicitly (tests, embedding). Guice binds what {@link #found()} returns.
 */
public interface ProviderSource {
    /** The provider instances, and the services entries that failed to load. Called once per run. */
    FoundProviders found();

    /** What {@code doctor} says about the source. */
    String describe();

    /**
     * Warms up the stores this source would offer ({@link SessionStoreProvider#warmUp}), on the calling thread,
     * for a run that will open one shortly; never throws. Explicit instances are not warmed up.
     */
    default void warmUpStores(ProviderContext context) {
    }

    /** Every provider {@code ServiceLoader} finds through {@code loader}. */
    static ProviderSource discover(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return new ProviderSource() {
            @Override
            public FoundProviders found() {
                return FoundProviders.load(loader);
            }

            @Override
            public String describe() {
                return "class path (ServiceLoader)";
            }

            @Override
            public void warmUpStores(ProviderContext context) {
                FoundProviders.warmUpStores(loader, context);
            }
        };
    }

    /** Exactly these provider instances, no store; nothing is searched. */
    static ProviderSource explicit(List<? extends SessionDiscoveryProvider> discoveries,
            List<? extends HostProbeProvider> probes) {
        return explicit(discoveries, probes, List.of());
    }

    /** Exactly these provider instances; nothing is searched. */
    static ProviderSource explicit(List<? extends SessionDiscoveryProvider> discoveries,
            List<? extends HostProbeProvider> probes, List<? extends SessionStoreProvider> stores) {
        FoundProviders found = new FoundProviders(List.copyOf(discoveries), List.copyOf(probes), List.copyOf(stores),
                List.of());
        return new ProviderSource() {
            @Override
            public FoundProviders found() {
                return found;
            }

            @Override
            public String describe() {
                return "explicit (" + (discoveries.size() + probes.size() + stores.size()) + " provider(s))";
            }
        };
    }
}
