package dev.llmsession;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.api.ProviderStatus;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.internal.PluginClassLoader;
import dev.llmsession.model.Session;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars built in the test with the JDK's compiler, loaded from a plugins directory: one good plugin, and
 * one jar for each way a plugin can be broken. None of them may break the build of {@link LlmSessions}.
 */
final class PluginLoadingTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final ProviderContext CONTEXT = new ProviderContext(Path.of("/home/u"), Map.of(),
            Clock.fixed(NOW, ZoneOffset.UTC), Map.of());

    @TempDir
    static Path work;

    static Path plugins;

    @BeforeAll
    static void buildJars() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("p/good/GoodProvider.java", provider("good", "GoodProvider", "acme", "SpiVersion.CURRENT",
                "return request -> List.of(new Session(new SessionId(\"acme\", \"s1\"), \"acme\", OptionalLong.empty(),"
                        + " Activity.of(ActivityState.ENDED, \"plugin\"), Optional.of(\"/w/acme\"), Optional.empty(),"
                        + " Optional.empty(), Optional.empty(), Instant.parse(\"2026-11-25T10:00:00Z\"),"
                        + " Instant.parse(\"2026-11-25T11:00:00Z\"), TokenFigures.UNKNOWN, new ContextFill("
                        + "OptionalLong.empty(), 1000, true, OptionalLong.empty(), TokenSource.UNKNOWN), Cost.UNKNOWN,"
                        + " ErrorCounts.NONE, DataQuality.CLEAN, List.of()));"));
        sources.put("p/oldspi/OldProvider.java", provider("oldspi", "OldProvider", "old", "0",
                "return request -> List.of();"));
        sources.put("p/create/CreateFailsProvider.java", provider("create", "CreateFailsProvider", "create-fails",
                "SpiVersion.CURRENT", "throw new IllegalStateException(\"cannot open its database\");"));
        sources.put("p/discover/DiscoverFailsProvider.java", provider("discover", "DiscoverFailsProvider",
                "discover-fails", "SpiVersion.CURRENT", "return request -> { new Helper(); return List.of(); };"));
        // Compiled, but deliberately left out of the jar: calling discover() ends in a NoClassDefFoundError.
        sources.put("p/discover/Helper.java", "package p.discover; public final class Helper { }");
        sources.put("p/dup/DupProvider.java", provider("dup", "DupProvider", "builtin", "SpiVersion.CURRENT",
                "return request -> List.of();"));
        sources.put("p/init/InitFailsProvider.java", provider("init", "InitFailsProvider", "init-fails",
                "SpiVersion.CURRENT", "return request -> List.of();").replace("public InitFailsProvider() {",
                        "static { if (true) { throw new IllegalStateException(\"static init broke\"); } }\n"
                                + "    public InitFailsProvider() {"));
        Path classes = PluginJars.compile(work, sources);
        plugins = Files.createDirectories(work.resolve("plugins"));
        PluginJars.jar(plugins.resolve("good.jar"), classes, List.of("p/good/"),
                PluginJars.discoveryServices("p.good.GoodProvider"));
        PluginJars.jar(plugins.resolve("old-spi.jar"), classes, List.of("p/oldspi/"),
                PluginJars.discoveryServices("p.oldspi.OldProvider"));
        PluginJars.jar(plugins.resolve("create-fails.jar"), classes, List.of("p/create/"),
                PluginJars.discoveryServices("p.create.CreateFailsProvider"));
        PluginJars.jar(plugins.resolve("discover-fails.jar"), classes, List.of("p/discover/DiscoverFails"),
                PluginJars.discoveryServices("p.discover.DiscoverFailsProvider"));
        PluginJars.jar(plugins.resolve("dup.jar"), classes, List.of("p/dup/"),
                PluginJars.discoveryServices("p.dup.DupProvider"));
        PluginJars.jar(plugins.resolve("init-fails.jar"), classes, List.of("p/init/"),
                PluginJars.discoveryServices("p.init.InitFailsProvider"));
        PluginJars.jar(plugins.resolve("missing-class.jar"), classes, List.of(),
                PluginJars.discoveryServices("p.nowhere.GoneProvider"));
        PluginJars.jar(plugins.resolve("no-services.jar"), classes, List.of("p/good/"), Map.of());
        Files.write(plugins.resolve("corrupt.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8});
        Files.writeString(plugins.resolve("notes.txt"), "not a jar, ignored");
    }

    private static String provider(String pkg, String cls, String id, String spi, String createBody) {
        return "package p." + pkg + ";\n"
                + "import dev.llmsession.model.*;\n"
                + "import dev.llmsession.spi.*;\n"
                + "import java.time.Instant;\n"
                + "import java.util.*;\n"
                + "public final class " + cls + " implements SessionDiscoveryProvider {\n"
                + "    public " + cls + "() {\n    }\n"
                + "    @Override public String id() { return \"" + id + "\"; }\n"
                + "    @Override public String idPrefix() { return \"" + id.replace("-", "") + "\"; }\n"
                + "    @Override public int spiVersion() { return " + spi + "; }\n"
                + "    @Override public SessionDiscovery create(ProviderContext context) { " + createBody + " }\n"
                + "}\n";
    }

    /** The built-in provider the "dup" plugin collides with. */
    private static final class BuiltIn implements SessionDiscoveryProvider {
        @Override
        public String id() {
            return "builtin";
        }

        @Override
        public String idPrefix() {
            return "builtin";
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public SessionDiscovery create(ProviderContext context) {
            return request -> List.<Session>of();
        }
    }

    private static LlmSessions build() {
        FoundProviders found = FoundProviders.loadPlugins(plugins, PluginLoadingTest.class.getClassLoader());
        return LlmSessions.builder().context(CONTEXT).discovery(new BuiltIn()).providers(found).build();
    }

    private static ProviderStatus status(List<ProviderStatus> statuses, String id) {
        return statuses.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no status " + id + " in " + statuses));
    }

    private static String jar(String name) {
        return plugins.resolve(name).toAbsolutePath().toString();
    }

    @Test
    void loadPlugins_goodJar_isActiveFromItsOwnClassLoaderAndListsItsSessions() {
        LlmSessions sessions = build();

        ProviderStatus acme = status(sessions.providers(), "acme");
        assertThat(acme.active()).isTrue();
        assertThat(acme.source()).isEqualTo(jar("good.jar"));
        SessionListing listing = sessions.catalog().list(SessionQuery.ALL);
        assertThat(listing.sessions()).extracting(s -> s.id().value()).contains("acme_s1");
        FoundProviders found = FoundProviders.loadPlugins(plugins, PluginLoadingTest.class.getClassLoader());
        assertThat(found.discoveries()).filteredOn(p -> p.id().equals("acme")).singleElement()
                .satisfies(p -> assertThat(p.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class));
    }

    @Test
    void loadPlugins_olderSpiVersion_isInactiveWithTheVersionsNamed() {
        ProviderStatus old = status(build().providers(), "old");

        assertThat(old.active()).isFalse();
        assertThat(old.source()).isEqualTo(jar("old-spi.jar"));
        assertThat(old.reason()).hasValue("built for SPI version 0, this llm-session speaks version "
                + SpiVersion.CURRENT);
    }

    @Test
    void loadPlugins_createThrows_isInactiveWithTheMessage() {
        ProviderStatus s = status(build().providers(), "create-fails");

        assertThat(s.active()).isFalse();
        assertThat(s.source()).isEqualTo(jar("create-fails.jar"));
        assertThat(s.reason()).hasValue("create() failed: cannot open its database");
    }

    @Test
    void loadPlugins_discoverHitsAMissingClass_costsAWarningAndShowsInProviders() {
        LlmSessions sessions = build();
        assertThat(status(sessions.providers(), "discover-fails").reason()).isEmpty();

        SessionListing listing = sessions.catalog().list(SessionQuery.ALL);

        assertThat(listing.warnings()).contains("discover-fails: NoClassDefFoundError p/discover/Helper"
                + " (p.discover.Helper)");
        assertThat(listing.sessions()).extracting(s -> s.id().value()).contains("acme_s1");
        ProviderStatus s = status(sessions.providers(), "discover-fails");
        assertThat(s.active()).isTrue();
        assertThat(s.reason()).hasValue("discover() failed: NoClassDefFoundError p/discover/Helper"
                + " (p.discover.Helper)");
    }

    @Test
    void loadPlugins_idOfABuiltInProvider_isADuplicateAndTheBuiltInStays() {
        List<ProviderStatus> statuses = build().providers();

        assertThat(statuses).filteredOn(s -> s.id().equals("builtin") && s.active()).singleElement()
                .satisfies(s -> assertThat(s.source()).isNotEqualTo(jar("dup.jar")));
        assertThat(statuses).filteredOn(s -> s.id().equals("builtin") && !s.active()).singleElement()
                .satisfies(s -> {
                    assertThat(s.source()).isEqualTo(jar("dup.jar"));
                    assertThat(s.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("duplicate id"));
                });
    }

    @Test
    void loadPlugins_brokenEntries_becomeInactiveStatusesNamingTheirJar() {
        List<ProviderStatus> statuses = build().providers();

        assertThat(statuses).filteredOn(s -> !s.active() && s.source().equals(jar("init-fails.jar")))
                .singleElement().satisfies(s -> assertThat(s.reason().orElseThrow()).contains("static init broke"));
        assertThat(statuses).filteredOn(s -> !s.active() && s.source().equals(jar("missing-class.jar")))
                .singleElement().satisfies(s -> assertThat(s.reason().orElseThrow()).contains("p.nowhere.GoneProvider"));
        assertThat(status(statuses, "corrupt.jar")).satisfies(s -> {
            assertThat(s.port()).isEqualTo(FoundProviders.PLUGIN);
            assertThat(s.source()).isEqualTo(jar("corrupt.jar"));
            assertThat(s.reason().orElseThrow()).startsWith("not a readable jar: ");
        });
        assertThat(status(statuses, "no-services.jar").reason().orElseThrow())
                .startsWith("no META-INF/services entry");
        assertThat(statuses).noneMatch(s -> s.source().endsWith("notes.txt"));
    }

    @Test
    void loadPlugins_missingDirectory_findsNothing() {
        assertThat(FoundProviders.loadPlugins(work.resolve("absent"), getClass().getClassLoader()))
                .isEqualTo(FoundProviders.NONE);
    }

    @Test
    void loadPlugins_fileInsteadOfDirectory_isOneFailure() throws IOException {
        Path file = Files.writeString(work.resolve("plugins-file"), "x");

        FoundProviders found = FoundProviders.loadPlugins(file, getClass().getClassLoader());

        assertThat(found.failures()).singleElement().satisfies(f -> {
            assertThat(f.port()).isEqualTo(FoundProviders.PLUGIN);
            assertThat(f.reason()).isEqualTo("plugins path is not a directory");
        });
    }

    @Test
    void loadPlugins_parentWithItsOwnServices_findsOnlyTheJarsProviders() throws Exception {
        URL root = PluginLoadingTest.class.getResource("/serviceloader/broken/");
        try (URLClassLoader parent = new URLClassLoader(new URL[] {root}, getClass().getClassLoader())) {
            assertThat(FoundProviders.load(parent).discoveries()).isNotEmpty();

            FoundProviders found = FoundProviders.loadPlugins(plugins, parent);

            assertThat(found.discoveries()).extracting(SessionDiscoveryProvider::id)
                    .containsExactlyInAnyOrder("acme", "old", "create-fails", "discover-fails", "builtin");
        }
    }
}
