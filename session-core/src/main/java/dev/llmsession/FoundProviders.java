package dev.llmsession;

import dev.llmsession.internal.ProviderRegistry;
import dev.llmsession.internal.ProviderRegistry.Candidate;
import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.Provider;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SessionStoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The provider instances a class path offers, found once by {@code ServiceLoader}, plus the entries that
 * could not even be loaded. Hand them to {@link LlmSessions.Builder#providers(FoundProviders)}, which applies
 * the SPI-version, duplicate-id and availability rules; a dependency-injection container may bind the
 * instances in between.
 *
 * @param discoveries discovery providers, in class-path order
 * @param probes      host probe providers
 * @param stores      storage providers
 * @param failures    services entries that failed to load
 * @since 0.1
 */
public record FoundProviders(List<SessionDiscoveryProvider> discoveries, List<HostProbeProvider> probes,
        List<SessionStoreProvider> stores, List<Failure> failures) {
    public static final FoundProviders NONE = new FoundProviders(List.of(), List.of(), List.of(), List.of());

    public FoundProviders {
        discoveries = List.copyOf(discoveries);
        probes = List.copyOf(probes);
        stores = List.copyOf(stores);
        failures = List.copyOf(failures);
    }

    /** Every provider {@code ServiceLoader} finds through {@code loader}; a broken entry becomes a failure. */
    public static FoundProviders load(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<Failure> failures = new ArrayList<>();
        return new FoundProviders(
                loaded("SessionDiscovery", ProviderRegistry.load(SessionDiscoveryProvider.class, loader), failures),
                loaded("HostProbe", ProviderRegistry.load(HostProbeProvider.class, loader), failures),
                loaded("SessionStore", ProviderRegistry.load(SessionStoreProvider.class, loader), failures),
                failures);
    }

    private static <P extends Provider<?>> List<P> loaded(String port, List<Candidate<P>> candidates,
            List<Failure> failures) {
        List<P> out = new ArrayList<>();
        for (Candidate<P> c : candidates) {
            if (c.provider().isPresent()) {
                out.add(c.provider().get());
            } else {
                failures.add(new Failure(port, c.loadError()));
            }
        }
        return out;
    }

    /**
     * A services entry that could not be loaded.
     *
     * @param port   the port it claimed to provide
     * @param reason why it failed
     * @since 0.1
     */
    public record Failure(String port, String reason) {
        public Failure {
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
