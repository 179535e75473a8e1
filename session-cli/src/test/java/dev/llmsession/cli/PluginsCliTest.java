package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.spi.SessionDiscoveryProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken plugin jars in the default plugins directory and in {@code --plugins DIR}: each is a line in
 * {@code providers} and {@code doctor} naming its jar, and the tool works on. (Working plugins compiled in a test
 * are covered by the core's PluginLoadingTest; the Codex example plugin runs through the packaged jar in its IT.)
 */
final class PluginsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private Path defaultPlugins() throws IOException {
        return Files.createDirectories(home.resolve(".config/llm-session/plugins"));
    }

    /** A jar whose services file names a provider class it does not contain. */
    private static Path missingClassJar(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + SessionDiscoveryProvider.class.getName()));
            jar.write("com.example.GoneProvider\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }

    private static Path corruptJar(Path file) throws IOException {
        return Files.write(file, "PK\u0003\u0004 truncated".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void providers_brokenJarsInTheDefaultDirectory_areListedWithTheirJarAndExitZero() throws Exception {
        Path dir = defaultPlugins();
        corruptJar(dir.resolve("corrupt.jar"));
        missingClassJar(dir.resolve("gone.jar"));

        CliRun.Result r = new CliRun(home).run("providers");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines().get(0).split("\\s+")).containsExactly("PORT", "ID", "VERSION", "ACTIVE", "REASON");
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("Plugin") && l.contains("corrupt.jar")
                && l.contains(" no ") && l.contains("not a readable jar"));
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("SessionDiscovery") && l.contains("(broken)")
                && l.contains(" no ") && l.contains("Provider com.example"));
        assertThat(r.out()).containsPattern("\nPlugins in ~/.config/llm-session/plugins:\n"
                + "  corrupt.jar: not loaded: not a readable jar: [^\n]+\n"
                + "  gone.jar: SessionDiscovery \\(broken\\): Provider com.example.GoneProvider not found\n");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        ListCommandTest.assertWithin(String.join("\n", r.outLines().subList(0, 5)), 80);
    }

    @Test
    void providers_json_namesTheJarOfEachPluginStatus() throws Exception {
        Path dir = defaultPlugins();
        missingClassJar(dir.resolve("gone.jar"));

        CliRun.Result r = new CliRun(home).run("providers", "--json");

        List<JsonNode> plugins = new ArrayList<>();
        JSON.readTree(r.out()).forEach(n -> {
            if (n.get("plugin").asBoolean()) {
                plugins.add(n);
            }
        });
        assertThat(plugins).singleElement().satisfies(n -> {
            assertThat(n.get("source").asText()).isEqualTo(dir.resolve("gone.jar").toString());
            assertThat(n.get("active").asBoolean()).isFalse();
            assertThat(n.get("reason").asText()).contains("com.example.GoneProvider");
        });
    }

    @Test
    void pluginsOption_loadsTheOtherDirectoryToo_andXdgConfigHomeMovesTheDefault() throws Exception {
        Path xdg = Files.createDirectories(home.resolve("xdg"));
        corruptJar(Files.createDirectories(xdg.resolve("llm-session/plugins")).resolve("in-xdg.jar"));
        Path extra = Files.createDirectories(home.resolve("extra"));
        corruptJar(extra.resolve("in-extra.jar"));
        corruptJar(defaultPlugins().resolve("in-dot-config.jar"));

        CliRun.Result r = new CliRun(home).env("XDG_CONFIG_HOME", xdg.toString())
                .run("providers", "--plugins", extra.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("in-xdg.jar", "in-extra.jar").doesNotContain("in-dot-config.jar");
    }

    @Test
    void doctor_listsPluginDirectoriesAndTheBrokenJarsWithTheirPath() throws Exception {
        Path dir = defaultPlugins();
        corruptJar(dir.resolve("corrupt.jar"));

        CliRun.Result r = new CliRun(home).run("doctor", "--plugins", home.resolve("none").toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines()).contains("plugins: ~/.config/llm-session/plugins (1 jar)", "plugins: ~/none (absent)");
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("  Plugin corrupt.jar: not a readable jar")
                && l.endsWith("[~/.config/llm-session/plugins/corrupt.jar]"));
    }

    @Test
    void doctor_json_hasThePluginDirectories() throws Exception {
        missingClassJar(defaultPlugins().resolve("gone.jar"));

        CliRun.Result r = new CliRun(home).run("doctor", "--json");

        JsonNode d = JSON.readTree(r.out());
        assertThat(d.get("pluginDirectories").get(0).get("path").asText())
                .isEqualTo(home.resolve(".config/llm-session/plugins").toString());
        assertThat(d.get("pluginDirectories").get(0).get("found").asText()).isEqualTo("1 jar");
        assertThat(d.get("inactiveProviders")).anyMatch(n -> n.get("plugin").asBoolean()
                && n.get("source").asText().endsWith("gone.jar"));
    }
}
