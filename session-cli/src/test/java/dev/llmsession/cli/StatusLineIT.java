package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as Claude Code meets it: a program pipes a status-line payload into {@code statusline} (and
 * into the wrapper {@code integrate claude} installs); {@code list --json} then shows the session's exact window.
 */
final class StatusLineIT {
    private static final String SESSION = "4d5611e5-241a-462a-8d15-5122611a9569";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYLOAD = "{\"session_id\":\"" + SESSION + "\",\"model\":{\"id\":\"claude-opus-4-6\","
            + "\"display_name\":\"Opus 4.6\"},\"cost\":{\"total_cost_usd\":12.5},\"context_window\":{"
            + "\"context_window_size\":1000000,\"current_usage\":{\"input_tokens\":10,\"output_tokens\":5,"
            + "\"cache_creation_input_tokens\":50,\"cache_read_input_tokens\":105999}},\"rate_limits\":{"
            + "\"five_hour\":{\"used_percentage\":42,\"resets_at\":4102444800},\"seven_day\":{"
            + "\"used_percentage\":18,\"resets_at\":4102444800}}}\n";

    @TempDir
    Path tmp;

    /**
     * The installed wrapper starts a detached health-refresh JVM that may still be writing (and closing) the store
     * here when the test ends: wait for every process that names this directory before it is deleted.
     */
    @AfterEach
    void awaitDetachedRefreshes() throws Exception {
        String dir = tmp.toString();
        for (ProcessHandle p : ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false)).toList()) {
            p.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void payloadPipedIntoStatusline_printsLine_andListShowsExactWindowAndOfficialLimits() throws Exception {
        Path home = layOutHome();
        JsonNode before = find(listAll(home));
        assertThat(before.get("context").get("windowAssumed").asBoolean()).isTrue();
        assertThat(before.get("context").get("window").asLong()).isEqualTo(200_000);
        assertThat(before.get("officialLimits").isNull()).as("no payload known yet").isTrue();
        assertThat(before.get("needsAttention").asBoolean()).isFalse();

        Process p = jar(home, "statusline").start();
        p.getOutputStream().write(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isZero();
        assertThat(line).contains("11%", "$12.50", "5h 42%", "7d 18%").doesNotContain("Exception");

        JsonNode after = find(listAll(home));
        assertThat(after.get("context").get("window").asLong()).isEqualTo(1_000_000);
        assertThat(after.get("context").get("windowAssumed").asBoolean()).isFalse();
        JsonNode limits = after.get("officialLimits");
        assertThat(limits.get("source").asText()).contains("status line");
        assertThat(limits.get("fiveHour").get("usedPercent").asDouble()).isEqualTo(42.0);
        assertThat(limits.get("fiveHour").get("resetsAt").asText()).isEqualTo("2100-01-01T00:00:00Z");
        assertThat(limits.get("fiveHour").has("limitAt")).isTrue();
        assertThat(limits.get("sevenDay").get("usedPercent").asDouble()).isEqualTo(18.0);
        JarRun blocks = JarRun.run(home, tmp, 60, "usage", "blocks", "--json");
        assertThat(blocks.code()).as(blocks.err()).isZero();
        JsonNode blocksJson = JSON.readTree(blocks.out());
        assertThat(blocksJson.has("blocks")).isTrue();
        assertThat(blocksJson.get("officialLimits").get("fiveHour").get("usedPercent").asDouble()).isEqualTo(42.0);
        assertThat(blocksJson.get("officialLimits").get("sevenDay").get("resetsAt").asText())
                .isEqualTo("2100-01-01T00:00:00Z");
        JarRun human = JarRun.run(home, tmp, 60, "list", "--all");
        assertThat(human.out()).contains("official 5h 42%", "7d 18%");
    }

    @Test
    void integrateWrapper_recordsPayload_chainsPreviousCommand_andUninstallRestoresBytes() throws Exception {
        Path home = layOutHome();
        Path settings = home.resolve(".claude/settings.json");
        String original = "{\n  \"model\": \"opus\",\n  \"statusLine\": {\"type\": \"command\", \"command\": "
                + "\"echo previous-line\", \"padding\": 0},\n  \"hooks\": {\"Stop\": []}\n}\n";
        Files.writeString(settings, original);

        JarRun install = JarRun.run(home, tmp, 60, "integrate", "claude", "--yes");
        assertThat(install.code()).as(install.err()).isZero();
        JsonNode edited = JSON.readTree(Files.readString(settings));
        assertThat(edited.get("model").asText()).isEqualTo("opus");
        assertThat(edited.get("hooks").toString()).isEqualTo("{\"Stop\":[]}");
        String command = edited.get("statusLine").get("command").asText();
        assertThat(JarRun.run(home, tmp, 60, "integrate", "claude", "--yes").out()).contains("already installed");

        ProcessBuilder sh = new ProcessBuilder("sh", "-c", command);
        sh.environment().put("HOME", home.toString());
        sh.environment().put("NO_COLOR", "1");
        Process p = sh.start();
        p.getOutputStream().write(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("11%", "5h 42%").contains("previous-line");
        assertThat(find(listAll(home)).get("context").get("windowAssumed").asBoolean()).isFalse();

        JarRun undo = JarRun.run(home, tmp, 60, "integrate", "claude", "--uninstall");
        assertThat(undo.code()).as(undo.err()).isZero();
        assertThat(Files.readString(settings)).isEqualTo(original);
    }

    private Path layOutHome() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path work = Files.createDirectories(tmp.resolve("work/spotter"));
        String encoded = work.toAbsolutePath().toString().replaceAll("[^A-Za-z0-9]", "-");
        Path project = Files.createDirectories(home.resolve(".claude/projects").resolve(encoded));
        Path fixtures = Path.of(System.getProperty("llmsession.fixtures"));
        Files.copy(fixtures.resolve(SESSION + ".jsonl"), project.resolve(SESSION + ".jsonl"));
        return home;
    }

    private static ProcessBuilder jar(Path home, String... args) {
        return JarRun.builder(home, args).redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    private List<JsonNode> listAll(Path home) throws Exception {
        JarRun r = JarRun.run(home, tmp, 60, "list", "--all", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.out()).forEach(out::add);
        return out;
    }

    private static JsonNode find(List<JsonNode> sessions) {
        return sessions.stream().filter(s -> s.get("nativeId").asText().equals(SESSION)).findFirst()
                .orElseThrow(() -> new AssertionError("no session " + SESSION + " in " + sessions));
    }
}
