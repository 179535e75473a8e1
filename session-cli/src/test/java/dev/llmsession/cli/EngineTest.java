package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.FoundProviders;
import dev.llmsession.cli.client.EngineAddress;
import dev.llmsession.cli.client.EngineClient;
import dev.llmsession.cli.client.Wire;
import dev.llmsession.cli.command.CliEnvironment;
import dev.llmsession.cli.command.ProviderSource;
import dev.llmsession.cli.engine.CommandRunner;
import dev.llmsession.cli.engine.Engine;
import dev.llmsession.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine in this JVM on a temp HOME holding the real sample session, with the real Claude Code adapter and
 * SQLite store: every command it serves prints byte for byte what the in-process run prints.
 */
class EngineTest {
    @TempDir
    Path root;

    private ContextHome home;
    private Map<String, String> env;
    private ProviderSource providers;
    private EngineAddress address;
    private final List<CompletableFuture<Integer>> engines = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        home = new ContextHome(root).withSample();
        env = new HashMap<>(Map.of("HOME", home.home.toString(), "LLM_SESSION_HOME", home.data.toString()));
        FoundProviders found = FoundProviders.load(EngineTest.class.getClassLoader());
        providers = ProviderSource.explicit(
                found.discoveries().stream().filter(p -> p.id().equals("claude-code")).toList(),
                List.of(new FakeHostProbeProvider()),
                found.stores().stream().filter(p -> p.id().equals("sqlite")).toList());
        address = EngineAddress.of(env, root, List.of());
    }

    @AfterEach
    void stopEngines() throws Exception {
        EngineClient.call(address, Wire.STOP, 2_000);
        for (CompletableFuture<Integer> e : engines) {
            e.get(20, TimeUnit.SECONDS);
        }
    }

    private CompletableFuture<Integer> start(Duration idle) throws InterruptedException {
        CompletableFuture<Integer> engine = CompletableFuture.supplyAsync(() -> new Engine(address, runner(), idle,
                new PrintWriter(new StringWriter())).run());
        engines.add(engine);
        awaitPing(engine);
        return engine;
    }

    /** What {@code daemon run} serves with, at the fixed clock and with this test's providers. */
    private CommandRunner runner() {
        return (request, shared, out, err) -> Main.run(new CliEnvironment(request.env(), request.userHome(),
                ContextHome.CLOCK, request.console(), providers, () -> 0, request::stdin), Optional.of(shared), out, err,
                request.args().toArray(String[]::new));
    }

    private void awaitPing(CompletableFuture<Integer> engine) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (EngineClient.call(address, Wire.PING, 1_000) == null) {
            assertThat(engine).as("engine still starting").isNotDone();
            assertThat(System.nanoTime()).as("engine answered in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private CliRun.Result viaEngine(Map<String, String> environment, String... args) {
        return viaEngine(environment, java.io.InputStream.nullInputStream(), args);
    }

    private CliRun.Result viaEngine(Map<String, String> environment, java.io.InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EngineClient.Outcome outcome = EngineClient.ask(EngineAddress.of(environment, root, List.of(args)),
                environment, root, args, stdin, out, err);
        return new CliRun.Result(outcome.code() == null ? -1 : outcome.code(), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    private CliRun.Result inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new CliEnvironment(env, home.home, ContextHome.CLOCK, false, providers),
                new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun.Result(code, out.toString(), err.toString());
    }

    @Test
    void everyServedCommandPrintsWhatTheInProcessRunPrints() throws Exception {
        start(Duration.ofHours(1));
        String id = ContextHome.SESSION.substring(0, 8);
        List<String[]> commands = List.of(
                new String[] {"list"}, new String[] {"list", "--all"}, new String[] {"list", "--all", "--json"},
                new String[] {"--ascii", "list", "--all"}, new String[] {"list", "--all", "--sort", "cost"},
                new String[] {"health", id}, new String[] {"health", id, "--json"},
                new String[] {"history"}, new String[] {"history", "--json"},
                new String[] {"usage", "daily"}, new String[] {"usage", "daily", "--json"},
                new String[] {"usage", "session"}, new String[] {"usage", "monthly", "--json"},
                new String[] {"providers"}, new String[] {"providers", "--json"}, new String[] {"doctor"},
                new String[] {"--help"}, new String[] {"--version"}, new String[] {"list", "--help"},
                new String[] {"list", "--bogus"}, new String[] {"health", "nope"}, new String[] {},
                new String[] {"completion", "bash"}, new String[] {"completion", "fish"},
                new String[] {"config", "path"}, new String[] {"config", "show"}, new String[] {"config", "show",
                    "--json"}, new String[] {"team"}, new String[] {"team", "status"},
                new String[] {"logs", id}, new String[] {"logs", id, "-n", "2"}, new String[] {"logs", "nope"},
                new String[] {"wait", "--for", "ended", id}, new String[] {"wait", "--for", "idle", "--timeout", "1s"});
        for (String[] args : commands) {
            // The engine first, so the in-process run cannot have warmed anything for it.
            CliRun.Result engine = withoutStoreSize(viaEngine(env, args));
            CliRun.Result local = withoutStoreSize(inProcess(args));
            assertThat(engine).as(String.join(" ", args)).isEqualTo(local);
        }
        assertThat(inProcess("list", "--all").out()).contains("claude_4d561");
    }

    @Test
    void waitingCommandsTakeNoTurn_andOneWhoseClientLeftIsInterrupted() throws Exception {
        start(Duration.ofHours(1));
        // more waits than the engine has turns (no session runs here: "any idle" never comes)
        int waits = Math.max(2, Runtime.getRuntime().availableProcessors()) + 1;
        ExecutorService clients = Executors.newFixedThreadPool(waits);
        try {
            List<Future<CliRun.Result>> waiting = new ArrayList<>();
            for (int i = 0; i < waits; i++) {
                waiting.add(clients.submit(() -> viaEngine(env, "wait", "--for", "idle")));
            }
            Await.until(() -> "every wait running in the engine", Duration.ofSeconds(30), Duration.ofMillis(20),
                    () -> Optional.of(running()).filter(n -> n == waits));
            assertThat(viaEngine(env, "list", "--all").out()).as("served beside the waits")
                    .contains("claude_4d561");

            clients.shutdownNow(); // each client's read is interrupted: its socket closes
            Await.until(() -> "the engine's waits ended after their clients left", Duration.ofSeconds(30),
                    Duration.ofMillis(50), () -> Optional.of(running()).filter(n -> n == 0));
            waiting.forEach(w -> assertThat(w).isDone());
        } finally {
            clients.shutdownNow();
        }
    }

    /** Commands the engine is running now, as {@code daemon status} counts them. */
    private int running() throws IOException {
        String status = EngineClient.call(address, Wire.STATUS, 2_000);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(status).get("commandsRunning").asInt();
    }

    /** doctor reports the store's size, which every run (this one, then the other) changes. */
    private static CliRun.Result withoutStoreSize(CliRun.Result r) {
        return new CliRun.Result(r.code(), r.out().replaceAll("(?m)^(\\s*)size: [^\\n]*", "$1size: (varies)"), r.err());
    }

    @Test
    void aCommandThatReadsStandardInputIsSentTheClientsAndOthersAreNot() throws Exception {
        start(Duration.ofHours(1));
        byte[] payload = ("{\"session_id\":\"" + ContextHome.SESSION + "\",\"model\":{\"id\":\"claude-opus-4-6\","
                + "\"display_name\":\"Opus 4.6\"},\"cost\":{\"total_cost_usd\":12.5},\"context_window\":{"
                + "\"context_window_size\":1000000,\"current_usage\":{\"input_tokens\":10,\"output_tokens\":5,"
                + "\"cache_creation_input_tokens\":50,\"cache_read_input_tokens\":105999}}}\n")
                .getBytes(StandardCharsets.UTF_8);
        CliRun.Result engine = viaEngine(env, new java.io.ByteArrayInputStream(payload), "statusline");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new CliEnvironment(env, home.home, ContextHome.CLOCK, false, providers, () -> 0,
                () -> new java.io.ByteArrayInputStream(payload)), new PrintWriter(out), new PrintWriter(err),
                "statusline");
        assertThat(engine).isEqualTo(new CliRun.Result(code, out.toString(), err.toString()));
        assertThat(engine.out()).as("the line rendered from the payload sent").contains("$12.50");

        // a command that never reads it is not sent it: a client whose input never ends is not held up
        java.io.InputStream never = new java.io.InputStream() {
            @Override
            public int read() {
                throw new AssertionError("standard input read by a command that does not use it");
            }
        };
        assertThat(viaEngine(env, never, "list", "--all").code()).isZero();
    }

    @Test
    void commandsThatNeedTheCallersTerminalOrFilesRunInTheCallersJvm() throws Exception {
        start(Duration.ofHours(1));
        for (String[] args : List.of(new String[] {"monitor"}, new String[] {"tokens", "."},
                new String[] {"export", "4d56"}, new String[] {"daemon", "status"}, new String[] {"--verbose", "list"})) {
            CliRun.Result r = viaEngine(env, args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(-1);
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aClientOfAnotherHomeIsNotServedThisHomesSessions() throws Exception {
        start(Duration.ofHours(1));
        assertThat(viaEngine(env, "list", "--all").out()).contains("claude_4d561");
        Map<String, String> other = new HashMap<>(env);
        other.put("HOME", root.resolve("other-home").toString());
        EngineAddress otherAddress = EngineAddress.of(other, root, List.of());
        assertThat(otherAddress.key()).isNotEqualTo(address.key());
        // Same data directory, so the same socket folder: only the world's hash tells the two apart.
        assertThat(otherAddress.directory()).isEqualTo(address.directory());
        CliRun.Result r = viaEngine(other, "list", "--all");
        assertThat(r.code()).isEqualTo(-1);
        assertThat(r.out()).isEmpty();
        Map<String, String> otherConfig = new HashMap<>(env);
        otherConfig.put("CLAUDE_CONFIG_DIR", root.resolve("elsewhere").toString());
        assertThat(viaEngine(otherConfig, "list", "--all").code()).isEqualTo(-1);
        assertThat(viaEngine(env, "--data-dir", "x", "list").code()).as("another --data-dir").isEqualTo(-1);
    }

    @Test
    void socketIsOwnerOnlyInAnOwnerOnlyFolder() throws Exception {
        start(Duration.ofHours(1));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(address.directory())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(address.socket())))
                .isEqualTo("rw-------");
    }

    @Test
    void aFolderOpenToOthersIsRefusedByEngineAndClient() throws Exception {
        Files.createDirectories(address.directory());
        Files.setPosixFilePermissions(address.directory(), PosixFilePermissions.fromString("rwxrwxrwx"));
        StringWriter log = new StringWriter();
        int code = new Engine(address, runner(), Duration.ofHours(1), new PrintWriter(log)).run();
        assertThat(code).isEqualTo(1);
        assertThat(log.toString()).contains("open to others");
        Files.createFile(address.socket());
        assertThat(EngineClient.ask(address, env, root, new String[] {"list"}, new ByteArrayOutputStream(),
                new ByteArrayOutputStream()).problem()).contains("open to others");
    }

    @Test
    void aStaleSocketIsReplaced() throws Exception {
        Files.createDirectories(address.directory());
        Files.setPosixFilePermissions(address.directory(), PosixFilePermissions.fromString("rwx------"));
        // A socket file left by an engine that died: nobody listens on it.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(address.socket()));
        }
        assertThat(address.socket()).exists();
        EngineClient.Outcome refused = EngineClient.ask(address, env, root, new String[] {"list"},
                new ByteArrayOutputStream(), new ByteArrayOutputStream());
        assertThat(refused.code()).isNull();
        assertThat(refused.problem()).contains("not running");
        assertThat(refused.mayStart()).isTrue();
        start(Duration.ofHours(1));
        assertThat(viaEngine(env, "list", "--all").out()).contains("claude_4d561");
    }

    @Test
    void twoEnginesRacedForOneWorldOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> raced = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                raced.add(pool.submit(() -> new Engine(address, runner(), Duration.ofHours(1),
                        new PrintWriter(new StringWriter())).run()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (raced.stream().noneMatch(Future::isDone)) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(10);
            }
            Future<Integer> loser = raced.stream().filter(Future::isDone).findFirst().orElseThrow();
            assertThat(loser.get()).as("the loser says another engine serves the world").isEqualTo(4);
            assertThat(viaEngine(env, "list", "--all").out()).contains("claude_4d561");
            EngineClient.call(address, Wire.STOP, 2_000);
            for (Future<Integer> f : raced) {
                assertThat(f.get(20, TimeUnit.SECONDS)).isIn(0, 4);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoHundredConcurrentClientsAllGetTheFullAnswer() throws Exception {
        start(Duration.ofHours(1));
        String expected = inProcess("list", "--all", "--json").out();
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            List<Future<CliRun.Result>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(pool.submit(() -> viaEngine(env, "list", "--all", "--json")));
            }
            for (Future<CliRun.Result> a : answers) {
                CliRun.Result r = a.get(120, TimeUnit.SECONDS);
                assertThat(r.code()).isZero();
                assertThat(r.out()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void exitsWhenIdleAndRemovesItsSocket() throws Exception {
        CompletableFuture<Integer> engine = start(Duration.ofMillis(300));
        assertThat(engine.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(address.socket()).doesNotExist();
    }

    @Test
    void stepsDownForAClientOfAnotherBuild() throws Exception {
        CompletableFuture<Integer> engine = start(Duration.ofHours(1));
        System.setProperty(EngineClient.BUILD_PROPERTY, "another-build");
        EngineClient.Outcome outcome;
        try {
            outcome = EngineClient.ask(address, env, root, new String[] {"list"}, new ByteArrayOutputStream(),
                    new ByteArrayOutputStream());
        } finally {
            System.clearProperty(EngineClient.BUILD_PROPERTY);
        }
        assertThat(outcome.code()).isNull();
        assertThat(outcome.mayStart()).as("the new build may start its own engine").isTrue();
        assertThat(engine.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(address.socket()).doesNotExist();
    }

    @Test
    void aHungEngineCostsOneLineAndTheCommandRunsHere() throws Exception {
        Files.createDirectories(address.directory());
        Files.setPosixFilePermissions(address.directory(), PosixFilePermissions.fromString("rwx------"));
        // Listens, never answers: a stopped (SIGSTOP) or wedged engine.
        try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            hung.bind(UnixDomainSocketAddress.of(address.socket()));
            long t0 = System.nanoTime();
            EngineClient.Outcome outcome = EngineClient.ask(address, env, root, new String[] {"list"},
                    new ByteArrayOutputStream(), new ByteArrayOutputStream());
            assertThat(outcome.code()).isNull();
            assertThat(outcome.problem()).contains("did not answer");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
