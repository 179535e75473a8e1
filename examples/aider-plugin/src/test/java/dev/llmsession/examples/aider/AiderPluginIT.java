package dev.llmsession.examples.aider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.testkit.FlatJson;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built plugin jar dropped into the plugins directory of a temp HOME, run by the packaged CLI jar
 * ({@code session-cli/target/llm-session.jar}) the way a user runs it, with the real Aider sample in a project
 * named by the config file's {@code adapters.aider.roots}.
 */
final class AiderPluginIT {
    @TempDir
    Path tmp;

    private Path home;
    private Path pluginJar;
    private Path project;

    @BeforeEach
    void layOutHome() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        project = home.resolve("code/aider");
        AiderSample.layOut(project);
        Path config = Files.createDirectories(home.resolve(".config/llm-session"));
        Files.writeString(config.resolve("config.yaml"), "adapters:\n  aider:\n    roots: [" + home.resolve("code")
                + "]\n", StandardCharsets.UTF_8);
        Path plugins = Files.createDirectories(config.resolve("plugins"));
        pluginJar = plugins.resolve("llm-session-aider-plugin.jar");
        Files.copy(Path.of(System.getProperty("llmsession.plugin.jar")), pluginJar);
    }

    @Test
    void pluginJar_holdsTheAdapterWithTheRelocatedKitAndJacksonButNoSpi() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("llmsession.plugin.jar"))) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).contains("META-INF/services/dev.llmsession.spi.SessionDiscoveryProvider",
                    "dev/llmsession/examples/aider/AiderDiscoveryProvider.class",
                    "dev/llmsession/examples/aider/shaded/adapterkit/JsonlTail.class",
                    "dev/llmsession/examples/aider/shaded/jackson/core/JsonFactory.class");
            assertThat(names).noneMatch(n -> n.startsWith("com/fasterxml/") || n.startsWith("dev/llmsession/spi/")
                    || n.startsWith("dev/llmsession/model/") || n.startsWith("dev/llmsession/adapterkit/"));
        }
    }

    @Test
    void listAll_showsEveryAiderChatWithItsFigures_andWritesNothingInTheProject() throws Exception {
        Map<String, String> before = SessionDiscoveryContract.snapshot(project);

        Result r = run("list", "--all", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        List<Map<String, String>> aider = FlatJson.array(r.out()).stream()
                .filter(s -> "aider".equals(s.get("assistant"))).toList();
        assertThat(aider).hasSize(383);
        assertThat(aider).anySatisfy(s -> assertThat(s).containsEntry("startedAt", "2024-08-17T06:57:37Z")
                .containsEntry("model", "claude-3-5-sonnet-20240620").containsEntry("tokens.total", "38095")
                .containsEntry("tokens.source", "measured").containsEntry("context.tokens", "9976")
                .containsEntry("state", "ENDED"));
        assertThat(SessionDiscoveryContract.snapshot(project)).isEqualTo(before);
    }

    @Test
    void providers_listsTheAiderPluginWithItsJar() throws Exception {
        Result r = run("providers", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(FlatJson.array(r.out())).anySatisfy(p -> assertThat(p).containsEntry("id", "aider")
                .containsEntry("port", "SessionDiscovery").containsEntry("active", "true")
                .containsEntry("plugin", "true").containsEntry("source", pluginJar.toString()));
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("llmsession.cli.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("CODEX") || k.startsWith("AIDER")
                || k.startsWith("XDG_") || k.startsWith("LLM_SESSION"));
        env.put("HOME", home.toString());
        env.put("NO_COLOR", "1");
        env.put("TZ", "UTC");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("llm-session finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
