package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.testkit.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar end to end under a temp HOME, as the launcher runs it ({@code java -cp jar EngineClient …}):
 * start an engine, list, append a line, list, stop; an engine killed while it holds a command; autostart.
 */
final class EngineIT {
    private static final String SHORT = "short.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private Path home;
    private Path transcript;
    /** The jar the client runs from (and so the engine it starts). */
    private String jar = System.getProperty("llmsession.cli.jar", "target/llm-session.jar");

    private record Run(int code, String out, String err) {
    }

    /** A client process and the files its output goes to. */
    private record Started(Process process, Path out, Path err) {
    }

    @AfterEach
    void stop() throws Exception {
        if (home != null) {
            run(Map.of(), "daemon", "stop");
        }
    }

    private Path home() throws IOException {
        if (home == null) {
            home = Files.createDirectories(root.resolve("home"));
            Path project = Files.createDirectories(home.resolve(".claude/projects/-home-marco-projects-spotter"));
            transcript = project.resolve("55604662-cf2a-4331-851a-ec234028f8ca.jsonl");
            Files.copy(ContextHome.fixtures().resolve(SHORT), transcript);
        }
        return home;
    }

    /** The client class, as the launcher starts it, with CI set (no autostart) unless {@code extra} says otherwise. */
    private Run run(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        return await(start(extra, args));
    }

    private Started start(Map<String, String> extra, String... args) throws IOException {
        return start(List.of(), extra, args);
    }

    /** As {@link #start(Map, String...)}, on a JVM given {@code jvmOptions}. */
    private Started start(List<String> jvmOptions, Map<String, String> extra, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar, "dev.llmsession.cli.client.EngineClient"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("XDG_") || k.startsWith("LLM_SESSION"));
        env.put("HOME", home().toString());
        env.put("NO_COLOR", "1");
        env.put("CI", "1");
        extra.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        Path out = Files.createTempFile(root, "run", ".out");
        Path err = Files.createTempFile(root, "run", ".err");
        return new Started(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    private Run await(Started s) throws IOException, InterruptedException {
        assertThat(s.process().waitFor(90, TimeUnit.SECONDS)).as("llm-session finished in time").isTrue();
        return new Run(s.process().exitValue(), Files.readString(s.out(), StandardCharsets.UTF_8),
                Files.readString(s.err(), StandardCharsets.UTF_8));
    }

    private JsonNode status() throws Exception {
        Run r = run(Map.of(), "daemon", "status", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /** The status of the engine a command started in the background, once it answers. */
    private JsonNode awaitEngine() throws Exception {
        return Await.until(() -> "the engine started in the background to answer", Duration.ofSeconds(60),
                Duration.ofMillis(100), () -> Optional.of(status()).filter(s -> s.get("running").asBoolean()));
    }

    private static long outputTokens(String listJson) throws IOException {
        JsonNode sessions = JSON.readTree(listJson);
        assertThat(sessions.size()).isEqualTo(1);
        return sessions.get(0).get("tokens").get("output").asLong();
    }

    @Test
    void startListAppendListStop() throws Exception {
        Run started = run(Map.of(), "daemon", "start");
        assertThat(started.code()).as(started.err()).isZero();
        assertThat(started.out()).startsWith("Engine started (pid ");
        long pid = status().get("pid").asLong();

        Run first = run(Map.of(), "list", "--all", "--json");
        assertThat(first.code()).as(first.err()).isZero();
        Run local = run(Map.of(), "--no-daemon", "list", "--all", "--json");
        assertThat(outputTokens(first.out())).isEqualTo(outputTokens(local.out()));
        assertThat(status().get("commandsServed").asLong()).as("the engine served the list").isEqualTo(1);

        String last = Files.readAllLines(transcript).stream().filter(l -> l.contains("\"type\":\"assistant\""))
                .reduce((a, b) -> b).orElseThrow();
        Files.writeString(transcript, last.replace("msg_01MKH1ccEGrZGNPvu8pYiiQa", "msg_appended_by_the_test")
                .replace("req_011CY15QS2LGwAeBxdfa6e1V", "req_appended_by_the_test")
                .replace("\"output_tokens\":13", "\"output_tokens\":1000") + "\n", StandardOpenOption.APPEND);
        Run second = run(Map.of(), "list", "--all", "--json");
        assertThat(outputTokens(second.out())).as("the appended call counts at once")
                .isEqualTo(outputTokens(first.out()) + 1000);
        assertThat(outputTokens(run(Map.of(), "--no-daemon", "list", "--all", "--json").out()))
                .isEqualTo(outputTokens(second.out()));
        assertThat(status().get("pid").asLong()).isEqualTo(pid);

        Run stopped = run(Map.of(), "daemon", "stop");
        assertThat(stopped.out()).isEqualTo("Engine stopped (pid " + pid + ").\n");
        assertThat(status().get("running").asBoolean()).isFalse();
    }

    @Test
    void anEngineKilledWhileItHoldsTheCommandCostsOneLineAndTheCommandCompletes() throws Exception {
        assertThat(run(Map.of(), "daemon", "start").code()).isZero();
        long pid = status().get("pid").asLong();
        String expected = withoutClock(run(Map.of(), "--no-daemon", "list", "--all").out());
        // Stopped, the engine takes the connection (the kernel queues it) and never answers; then it is killed.
        signal("STOP", pid);
        Started client = start(Map.of("LLM_SESSION_NO_DAEMON", "0"), "list", "--all");
        awaitConnected(client.process());
        signal("KILL", pid);
        Run r = await(client);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(withoutClock(r.out())).isEqualTo(expected);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("llm-session: the engine");

        // Its socket stays behind: the next command says so in one line and runs; the next engine replaces it.
        Run after = run(Map.of(), "list", "--all");
        assertThat(withoutClock(after.out())).isEqualTo(expected);
        assertThat(after.err()).contains("the engine is not running").hasLineCount(1);
        assertThat(run(Map.of(), "daemon", "start").code()).isZero();
        assertThat(status().get("pid").asLong()).isNotEqualTo(pid);
        assertThat(withoutClock(run(Map.of(), "list", "--all").out())).isEqualTo(expected);
    }

    @Test
    void theFirstCommandStartsAnEngineAndSaysSoOnce() throws Exception {
        Map<String, String> noCi = new HashMap<>();
        noCi.put("CI", null);
        Run first = run(noCi, "list", "--all");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).startsWith("llm-session: started an engine in the background");
        awaitEngine();
        Run second = run(noCi, "list", "--all");
        assertThat(withoutClock(second.out())).isEqualTo(withoutClock(first.out()));
        assertThat(second.err()).isEmpty();
        assertThat(status().get("commandsServed").asLong()).isEqualTo(1);
    }

    @Test
    void anInterpretedClientFindingNoEngineRunsTheCommandInAJvmWithTheLaunchersOptions() throws Exception {
        // The launcher starts a client it expects to relay with -Xint, naming the in-process options: here one that
        // leaves a trace (a GC log file, opened when a JVM with the option starts).
        Path relaunched = root.resolve("relaunched-gc.log");
        List<String> interpreted = List.of("-Xint",
                "-Dllmsession.relaunch=-XX:+UseSerialGC\n-Xlog:gc:file=" + relaunched + "\n");
        Map<String, String> noCi = new HashMap<>();
        noCi.put("CI", null);
        String expected = withoutClock(run(Map.of(), "--no-daemon", "list", "--all").out());

        Run first = await(start(interpreted, noCi, "list", "--all"));

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(withoutClock(first.out())).isEqualTo(expected);
        assertThat(relaunched).as("the command ran in a JVM started with the launcher's options").exists();
        assertThat(first.err()).startsWith("llm-session: started an engine in the background");
        JsonNode up = awaitEngine();
        String engine = Files.readString(Path.of("/proc", up.get("pid").asText(), "cmdline"))
                .replace('\0', ' ');
        assertThat(engine).as("the engine compiles its code").doesNotContain("-Xint", "llmsession.relaunch");

        // A client that relays with a compiler, or that the engine answers, never starts a second JVM.
        Path notRelaunched = root.resolve("not-relaunched-gc.log");
        Run served = await(start(List.of("-Xint", "-Dllmsession.relaunch=-Xlog:gc:file=" + notRelaunched),
                Map.of(), "list", "--all"));
        assertThat(withoutClock(served.out())).isEqualTo(expected);
        Run compiled = await(start(List.of("-XX:TieredStopAtLevel=1",
                "-Dllmsession.relaunch=-Xlog:gc:file=" + notRelaunched), Map.of(), "--no-daemon", "list", "--all"));
        assertThat(withoutClock(compiled.out())).isEqualTo(expected);
        assertThat(notRelaunched).doesNotExist();
    }

    @Test
    void anEngineWhoseJarIsWrittenOverStepsDownForTheNextCommand() throws Exception {
        Path copy = Files.createDirectories(root.resolve("build")).resolve("llm-session.jar");
        Files.copy(Path.of(jar), copy);
        jar = copy.toString();
        assertThat(run(Map.of(), "daemon", "start").code()).isZero();
        JsonNode engine = status();
        String expected = withoutClock(run(Map.of(), "--no-daemon", "list", "--all").out());

        // Written over in place, as Maven does: same path, another modification time. A client that still names the
        // engine's build (it started before the build) is not served by an engine whose code may be gone.
        Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(copy).toMillis() + 60_000));
        Run r = await(start(List.of("-Dllmsession.build=" + engine.get("build").asText()), Map.of(), "list", "--all"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(withoutClock(r.out())).isEqualTo(expected);
        assertThat(ProcessHandle.of(engine.get("pid").asLong()).map(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS)
                .join().isAlive()).orElse(false)).as("the engine stepped down and exited").isFalse();
        assertThat(status().get("running").asBoolean()).isFalse();
    }

    @Test
    void daemonCommandsFindingNoEngineStartNone() throws Exception {
        Map<String, String> noCi = new HashMap<>();
        noCi.put("CI", null);
        Run r = run(noCi, "daemon", "stop");
        assertThat(r.out()).isEqualTo("No engine runs for this world.\n");
        assertThat(r.err()).isEmpty();
        Run version = run(noCi, "--version");
        assertThat(version.err()).as("--version is no reason to start an engine").isEmpty();
        assertThat(spawnedEngineLogs()).as("an engine is spawned before the command exits, or never").isEmpty();
        assertThat(status().get("running").asBoolean()).isFalse();
    }

    @Test
    void configurationCanTurnAutostartOff() throws Exception {
        Path config = Files.createDirectories(home().resolve(".config/llm-session")).resolve("config.yaml");
        Files.writeString(config, "daemon:\n  autostart: false\n");
        Map<String, String> noCi = new HashMap<>();
        noCi.put("CI", null);
        Run r = run(noCi, "list", "--all");
        assertThat(r.err()).isEmpty();
        assertThat(spawnedEngineLogs()).as("an engine is spawned before the command exits, or never").isEmpty();
        assertThat(status().get("running").asBoolean()).isFalse();
    }

    /**
     * A listing without its DURATION and IDLE figures: they are measured against the real clock, so two runs a
     * second apart can differ when one crosses a whole unit (298d, then 299d).
     */
    private static String withoutClock(String listing) {
        return listing.replaceAll("\\b\\d+[smhd]\\b", "?").replaceAll(" +", " "); // a wider figure widens its column
    }

    /** Waits until {@code client} holds a socket: it has connected to the stopped engine (the kernel queued it). */
    private static void awaitConnected(Process client) throws Exception {
        Path fds = Path.of("/proc", Long.toString(client.pid()), "fd");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(client.isAlive()).as("the client runs").isTrue();
            try (java.util.stream.Stream<Path> open = Files.list(fds)) {
                if (open.anyMatch(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                    } catch (IOException e) {
                        return false; // closed while listed
                    }
                })) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the client never connected to the engine");
    }

    /** The log files a spawned engine's output goes to: created when it is spawned, within the command's run. */
    private List<Path> spawnedEngineLogs() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().matches("engine-.*\\.log")).toList();
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
