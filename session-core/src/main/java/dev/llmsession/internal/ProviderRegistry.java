package dev.llmsession.internal;

import dev.llmsession.api.ProviderStatus;
import dev.llmsession.spi.Provider;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SpiVersion;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads providers through {@link ServiceLoader} with an explicit class loader and decides which are used:
 * a provider that cannot be loaded or throws becomes a diagnostic, a wrong SPI version is skipped, of two
 * providers with one id the higher priority wins, an unavailable one is reported with its reason.
 */
public final class ProviderRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);
    /** A broken services file can make the iterator fail on every step; never loop on it for ever. */
    private static final int MAX_LOAD_ATTEMPTS = 1_000;
    /** The source of a provider whose origin the JVM does not tell. */
    public static final String CLASS_PATH = "class path";

    private ProviderRegistry() {
    }

    /** The providers of one port that will be used, and a status line for every candidate. */
    public record Selection<P>(List<P> active, List<ProviderStatus> statuses) {
        public Selection {
            active = List.copyOf(active);
            statuses = List.copyOf(statuses);
        }
    }

    /** Loads every provider of {@code type} visible to {@code loader}. */
    public static <P extends Provider<?>> List<Candidate<P>> load(Class<P> type, ClassLoader loader) {
        return load(type, loader, CLASS_PATH);
    }

    /** Loads every provider of {@code type} visible to {@code loader}; an entry that fails is blamed on {@code source}. */
    public static <P extends Provider<?>> List<Candidate<P>> load(Class<P> type, ClassLoader loader, String source) {
        List<Candidate<P>> found = new ArrayList<>();
        Iterator<P> it = ServiceLoader.load(type, loader).iterator();
        for (int attempt = 0; attempt < MAX_LOAD_ATTEMPTS; attempt++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                P provider = it.next();
                found.add(Candidate.of(provider));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.debug("provider of {} failed to load", type.getSimpleName(), e);
                // ServiceLoader starts its messages with the interface name; the port says that already.
                String why = describe(e);
                String prefix = type.getName() + ": ";
                found.add(Candidate.broken(why.startsWith(prefix) ? why.substring(prefix.length()) : why, source));
            }
        }
        return found;
    }

    /** Applies the SPI-version, duplicate-id and availability rules to {@code candidates}. */
    public static <P extends Provider<?>> Selection<P> select(String port, List<Candidate<P>> candidates,
            ProviderContext context) {
        List<ProviderStatus> statuses = new ArrayList<>();
        Map<String, Candidate<P>> byId = new LinkedHashMap<>();
        for (Candidate<P> c : candidates) {
            if (c.provider().isEmpty()) {
                statuses.add(new ProviderStatus(port, "(broken)", "unknown", c.source(), false,
                        Optional.of(c.loadError())));
                continue;
            }
            P p = c.provider().get();
            String id;
            int spi;
            try {
                id = Objects.requireNonNull(p.id(), "id()");
                spi = p.spiVersion();
            } catch (RuntimeException | LinkageError e) {
                statuses.add(status(port, p.getClass().getName(), p, false, "id() or spiVersion() threw: " + describe(e)));
                continue;
            }
            if (spi != SpiVersion.CURRENT) {
                statuses.add(status(port, id, p, false,
                        "built for SPI version " + spi + ", this llm-session speaks version " + SpiVersion.CURRENT));
                continue;
            }
            Candidate<P> previous = byId.get(id);
            if (previous == null || priority(p) > priority(previous.provider().get())) {
                if (previous != null) {
                    statuses.add(status(port, id, previous.provider().get(), false,
                            "replaced by " + p.getClass().getName() + " with a higher priority"));
                }
                byId.put(id, c);
            } else {
                statuses.add(status(port, id, p, false, "duplicate id; " + previous.provider().get().getClass().getName()
                        + " has the same or a higher priority"));
            }
        }
        List<P> active = new ArrayList<>();
        byId.values().stream()
                .map(c -> c.provider().get())
                .sorted(Comparator.comparingInt(ProviderRegistry::priority).reversed())
                .forEach(p -> {
                    Optional<String> reason;
                    try {
                        reason = p.unavailableReason(context);
                    } catch (RuntimeException | LinkageError e) {
                        reason = Optional.of("availability check threw: " + describe(e));
                    }
                    if (reason.isPresent()) {
                        statuses.add(status(port, p.id(), p, false, reason.get()));
                    } else {
                        statuses.add(status(port, p.id(), p, true, null));
                        active.add(p);
                    }
                });
        return new Selection<>(active, statuses);
    }

    private static int priority(Provider<?> p) {
        try {
            return p.priority();
        } catch (RuntimeException | LinkageError e) {
            return Integer.MIN_VALUE;
        }
    }

    private static ProviderStatus status(String port, String id, Object provider, boolean active, String reason) {
        Class<?> type = provider.getClass();
        String version = Optional.ofNullable(type.getPackage()).map(Package::getImplementationVersion).orElse("unknown");
        return new ProviderStatus(port, id, version, source(type), active, Optional.ofNullable(reason));
    }

    /** The jar or directory {@code type} was loaded from, or "class path" when the JVM does not say. */
    public static String source(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        URL location = cs == null ? null : cs.getLocation();
        return location == null ? CLASS_PATH : location.getPath();
    }

    /** One line: the message, plus the root cause's message when there is a deeper one it does not already carry. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !msg.contains(root.getMessage())) {
            // the cause's own words, unless the message already carries them (a store's "a file is in the way: X")
            msg += " (" + root.getMessage() + ")";
        }
        return msg.replace('\n', ' ');
    }

    /** A provider that loaded, or the reason it did not and where the broken entry came from. */
    public record Candidate<P>(Optional<P> provider, String loadError, String source) {
        public static <P> Candidate<P> of(P provider) {
            return new Candidate<>(Optional.of(provider), "", "");
        }

        public static <P> Candidate<P> broken(String error) {
            return broken(error, CLASS_PATH);
        }

        public static <P> Candidate<P> broken(String error, String source) {
            return new Candidate<>(Optional.empty(), error, source);
        }
    }
}
