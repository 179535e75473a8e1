package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.testkit.Await;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's {@code daemon run --metrics} in a temp HOME with one live session (a child process named
 * {@code claude} in the session's project, {@link LiveClaudeHome}): scraped over HTTP, then by a real
 * Prometheus when its binary is installed ({@code .ci/run} installs Debian's package). Every wait polls up to a
 * deadline; the engine is stopped with {@code daemon stop} and Prometheus is ended by its process handle.
 */
final class DaemonMetricsIT {
    private static final String SESSION = LiveClaudeHome.SESSION;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Pattern SERVING = Pattern.compile("OpenMetrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private Path home;
    private Path workDir;
    private LiveClaudeHome live;
    private Process engine;
    private Process prometheus;

    @BeforeEach
    void layOutHomeAndStartClaude() throws IOException {
        live = LiveClaudeHome.in(tmp);
        home = live.home();
        workDir = live.workDir();
        live.startClaude();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (prometheus != null && prometheus.isAlive()) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (engine != null && engine.isAlive()) {
            JarRun.run(home, Files.createTempDirectory(tmp, "stop"), 60, "daemon", "stop");
            if (!engine.waitFor(30, TimeUnit.SECONDS)) {
                engine.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (live != null) {
            live.close();
        }
    }

    /** Starts {@code daemon run --metrics 127.0.0.1:0} and returns the port it says it serves on. */
    private int startEngineWithMetrics() throws Exception {
        Path err = tmp.resolve("engine.err");
        engine = JarRun.builder(home, "daemon", "run", "--metrics", "127.0.0.1:0")
                .redirectOutput(tmp.resolve("engine.out").toFile()).redirectError(err.toFile()).start();
        return Await.until(() -> "the engine to say where it serves metrics: " + read(err), DEADLINE, POLL, () -> {
            Matcher m = SERVING.matcher(read(err));
            if (m.find()) {
                return Optional.of(Integer.parseInt(m.group(1)));
            }
            assertThat(engine.isAlive()).as("the engine runs: %s", read(err)).isTrue();
            return Optional.empty();
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/openmetrics-text; version=1.0.0").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theEngineServesItsWorldsLiveSessionsFiguresAndNamesOnlyUntilItStops() throws Exception {
        int port = startEngineWithMetrics();
        HttpResponse<String> r = get("http://127.0.0.1:" + port + "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("llm_session_sessions{assistant=\"claude-code\",state=")
                .contains("llm_session_tokens{assistant=\"claude-code\",id=\"claude_" + SESSION + "\"")
                .contains("kind=\"output\"").endsWith("# EOF\n")
                // figures and names only: no path of the project or of the transcript
                .doesNotContain(workDir.toString()).doesNotContain(home.toString());
        JarRun status = JarRun.run(home, Files.createTempDirectory(tmp, "status"), 60, "daemon", "status", "--json");
        assertThat(JSON.readTree(status.out()).get("pid").asLong()).isEqualTo(engine.pid());
        JarRun stopped = JarRun.run(home, Files.createTempDirectory(tmp, "stop"), 60, "daemon", "stop");
        assertThat(stopped.out()).isEqualTo("Engine stopped (pid " + engine.pid() + ").\n");
        assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(engine.exitValue()).isZero();
        assertThat(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.discarding())).as("the endpoint closed with the engine")
                .failsWithin(Duration.ofSeconds(30));
    }

    /** {@code daemon status --json} of the engine serving {@code home}. */
    private JsonNode status() throws Exception {
        JarRun status = JarRun.run(home, Files.createTempDirectory(tmp, "status"), 60, "daemon", "status", "--json");
        assertThat(status.code()).as(status.err()).isZero();
        return JSON.readTree(status.out());
    }

    @Test
    void daemonStartServesMetricsFromTheLibraryItsCommandsUse() throws Exception {
        JarRun started = JarRun.run(home, Files.createTempDirectory(tmp, "start"), 60, "daemon", "start", "--metrics",
                "127.0.0.1:0");
        assertThat(started.code()).as(started.err()).isZero();
        Matcher logged = Pattern.compile("its log says where: (.+)\\)\\.").matcher(started.out());
        assertThat(logged.find()).as(started.out()).isTrue();
        Path log = Path.of(logged.group(1));
        try {
            int port = Await.until(() -> "the engine to say where it serves: " + read(log), DEADLINE, POLL, () -> {
                Matcher m = SERVING.matcher(read(log));
                return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
            });
            assertThat(status().get("configurations").asInt()).as("no library before anything asked").isZero();
            assertThat(get("http://127.0.0.1:" + port + "/metrics").body())
                    .contains("id=\"claude_" + SESSION + "\"");
            assertThat(status().get("configurations").asInt()).as("the scrape built the engine's resident library")
                    .isEqualTo(1);
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                    "java").toString(), "-cp", System.getProperty("llmsession.cli.jar", "target/llm-session.jar"),
                    "dev.llmsession.cli.client.EngineClient", "list", "--json"));
            ProcessBuilder client = new ProcessBuilder(command).redirectErrorStream(true);
            client.environment().keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("XDG_")
                    || k.startsWith("LLM_SESSION"));
            client.environment().put("HOME", home.toString());
            client.environment().put("CI", "1");
            Process list = client.start();
            String listed = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(list.exitValue()).as(listed).isZero();
            assertThat(listed).contains(SESSION);
            JsonNode after = status();
            assertThat(after.get("commandsServed").asLong()).as("the list ran in the engine").isEqualTo(1);
            assertThat(after.get("configurations").asInt()).as("on the library the scrape used").isEqualTo(1);
        } finally {
            JarRun.run(home, Files.createTempDirectory(tmp, "stop"), 60, "daemon", "stop");
        }
    }

    @Test
    void aScrapeCountsAsACommandForTheIdleExit() throws Exception {
        Path config = Files.createDirectories(home.resolve(".config/llm-session")).resolve("config.yaml");
        Files.writeString(config, "daemon:\n  idle: 4s\n");
        int port = startEngineWithMetrics();
        long scrapeUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < scrapeUntil) {
            assertThat(get("http://127.0.0.1:" + port + "/metrics").statusCode()).isEqualTo(200);
            assertThat(engine.isAlive()).as("scraped, the engine outlives its 4 s idle time").isTrue();
            Thread.sleep(500);
        }
        assertThat(engine.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("unscraped, it exits when idle").isTrue();
        assertThat(engine.exitValue()).isZero();
        assertThat(Files.readString(tmp.resolve("engine.err"))).contains("stopped: idle for PT4S");
    }

    @Test
    void aRealPrometheusScrapesTheEngine() throws Exception {
        Optional<Path> binary = prometheusBinary();
        Assumptions.assumeTrue(binary.isPresent(),
                "no prometheus binary on PATH: install Debian's package (apt-get install prometheus; .ci/run does)");
        int port = startEngineWithMetrics();
        int web;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            web = free.getLocalPort();
        }
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 2s
                  scrape_timeout: 2s
                scrape_configs:
                  - job_name: llm-session
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(port));
        prometheus = new ProcessBuilder(binary.get().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(tmp.resolve("tsdb")),
                "--web.listen-address=127.0.0.1:" + web)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();

        // a first scrape may time out while the engine's JIT is cold: awaited is one that succeeded
        JsonNode up = awaitSeries(web, "up{job=\"llm-session\"} == 1");
        assertThat(up).as("Prometheus reached the endpoint").hasSize(1);
        JsonNode tokens = awaitSeries(web, "llm_session_tokens{kind=\"output\"}");
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).get("metric").get("id").asText()).isEqualTo("claude_" + SESSION);
        assertThat(tokens.get(0).get("metric").get("assistant").asText()).isEqualTo("claude-code");
        assertThat(Double.parseDouble(tokens.get(0).get("value").get(1).asText())).isPositive();
        JsonNode sessions = awaitSeries(web, "sum(llm_session_sessions)");
        assertThat(sessions.get(0).get("value").get(1).asText()).isEqualTo("1");
    }

    /** The result vector of {@code query} once Prometheus has a sample for it. */
    private JsonNode awaitSeries(int web, String query) throws Exception {
        String url = "http://127.0.0.1:" + web + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        String[] last = {""};
        return Await.until(() -> "a sample of " + query + "; last answer: " + last[0] + "; log: "
                + read(tmp.resolve("prometheus.log")), DEADLINE, Duration.ofMillis(250), () -> {
                    assertThat(prometheus.isAlive()).as("prometheus runs: %s", tmp.resolve("prometheus.log")).isTrue();
                    try {
                        HttpResponse<String> r = get(url);
                        last[0] = r.body();
                        JsonNode result = JSON.readTree(last[0]).path("data").path("result");
                        return r.statusCode() == 200 && result.isArray() && !result.isEmpty() ? Optional.of(result)
                                : Optional.empty();
                    } catch (IOException e) {
                        last[0] = e.toString(); // not listening yet
                        return Optional.empty();
                    }
                });
    }

    private static Optional<Path> prometheusBinary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, "prometheus")).filter(Files::isExecutable).findFirst();
    }
}
