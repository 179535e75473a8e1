package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.testkit.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor as the engine's subscriber, the packaged jar on a temp HOME with a real engine child process and a
 * live {@code claude}: {@code monitor --once --json} through the engine prints what the in-process monitor prints
 * (the time fields aside); a running {@code monitor --json} shows an appended transcript line within a second (the
 * engine pushes on the file event, not at the 2 s interval); and when the engine is killed it says so in one line
 * and goes on refreshing in its own process.
 */
final class MonitorEngineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(20);
    /** Fields that depend on the moment of the refresh. */
    private static final List<String> CLOCK_FIELDS = List.of("takenAt", "durationSeconds", "idleSeconds");

    @TempDir
    Path tmp;

    private LiveClaudeHome live;
    private Process monitor;

    @BeforeEach
    void liveSessionAndEngine() throws Exception {
        live = LiveClaudeHome.in(tmp);
        live.startClaude();
        JarRun started = JarRun.run(live.home(), scratch("start"), 90, "daemon", "start");
        assertThat(started.code()).as(started.err()).isZero();
    }

    @AfterEach
    void stop() throws Exception {
        if (monitor != null) {
            monitor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        JarRun.run(live.home(), scratch("stop"), 60, "daemon", "stop");
        live.close();
    }

    private Path scratch(String name) throws IOException {
        return Files.createDirectories(tmp.resolve("scratch-" + name + "-" + System.nanoTime()));
    }

    private JsonNode status() throws Exception {
        JarRun r = JarRun.run(live.home(), scratch("status"), 60, "daemon", "status", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void onceThroughTheEngineEqualsTheInProcessSnapshot() throws Exception {
        JarRun served = JarRun.run(live.home(), scratch("served"), 90, "monitor", "--once", "--json");
        assertThat(served.code()).as(served.err()).isZero();
        assertThat(status().get("monitorsServed").asLong()).as("the engine fed the monitor").isEqualTo(1);
        JarRun local = JarRun.run(live.home(), scratch("local"), 90, "--no-daemon", "monitor", "--once", "--json");
        assertThat(local.code()).as(local.err()).isZero();

        JsonNode fromEngine = withoutClock(JSON.readTree(served.out()));
        assertThat(fromEngine.get("sessions")).as("the live session is shown").hasSize(1);
        assertThat(fromEngine).isEqualTo(withoutClock(JSON.readTree(local.out())));
        assertThat(served.out().lines().count()).isEqualTo(1);
        assertThat(served.err()).isEmpty();
    }

    @Test
    void anAppendedLineShowsWithinASecondAndAKilledEngineLeavesTheMonitorRefreshingItself() throws Exception {
        Path out = tmp.resolve("monitor.ndjson");
        Path err = tmp.resolve("monitor.err");
        monitor = JarRun.builder(live.home(), "monitor", "--json", "--interval", "2s")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long before = Await.until(() -> "a first snapshot; stderr: " + read(err), DEADLINE, POLL,
                () -> lastOutputTokens(out));
        assertThat(status().get("monitorsSubscribed").asLong()).as("subscribed").isEqualTo(1);
        int linesBefore = lines(out).size();

        long written = append(1000);
        long seenAfterMs = Await.until(() -> "the appended call in a snapshot; stderr: " + read(err), DEADLINE,
                Duration.ofMillis(5), () -> lastOutputTokens(out).filter(t -> t == before + 1000)
                        .map(t -> (System.nanoTime() - written) / 1_000_000));
        assertThat(seenAfterMs).as("ms from the write to the snapshot that shows it").isLessThanOrEqualTo(1_000);
        assertThat(lines(out).size()).as("pushed on the change, not at the interval").isGreaterThan(linesBefore);

        ProcessHandle engine = ProcessHandle.of(status().get("pid").asLong()).orElseThrow();
        assertThat(engine.destroyForcibly()).isTrue();
        engine.onExit().get(30, TimeUnit.SECONDS);
        Await.until(() -> "the fallback line; stderr: " + read(err), DEADLINE, POLL,
                () -> Optional.of(read(err)).filter(e -> e.contains("the monitor refreshes in this process")));
        int linesAtFallback = lines(out).size();
        append(500);
        Await.until(() -> "a snapshot refreshed in the monitor's own process; stderr: " + read(err), DEADLINE, POLL,
                () -> lastOutputTokens(out).filter(t -> t == before + 1500));
        assertThat(lines(out).size()).isGreaterThan(linesAtFallback);
        assertThat(monitor.isAlive()).as("the monitor goes on").isTrue();
        assertThat(read(err).lines().toList()).as("one line, no stack trace").hasSize(1);
    }

    /** Appends a copy of the transcript's last call with {@code output} output tokens; returns when (nanoTime). */
    private long append(int output) throws IOException {
        Path transcript = live.project().resolve(LiveClaudeHome.SESSION + ".jsonl");
        String last = Files.readAllLines(transcript).stream().filter(l -> l.contains("\"type\":\"assistant\""))
                .reduce((a, b) -> b).orElseThrow();
        ObjectNode call = (ObjectNode) JSON.readTree(last);
        String tag = "appended-" + System.nanoTime();
        ((ObjectNode) call.get("message")).put("id", "msg_" + tag);
        call.put("requestId", "req_" + tag);
        call.put("uuid", java.util.UUID.randomUUID().toString());
        ((ObjectNode) call.get("message").get("usage")).put("output_tokens", output);
        long at = System.nanoTime();
        Files.writeString(transcript, JSON.writeValueAsString(call) + "\n", StandardOpenOption.APPEND);
        return at;
    }

    /** The output tokens of the one session in the last complete snapshot line. */
    private static Optional<Long> lastOutputTokens(Path out) throws IOException {
        List<String> lines = lines(out);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        JsonNode sessions = JSON.readTree(lines.get(lines.size() - 1)).get("sessions");
        return sessions.size() == 1 ? Optional.of(sessions.get(0).get("tokens").get("output").asLong())
                : Optional.empty();
    }

    /** The complete lines written so far. */
    private static List<String> lines(Path file) throws IOException {
        String text = read(file);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode withoutClock(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            CLOCK_FIELDS.forEach(((ObjectNode) node)::remove);
            // the evidence names the idle minutes, which a minute boundary between the two runs moves
            JsonNode evidence = node.get("stateEvidence");
            if (evidence != null && evidence.isTextual()) {
                ((ObjectNode) node).put("stateEvidence", evidence.asText().replaceAll("idle \\d+ min", "idle N min"));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                strip(it.next().getValue());
            }
        } else if (node.isArray()) {
            node.forEach(MonitorEngineIT::strip);
        }
    }
}
