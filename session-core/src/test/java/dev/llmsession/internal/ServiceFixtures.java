package dev.llmsession.internal;

import dev.llmsession.model.Session;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.util.List;
import java.util.Optional;

/**
 * Providers named by the test-only services file {@code serviceloader/broken/META-INF/services/…}. Public, because
 * {@code ServiceLoader} instantiates them reflectively.
 */
public final class ServiceFixtures {
    private ServiceFixtures() {
    }

    /** A discovery that finds nothing. */
    static final SessionDiscovery EMPTY = request -> List.<Session>of();

    /** A well-behaved provider. */
    public static final class Good implements SessionDiscoveryProvider {
        @Override
        public String id() {
            return "good";
        }

        @Override
        public String idPrefix() {
            return "good";
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public SessionDiscovery create(ProviderContext context) {
            return EMPTY;
        }
    }

    /** Another well-behaved provider, listed after the broken ones. */
    public static final class Second implements SessionDiscoveryProvider {
        @Override
        public String id() {
            return "second";
        }

        @Override
        public String idPrefix() {
            return "second";
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public Optional<String> unavailableReason(ProviderContext context) {
            return Optional.empty();
        }

        @Override
        public SessionDiscovery create(ProviderContext context) {
            return EMPTY;
        }
    }

    /** A provider whose constructor fails, as one that does I/O in it might. */
    public static final class ThrowingConstructor implements SessionDiscoveryProvider {
        public ThrowingConstructor() {
            throw new IllegalStateException("constructor exploded");
        }

        @Override
        public String id() {
            return "throwing";
        }

        @Override
        public String idPrefix() {
            return "throwing";
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public SessionDiscovery create(ProviderContext context) {
            return EMPTY;
        }
    }
}
