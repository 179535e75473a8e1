package dev.llmsession.examples.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built plugin jar dropped into the plugins directory of a temp HOME, run by the packaged CLI jar
 * ({@code session-cli/target/llm-session.jar}) the way a user runs it: Codex sessions from the real samples beside
 * the Claude Code fixture, with the samples' token totals, and the plugin listed by {@code providers} with its jar.
 */
final class CodexPluginIT {
    private static final String CLAUDE_SESSION = "4d5611e5-241a-462a-8d15-5122611a9569";
    private static final JsonFactory JSON = new JsonFactory();

    @TempDir
    Path tmp;

    private Path home;
    private Path pluginJar;
    private Process codex;

    @BeforeEach
    void layOutHome() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        Path fixtures = Path.of(System.getProperty("llmsession.fixtures"));
        Path project = Files.createDirectories(home.resolve(".claude/projects/-work-spotter"));
        Files.copy(fixtures.resolve(CLAUDE_SESSION + ".jsonl"), project.resolve(CLAUDE_SESSION + ".jsonl"));
        Path subagents = Files.createDirectories(project.resolve(CLAUDE_SESSION + "/subagents"));
        try (Stream<Path> files = Files.list(fixtures.resolve(CLAUDE_SESSION + "/subagents"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, subagents.resolve(f.getFileName().toString()));
            }
        }
        Samples.layOut(home.resolve(".codex"));
        Path plugins = Files.createDirectories(home.resolve(".config/llm-session/plugins"));
        pluginJar = plugins.resolve("llm-session-codex-plugin.jar");
        Files.copy(Path.of(System.getProperty("llmsession.plugin.jar")), pluginJar);
    }

    @AfterEach
    void stopChild() throws InterruptedException {
        if (codex != null && codex.isAlive()) {
            codex.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void pluginJar_holdsTheAdapterAndRelocatedJacksonButNoSpi() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("llmsession.plugin.jar"))) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).contains("META-INF/services/dev.llmsession.spi.SessionDiscoveryProvider",
                    "dev/llmsession/examples/codex/CodexDiscoveryProvider.class",
                    "dev/llmsession/examples/codex/shaded/jackson/core/JsonFactory.class");
            assertThat(names).noneMatch(n -> n.startsWith("com/fasterxml/") || n.startsWith("dev/llmsession/spi/")
                    || n.startsWith("dev/llmsession/model/"));
        }
    }

    @Test
    void listAll_showsCodexSessionsWithTheSampleTotalsBesideClaude_andWritesNothingUnderCodexHome() throws Exception {
        Map<String, String> before = SessionDiscoveryContract.snapshot(home.resolve(".codex"));

        Result r = run("list", "--all", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        List<Map<String, String>> sessions = flatArray(r.out());
        Map<String, Map<String, String>> byId = new HashMap<>();
        sessions.forEach(s -> byId.put(s.get("id"), s));
        assertThat(byId).containsKeys("claude_" + CLAUDE_SESSION, "codex_019c8a59-e9dd-71f0-9ae3-4079fe9726a9",
                "codex_019c8bfe-ec25-79e0-97d7-bda6a9c575ff", "codex_019c8a70-dda7-7f33-98ea-f30553347322");
        Map<String, String> oneTurn = byId.get("codex_019c8bfe-ec25-79e0-97d7-bda6a9c575ff");
        assertThat(oneTurn).containsEntry("assistant", "codex").containsEntry("tokens.total", "299496")
                .containsEntry("tokens.input", String.valueOf(298_373 - 238_848))
                .containsEntry("tokens.cacheRead", "238848").containsEntry("tokens.output", "1123")
                .containsEntry("tokens.apiCalls", "6").containsEntry("tokens.source", "measured")
                .containsEntry("context.tokens", "63727").containsEntry("context.window", "258400")
                .containsEntry("model", "gpt-5.3-codex").containsEntry("state", "ENDED");
        assertThat(byId.get("codex_019c8a59-e9dd-71f0-9ae3-4079fe9726a9"))
                .containsEntry("tokens.total", "33944484").containsEntry("tokens.cacheRead", "31621504");
        assertThat(byId.get("codex_019c8a70-dda7-7f33-98ea-f30553347322")).containsEntry("tokens.total", "34900");
        assertThat(byId.get("claude_" + CLAUDE_SESSION)).containsEntry("tokens.apiCalls", "152");
        assertThat(SessionDiscoveryContract.snapshot(home.resolve(".codex"))).isEqualTo(before);
    }

    @Test
    void providers_listsTheCodexPluginWithItsJar() throws Exception {
        Result r = run("providers", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(flatArray(r.out())).anySatisfy(p -> assertThat(p).containsEntry("id", "codex")
                .containsEntry("port", "SessionDiscovery").containsEntry("active", "true")
                .containsEntry("plugin", "true").containsEntry("source", pluginJar.toString())
                .containsEntry("version", "0.1.0-SNAPSHOT"));
    }

    @Test
    void pluginsOption_loadsAJarFromAnotherDirectory() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other-plugins"));
        Files.move(pluginJar, other.resolve("codex.jar"));

        Result r = run("providers", "--plugins", other.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\nSessionDiscovery +codex +0\\.1\\.0-SNAPSHOT +yes *\n")
                .contains("Plugins in " + other + ":\n  codex.jar: SessionDiscovery codex\n");
    }

    @Test
    void list_liveCodexProcessInTheSessionsDirectory_isRunningWithItsPid() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work/api")).toRealPath();
        Path exe = Files.createDirectories(tmp.resolve("bin")).resolve("codex");
        Files.copy(Path.of("/bin/sleep"), exe, StandardCopyOption.COPY_ATTRIBUTES);
        codex = new ProcessBuilder(exe.toString(), "300").directory(work.toFile()).start();
        Thread.sleep(1100);
        String id = "019cffff-0000-7000-8000-00000000beef";
        String at = Instant.now().toString();
        Files.writeString(home.resolve(".codex/sessions/2026/02/23/rollout-2026-02-23T10-00-00-" + id + ".jsonl"),
                Lines.meta(at, id, work.toString()) + Lines.event(at, "task_started")
                        + Lines.tokens(at, 1000, 10, 1010), StandardCharsets.UTF_8);

        Result r = run("list", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(flatArray(r.out())).anySatisfy(s -> assertThat(s).containsEntry("id", "codex_" + id)
                .containsEntry("running", "true").containsEntry("pid", String.valueOf(codex.pid()))
                .containsEntry("state", "WORKING"));
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("llmsession.cli.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("CODEX") || k.startsWith("XDG_")
                || k.startsWith("LLM_SESSION"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("NO_COLOR", "1");
        env.put("COLUMNS", "200");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("llm-session finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A JSON array of objects, each flattened to dotted keys and scalar texts ({@code tokens.total → 299496}). */
    private static List<Map<String, String>> flatArray(String json) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> flat = new HashMap<>();
                FlatJson.flatten(p, "", flat);
                out.add(flat);
            }
        }
        return out;
    }
}
