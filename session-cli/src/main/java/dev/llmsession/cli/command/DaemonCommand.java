package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.LlmSessions;
import dev.llmsession.cli.client.EngineAddress;
import dev.llmsession.cli.client.EngineClient;
import dev.llmsession.cli.client.Wire;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.engine.CommandRunner;
import dev.llmsession.cli.engine.Engine;
import dev.llmsession.cli.engine.EngineProcess;
import dev.llmsession.cli.engine.ResidentLibrary;
import dev.llmsession.cli.metrics.MetricsEndpoint;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.error.DiscoveryException;
import dev.llmsession.error.UsageException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llm-session daemon run|start|stop|status}: the resident engine of this world (SPEC section 3.1). */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"The resident engine: keeps the index warm and answers every command of this world fast.",
            "run: in the foreground (for systemd or launchd); start: in the background, logging beside its socket;",
            "stop; status (pid, uptime, build, RSS, commands served). One engine per world: data directory,",
            "configuration, plugins, and the variables that name homes (HOME, XDG_*, CLAUDE_CONFIG_DIR, CODEX_HOME…).",
            "run|start --metrics also serves the world's live sessions as OpenMetrics for Prometheus",
            "(off by default)."})
public final class DaemonCommand extends BaseCommand {
    /** How long {@code start} waits for a new engine to answer. */
    static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final long CALL_TIMEOUT_MS = 3_000;

    /** What to do with the engine. */
    enum Action { run, start, stop, status }

    @Parameters(index = "0", paramLabel = "ACTION", description = "run, start, stop or status.")
    Action action;

    @Option(names = "--metrics", arity = "0..1", fallbackValue = "127.0.0.1:9464", paramLabel = "HOST:PORT",
            description = {"With run or start: serve this world's live sessions as OpenMetrics on",
                "http://HOST:PORT/metrics (${FALLBACK-VALUE} when no address is given; loopback only unless",
                "--metrics-public)."})
    String metrics;

    @Option(names = "--metrics-public", description = {"Let --metrics listen on an address other than loopback: the",
        "endpoint has no authentication, and project and model names are in its labels."})
    boolean metricsPublic;

    private final Provider<CliConfig> config;
    private final CommandRunner runner;
    private final Provider<ResidentLibrary> library;

    @Inject
    DaemonCommand(Provider<LlmSessions> sessions, CliEnvironment environment, Provider<CliConfig> config,
            CommandRunner runner, Provider<ResidentLibrary> library) {
        super(sessions, environment);
        this.config = config;
        this.runner = runner;
        this.library = library;
    }

    @Override
    public Integer call() {
        if (action != Action.run && action != Action.start && (metrics != null || metricsPublic)) {
            throw new UsageException("--metrics applies to daemon run and daemon start");
        }
        if (metricsPublic && metrics == null) {
            throw new UsageException("--metrics-public goes with --metrics HOST:PORT");
        }
        List<String> worldOptions = worldOptions();
        EngineAddress address = EngineAddress.of(environment().env(), Path.of("").toAbsolutePath(),
                worldOptions);
        return switch (action) {
            case run -> run(address);
            case start -> start(address, worldOptions);
            case stop -> stop(address);
            case status -> status(address);
        };
    }

    /** Serves in the foreground, with the metrics endpoint beside the socket when {@code --metrics} asks for it. */
    private int run(EngineAddress address) {
        Engine engine = new Engine(address, runner, config.get().engineIdle(), err());
        if (metrics == null) {
            return engine.run();
        }
        InetSocketAddress listen = metricsAddress();
        ResidentLibrary world = library.get();
        MetricsEndpoint endpoint;
        try {
            // A scrape is a client too: it keeps the engine from its idle exit; it reads the library the engine
            // keeps for this world, the one its commands use, not one of its own.
            endpoint = MetricsEndpoint.start(listen,
                    () -> engine.busy(resident -> MetricsEndpoint.liveSessions(world.in(resident)).get()));
        } catch (UncheckedIOException e) {
            throw new UsageException("cannot serve --metrics on " + metrics + ": " + e.getCause().getMessage());
        }
        try (endpoint) {
            err().println("llm-session: OpenMetrics on http://" + hostPort(listen, endpoint.port()) + "/metrics");
            err().flush();
            return engine.run();
        }
    }

    /** The {@code --metrics} address, refused when it is not loopback unless {@code --metrics-public} says so. */
    private InetSocketAddress metricsAddress() {
        InetSocketAddress listen;
        try {
            listen = MetricsEndpoint.parse(metrics);
        } catch (IllegalArgumentException | IOException e) {
            throw new UsageException("invalid --metrics '" + metrics + "': " + e.getMessage());
        }
        if (!listen.getAddress().isLoopbackAddress() && !metricsPublic) {
            throw new UsageException("--metrics " + metrics + " is not a loopback address: the endpoint has no "
                    + "authentication; add --metrics-public to serve it there anyway");
        }
        return listen;
    }

    private static String hostPort(InetSocketAddress listen, int port) {
        String host = listen.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The world options of this run, absolute, as {@code --name=value}. */
    private List<String> worldOptions() {
        List<String> out = new ArrayList<>();
        global.dataDir().ifPresent(d -> out.add("--data-dir=" + d.toAbsolutePath().normalize()));
        global.config().ifPresent(c -> out.add("--config=" + c.toAbsolutePath().normalize()));
        global.plugins().ifPresent(p -> out.add("--plugins=" + p.toAbsolutePath().normalize()));
        return out;
    }

    private int start(EngineAddress address, List<String> worldOptions) {
        List<String> runOptions = new ArrayList<>(worldOptions);
        if (metrics != null) {
            metricsAddress(); // refused here, in the foreground, rather than in the engine's log
            runOptions.add("--metrics=" + metrics);
            if (metricsPublic) {
                runOptions.add("--metrics-public");
            }
        }
        String pid = EngineClient.call(address, Wire.PING, CALL_TIMEOUT_MS);
        if (pid != null) {
            print(List.of("An engine already runs for this world (pid " + pid + ", " + address.socket() + ")."
                    + (metrics == null ? "" : " --metrics applies to a new engine: `llm-session daemon stop` first.")));
            return 0;
        }
        String unfit = address.prepareDirectory();
        if (unfit != null) {
            throw new UsageException("cannot start the engine: " + unfit);
        }
        Process process;
        try {
            process = EngineProcess.spawn(address, runOptions);
        } catch (IOException e) {
            throw new DiscoveryException("cannot start the engine: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            pid = EngineClient.call(address, Wire.PING, CALL_TIMEOUT_MS);
            if (pid != null) {
                print(List.of("Engine started (pid " + pid + ", " + address.socket() + ")."
                        + (metrics == null ? "" : " It serves OpenMetrics as --metrics " + metrics
                                + " asks (its log says where: " + address.log() + ").")));
                return 0;
            }
            if (!process.isAlive() && process.exitValue() != 4) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new DiscoveryException("the engine did not start; its log is " + address.log(), null);
    }

    private int stop(EngineAddress address) {
        String pid = EngineClient.call(address, Wire.STOP, CALL_TIMEOUT_MS);
        if (pid == null) {
            print(List.of("No engine runs for this world."));
            return 0;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(address.socket()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        print(List.of("Engine stopped (pid " + pid + ")."));
        return 0;
    }

    private int status(EngineAddress address) {
        String text = EngineClient.call(address, Wire.STATUS, CALL_TIMEOUT_MS);
        JsonNode status;
        try {
            status = text == null ? null : SessionJson.mapper().readTree(text);
        } catch (IOException e) {
            status = null;
        }
        if (status == null) {
            ObjectNode none = SessionJson.mapper().createObjectNode();
            none.put("running", false);
            none.put("socket", address.socket().toString());
            if (global.json()) {
                printJson(none);
            } else {
                print(List.of("No engine runs for this world (" + address.socket() + ")."));
            }
            return 0;
        }
        if (global.json()) {
            printJson(status);
            return 0;
        }
        JsonNode rss = status.get("rssBytes");
        print(List.of(
                "Engine pid " + status.get("pid").asText() + " · up " + status.get("uptimeSeconds").asLong() + " s"
                        + " · build " + status.get("build").asText(),
                "  socket     " + status.get("socket").asText(),
                "  served     " + status.get("commandsServed").asLong() + " commands ("
                        + status.get("commandsRunning").asLong() + " running now)",
                "  memory     " + (rss == null || rss.isNull() ? "unknown" : rss.asLong() / (1024 * 1024) + " MiB RSS"),
                "  idle exit  after " + status.get("idleExitSeconds").asLong() + " s without a command",
                "  sessions   " + status.path("sessionsTracked").asLong() + " tracked · last change seen "
                        + (status.path("lastChangeAt").isTextual() ? status.get("lastChangeAt").asText() : "never"),
                "  watch      " + watchMode(status.get("watch").asText())));
        return 0;
    }

    private static String watchMode(String mode) {
        return switch (mode) {
            case "events" -> "events (the OS tells the engine which files changed)";
            case "walk" -> "walk (no native file events here: each command re-reads every file's size and time)";
            default -> mode;
        };
    }
}
