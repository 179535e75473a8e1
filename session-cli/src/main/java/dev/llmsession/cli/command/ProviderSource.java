package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SessionStoreProvider;
import java.util.List;
import java.util.Objects;

/**
 * Where a run's providers come from: the class path, searched once by the core's {@code ServiceLoader}
 * registry, or instances given explicitly (tests, embedding).
 */
public interface ProviderSource {
    /** Registers the providers with {@code builder}. */
    void register(LlmSessions.Builder builder);

    /** What {@code doctor} says about the source. */
    String describe();

    /** Every provider {@code ServiceLoader} finds through {@code loader}. */
    static ProviderSource discover(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return new ProviderSource() {
            @Override
            public void register(LlmSessions.Builder builder) {
                builder.discoverProviders(loader);
            }

            @Override
            public String describe() {
                return "class path (ServiceLoader)";
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
        List<SessionDiscoveryProvider> d = List.copyOf(discoveries);
        List<HostProbeProvider> p = List.copyOf(probes);
        List<SessionStoreProvider> s = List.copyOf(stores);
        return new ProviderSource() {
            @Override
            public void register(LlmSessions.Builder builder) {
                d.forEach(builder::discovery);
                p.forEach(builder::hostProbe);
                s.forEach(builder::store);
            }

            @Override
            public String describe() {
                return "explicit (" + (d.size() + p.size() + s.size()) + " provider(s))";
            }
        };
    }
}
