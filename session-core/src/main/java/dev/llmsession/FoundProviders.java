package dev.llmsession;

import dev.llmsession.internal.PluginClassLoader;
import dev.llmsession.internal.ProviderRegistry;
import dev.llmsession.internal.ProviderRegistry.Candidate;
import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.Provider;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SessionStoreProvider;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The provider instances a class path offers, found once by {@code ServiceLoader}, plus the entries that
 * could not even be loaded. Hand them to {@link LlmSessions.Builder#providers(FoundProviders)}, which applies
 * the SPI-version, duplicate-id and availability rules; a dependency-injection container may bind the
 * instances in between. Third-party plugin jars are found with {@link #loadPlugins(Path, ClassLoader)} and
 * joined with {@link #plus(FoundProviders)}.
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
    /** The port of a failure that concerns a whole plugin jar rather than one of its providers. */
    public static final String PLUGIN = "Plugin";
    private static final String SERVICES = "META-INF/services/";

    public FoundProviders {
        discoveries = List.copyOf(discoveries);
        probes = List.copyOf(probes);
        stores = List.copyOf(stores);
        failures = List.copyOf(failures);
    }

    /** Every provider {@code ServiceLoader} finds through {@code loader}; a broken entry becomes a failure. */
    public static FoundProviders load(ClassLoader loader) {
        return load(loader, ProviderRegistry.CLASS_PATH);
    }

    /**
     * Runs {@link SessionStoreProvider#warmUp} of every store {@code ServiceLoader} finds through {@code loader} that
     * is available in {@code context}, on the calling thread: for a caller that will build a library shortly and
     * has another core to spare meanwhile. Never throws: a store that fails here fails, or not, when created, and
     * the others are warmed up all the same.
     *
     * @since 0.3
     */
    public static void warmUpStores(ClassLoader loader, ProviderContext context) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(context, "context");
        // the registry's tolerant load: a broken entry is a candidate without a provider, the rest load all the same
        for (Candidate<SessionStoreProvider> c : ProviderRegistry.load(SessionStoreProvider.class, loader)) {
            c.provider().ifPresent(p -> {
                try {
                    if (p.unavailableReason(context).isEmpty()) {
                        p.warmUp(context);
                    }
                } catch (RuntimeException | LinkageError e) {
                    // that one's opening will tell; the next is warmed up all the same
                    org.slf4j.LoggerFactory.getLogger(FoundProviders.class).debug("store warm-up failed: {}",
                            e.toString());
                }
            });
        }
    }

    private static FoundProviders load(ClassLoader loader, String source) {
        Objects.requireNonNull(loader, "loader");
        List<Failure> failures = new ArrayList<>();
        return new FoundProviders(
                loaded("SessionDiscovery", ProviderRegistry.load(SessionDiscoveryProvider.class, loader, source),
                        failures),
                loaded("HostProbe", ProviderRegistry.load(HostProbeProvider.class, loader, source), failures),
                loaded("SessionStore", ProviderRegistry.load(SessionStoreProvider.class, loader, source), failures),
                failures);
    }

    /**
     * The providers of every {@code *.jar} in {@code directory}, each jar in a class loader of its own whose parent
     * is {@code parent} (which must see the llm-session SPI). A directory that does not exist holds no plugins; an
     * unreadable directory, a corrupt jar, a jar without services entries, or an entry that fails to load becomes
     * a {@link Failure} naming the jar, never an exception. The class loaders stay open for the life of the
     * process, as the providers' classes live in them.
     *
     * @since 0.1
     */
    public static FoundProviders loadPlugins(Path directory, ClassLoader parent) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(parent, "parent");
        if (!Files.exists(directory)) {
            return NONE;
        }
        String shown = directory.toAbsolutePath().toString();
        if (!Files.isDirectory(directory)) {
            return failed(new Failure(PLUGIN, "plugins path is not a directory", shown));
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .sorted().toList();
        } catch (IOException | RuntimeException e) {
            return failed(new Failure(PLUGIN, "plugins directory unreadable: " + ProviderRegistry.describe(e), shown));
        }
        FoundProviders all = NONE;
        for (Path jar : jars) {
            all = all.plus(loadJar(jar.toAbsolutePath(), parent));
        }
        return all;
    }

    private static FoundProviders loadJar(Path jar, ClassLoader parent) {
        String shown = jar.toString();
        try {
            if (!hasServiceEntry(jar)) {
                return failed(new Failure(PLUGIN, "no META-INF/services entry for an llm-session port ("
                        + SessionDiscoveryProvider.class.getName() + ", …) in the jar", shown));
            }
        } catch (IOException | RuntimeException e) {
            return failed(new Failure(PLUGIN, "not a readable jar: " + ProviderRegistry.describe(e), shown));
        }
        PluginClassLoader loader;
        try {
            loader = new PluginClassLoader(jar.toUri().toURL(), parent);
        } catch (MalformedURLException e) {
            return failed(new Failure(PLUGIN, "bad jar path: " + ProviderRegistry.describe(e), shown));
        }
        return load(loader, shown);
    }

    /** Whether the jar names a provider of any port; reading every entry also proves the jar is not corrupt. */
    private static boolean hasServiceEntry(Path jar) throws IOException {
        boolean found = false;
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                found |= name.equals(SERVICES + SessionDiscoveryProvider.class.getName())
                        || name.equals(SERVICES + HostProbeProvider.class.getName())
                        || name.equals(SERVICES + SessionStoreProvider.class.getName());
            }
        }
        return found;
    }

    private static FoundProviders failed(Failure failure) {
        return new FoundProviders(List.of(), List.of(), List.of(), List.of(failure));
    }

    /** These providers followed by {@code other}'s. */
    public FoundProviders plus(FoundProviders other) {
        Objects.requireNonNull(other, "other");
        return new FoundProviders(concat(discoveries, other.discoveries), concat(probes, other.probes),
                concat(stores, other.stores), concat(failures, other.failures));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static <P extends Provider<?>> List<P> loaded(String port, List<Candidate<P>> candidates,
            List<Failure> failures) {
        List<P> out = new ArrayList<>();
        for (Candidate<P> c : candidates) {
            if (c.provider().isPresent()) {
                out.add(c.provider().get());
            } else {
                failures.add(new Failure(port, c.loadError(), c.source()));
            }
        }
        return out;
    }

    /**
     * A services entry, or a whole plugin jar, that could not be loaded.
     *
     * @param port   the port it claimed to provide, or {@link #PLUGIN} for a jar that could not be used at all
     * @param reason why it failed
     * @param source the plugin jar (or directory) it came from, or "class path"
     * @since 0.1
     */
    public record Failure(String port, String reason, String source) {
        public Failure {
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(source, "source");
        }

        /** A failure of an entry on the class path. */
        public Failure(String port, String reason) {
            this(port, reason, ProviderRegistry.CLASS_PATH);
        }
    }
}
