package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar the way a user does, against a temp HOME laid out like a real one, with a real
 * child process named {@code claude} that discovery must find through the process table.
 */
final class PackagedCliIT {
    private static final String SESSION = LiveClaudeHome.SESSION;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private LiveClaudeHome live;
    private Path home;
    private Process claude;

    @BeforeEach
    void layOutHome() throws IOException {
        live = LiveClaudeHome.in(tmp);
        home = live.home();
    }

    private Path project() {
        return live.project();
    }

    @AfterEach
    void stopChild() throws InterruptedException {
        live.close();
    }

    @Test
    void list_liveClaudeProcessInProjectDir_showsRunningSessionWithSampleTokensThenEndedAfterKill() throws Exception {
        claude = live.startClaude();

        JsonNode running = find(runJson("list", "--json"), SESSION);
        assertThat(running.get("running").asBoolean()).isTrue();
        assertThat(running.get("pid").asLong()).isEqualTo(claude.pid());
        assertThat(running.get("assistant").asText()).isEqualTo("claude-code");
        JsonNode tokens = running.get("tokens");
        assertThat(tokens.get("input").asLong()).isEqualTo(233);
        assertThat(tokens.get("output").asLong()).isEqualTo(28_899);
        assertThat(tokens.get("cacheWrite").asLong()).isEqualTo(559_475);
        assertThat(tokens.get("cacheRead").asLong()).isEqualTo(12_387_553);
        assertThat(tokens.get("apiCalls").asLong()).isEqualTo(152);
        assertThat(tokens.get("source").asText()).isEqualTo("measured");
        assertThat(running.get("context").get("tokens").asLong()).isEqualTo(106_060);

        claude.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertThat(runJson("list", "--json")).noneMatch(s -> s.get("id").asText().contains(SESSION));
        JsonNode ended = find(runJson("list", "--all", "--json"), SESSION);
        assertThat(ended.get("running").asBoolean()).isFalse();
        assertThat(ended.get("state").asText()).isEqualTo("ENDED");
        assertThat(ended.get("pid").isNull()).isTrue();
    }

    @Test
    void list_appendBetweenRuns_secondRunResumesFromTheStoreAndCountsTheNewCall() throws Exception {
        Path transcript = project().resolve(SESSION + ".jsonl");
        JsonNode before = find(runJson("list", "--all", "--json"), SESSION).get("tokens");
        String line = "{\"type\":\"assistant\",\"isSidechain\":false,\"sessionId\":\"" + SESSION + "\","
                + "\"timestamp\":\"2026-02-12T21:05:00.000Z\",\"requestId\":\"req_it_append\","
                + "\"message\":{\"id\":\"msg_it_append\",\"model\":\"claude-opus-4-6\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"done\"}],\"usage\":{\"input_tokens\":7,"
                + "\"output_tokens\":11,\"cache_creation_input_tokens\":13,\"cache_read_input_tokens\":106000}}}\n";
        Files.writeString(transcript, line, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        JsonNode after = find(runJson("list", "--all", "--json"), SESSION);
        Result doctor = run("doctor", "--json");

        assertThat(after.get("tokens").get("apiCalls").asLong()).isEqualTo(before.get("apiCalls").asLong() + 1);
        assertThat(after.get("tokens").get("output").asLong()).isEqualTo(before.get("output").asLong() + 11);
        assertThat(after.get("context").get("tokens").asLong()).isEqualTo(7 + 13 + 106_000);
        assertThat(JSON.readTree(doctor.out).get("store").get("lines").toString()).contains("claude-code 3,");
    }

    @Test
    void list_twoProcessesRefreshingAtOnce_bothSucceedAndTheStoreCountsEachCallOnce() throws Exception {
        List<String> cmd = command("list", "--all", "--json");
        Process a = start(cmd, "a");
        Process b = start(cmd, "b");
        assertThat(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).as(Files.readString(tmp.resolve("err-a.txt"))).isZero();
        assertThat(b.exitValue()).as(Files.readString(tmp.resolve("err-b.txt"))).isZero();
        for (String which : List.of("a", "b")) {
            List<JsonNode> sessions = new ArrayList<>();
            JSON.readTree(tmp.resolve("out-" + which + ".txt").toFile()).forEach(sessions::add);
            assertThat(find(sessions, SESSION).get("tokens").get("apiCalls").asLong()).isEqualTo(152);
        }

        Result doctor = run("doctor", "--json");
        assertThat(JSON.readTree(doctor.out).get("store").get("lines").toString())
                .contains("claude-code 3,", "claude-code/projects 1", "usage rows: 152", "sessions: 1");
    }

    @Test
    void providers_packagedJar_findsEveryBuiltInProviderThroughMergedServiceFiles() throws Exception {
        Result r = run("providers", "--json");
        assertThat(r.exit).as(r.err).isZero();
        List<String> active = new ArrayList<>();
        JSON.readTree(r.out).forEach(p -> {
            if (p.get("active").asBoolean()) {
                active.add(p.get("id").asText());
            }
        });
        assertThat(active).contains("claude-code", "oshi", "sqlite");
    }

    @Test
    void health_samplePrefix_printsBreakdownAndExitsZero() throws Exception {
        Result r = run("health", "4d5611e5", "--ascii");
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains("Session claude_4d5611e5", "tokens", "duration", "activity", "errors",
                "106,060");
    }

    @Test
    void health_unknownId_exitsTwoWithOneLine() throws Exception {
        Result r = run("health", "nope-such-session");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.strip()).doesNotContain("\n").contains("nope-such-session");
    }

    /** The real SQLite store between two processes: the re-run opens no file of the unchanged tree. */
    @Test
    void tokens_rerunOverUnchangedTree_isAnsweredFromTheStore() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/src"));
        Files.writeString(tree.resolveSibling(".gitignore"), "*.log\n");
        Files.writeString(tree.resolve("A.java"), "x".repeat(400));
        Files.writeString(tree.resolve("debug.log"), "ignored");
        Files.write(tree.resolve("blob.bin"), new byte[] {1, 0, 2});

        Result first = run("tokens", "--json", tree.getParent().toString());
        Result second = run("tokens", "--json", tree.getParent().toString());

        assertThat(first.exit).as(first.err).isZero();
        assertThat(second.exit).as(second.err).isZero();
        JsonNode a = JSON.readTree(first.out);
        JsonNode b = JSON.readTree(second.out);
        assertThat(a.at("/total/tokens").asLong()).isEqualTo(102).isEqualTo(b.at("/total/tokens").asLong());
        assertThat(a.at("/total/binary").asInt()).isEqualTo(1);
        assertThat(a.at("/stats/read").asInt()).isEqualTo(3);
        assertThat(b.at("/stats/read").asInt()).isZero();
        assertThat(b.at("/stats/cached").asInt()).isEqualTo(3);
    }

    private static JsonNode find(List<JsonNode> sessions, String nativeId) {
        return sessions.stream().filter(s -> s.get("nativeId").asText().equals(nativeId)).findFirst()
                .orElseThrow(() -> new AssertionError("no session " + nativeId + " in " + sessions));
    }

    private List<JsonNode> runJson(String... args) throws Exception {
        Result r = run(args);
        assertThat(r.exit).as(r.err).isZero();
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.out).forEach(out::add);
        return out;
    }

    private Result run(String... args) throws Exception {
        Process p = start(command(args), "");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("llm-session finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("llmsession.cli.jar")));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts the jar with a HOME laid out like a real one; output goes to out[-tag].txt and err[-tag].txt. */
    private Process start(List<String> cmd, String tag) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("XDG_") || k.startsWith("LLM_SESSION"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("NO_COLOR", "1");
        String suffix = tag.isEmpty() ? "" : "-" + tag;
        return pb.redirectOutput(tmp.resolve("out" + suffix + ".txt").toFile())
                .redirectError(tmp.resolve("err" + suffix + ".txt").toFile()).start();
    }

    private record Result(int exit, String out, String err) {
    }
}
