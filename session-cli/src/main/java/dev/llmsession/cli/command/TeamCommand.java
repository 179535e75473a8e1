package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.LlmSessions;
import dev.llmsession.TeamSync;
import dev.llmsession.api.Refreshed;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.cli.metrics.MetricsEndpoint;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.error.LlmSessionException;
import dev.llmsession.spi.TeamStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code llm-session team sync|status}: push this machine's sessions, samples and usage to the team database, and
 * say what is still waiting. The push itself is the core's {@link TeamSync}, which an engine can run periodically.
 */
@Command(name = "team", mixinStandardHelpOptions = true,
        description = "The team database (config.yaml team: section; docs/team.md).",
        subcommands = {TeamCommand.Sync.class, TeamCommand.Status.class, TeamCommand.Metrics.class})
public final class TeamCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "team needs a subcommand: sync, status or metrics");
    }

    /** The use case for this run: the local store refreshed first, so new transcripts are part of the push. */
    static TeamSync teamSync(BaseCommand command, TeamAccess team) {
        LlmSessions lib = command.sessions();
        Refreshed<TeamSync> sync = lib.teamSync(team.ledger(), team.url(), team.machine(), team.user());
        command.warn(sync.warnings());
        return sync.value();
    }

    static String pending(TeamSync.Pending p) {
        return p.empty() ? "nothing pending" : "pending: " + p.sessions() + " session(s), " + p.samples()
                + " sample(s), " + p.usageSlices() + " usage slice(s) holding " + p.calls() + " call(s)";
    }

    static ObjectNode pendingJson(TeamSync.Pending p) {
        ObjectNode n = SessionJson.mapper().createObjectNode();
        n.put("sessions", p.sessions()).put("samples", p.samples()).put("usageSlices", p.usageSlices())
                .put("calls", p.calls()).put("acknowledged", p.acknowledged());
        return n;
    }

    /** {@code team sync}. */
    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Push this machine's sessions, samples and new usage to the team database (resumable).")
    public static final class Sync extends BaseCommand {
        private final TeamAccess team;

        @Inject
        Sync(Provider<LlmSessions> sessions, CliEnvironment environment, TeamAccess team) {
            super(sessions, environment);
            this.team = team;
        }

        @Override
        public Integer call() {
            TeamSync sync = teamSync(this, team);
            TeamSync.Result result;
            try (TeamStore store = team.open()) {
                result = sync.push(store);
            } catch (LlmSessionException e) {
                // unreachable or refused before anything moved: everything stays pending
                err().println(terminal().sanitize("llm-session: team sync: " + Failures.oneLine(e.getMessage())
                        + "; " + pending(sync.pending()) + ", kept for the next sync"));
                err().flush();
                return 1;
            }
            TeamSync.Pending left = sync.pending();
            if (global.json()) {
                ObjectNode n = SessionJson.mapper().createObjectNode();
                n.put("machine", team.machine()).put("user", team.user()).put("sessions", result.sessions())
                        .put("samples", result.samples()).put("usageSlices", result.usageSlices())
                        .put("batches", result.batches()).put("millis", result.millis());
                n.set("pending", pendingJson(left));
                result.failure().ifPresent(f -> n.put("failure", f));
                printJson(n);
            } else {
                List<String> lines = new ArrayList<>();
                lines.add("pushed " + result.sessions() + " session(s), " + result.samples() + " sample(s), "
                        + result.usageSlices() + " usage slice(s) in " + result.batches() + " transaction(s), "
                        + result.millis() + " ms, as " + team.machine() + " (" + team.user() + ")");
                lines.add(pending(left));
                print(lines);
            }
            if (result.failure().isPresent()) {
                err().println(terminal().sanitize("llm-session: team sync stopped: "
                        + Failures.oneLine(result.failure().get()) + "; the rest is kept for the next sync"));
                err().flush();
                return 1;
            }
            return 0;
        }
    }

    /** {@code team status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "What this machine has not pushed yet, and what the team database holds.")
    public static final class Status extends BaseCommand {
        private final TeamAccess team;

        @Inject
        Status(Provider<LlmSessions> sessions, CliEnvironment environment, TeamAccess team) {
            super(sessions, environment);
            this.team = team;
        }

        @Override
        public Integer call() {
            TeamSync.Pending pending = teamSync(this, team).pending();
            List<String> database = new ArrayList<>();
            Optional<String> unreachable = Optional.empty();
            try (TeamStore store = team.open()) {
                database.addAll(store.describe());
            } catch (LlmSessionException e) {
                unreachable = Optional.of(Failures.oneLine(e.getMessage()));
            }
            if (global.json()) {
                ObjectNode n = SessionJson.mapper().createObjectNode();
                n.put("machine", team.machine()).put("user", team.user()).put("ledger", team.ledger().toString());
                n.set("pending", pendingJson(pending));
                n.put("reachable", unreachable.isEmpty());
                unreachable.ifPresent(u -> n.put("error", u));
                database.forEach(n.putArray("database")::add);
                printJson(n);
            } else {
                List<String> lines = new ArrayList<>();
                lines.add("machine: " + team.machine() + ", user: " + team.user());
                lines.add(pending(pending) + " (ledger " + team.ledger() + ", " + pending.acknowledged()
                        + " entries acknowledged)");
                lines.addAll(database);
                unreachable.ifPresent(u -> lines.add("team database unreachable: " + u));
                print(lines);
            }
            return 0;
        }
    }

    /**
     * {@code team metrics --listen HOST:PORT}: this machine's live sessions as OpenMetrics on {@code /metrics}, until
     * interrupted; the endpoint itself is {@link MetricsEndpoint}, which an engine can host instead.
     */
    @Command(name = "metrics", mixinStandardHelpOptions = true,
            description = "Serve this machine's live sessions as OpenMetrics on http://HOST:PORT/metrics until stopped.")
    public static final class Metrics extends BaseCommand {
        @picocli.CommandLine.Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9464",
                description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
        String listen;

        @Inject
        Metrics(Provider<LlmSessions> sessions, CliEnvironment environment) {
            super(sessions, environment);
        }

        @Override
        public Integer call() throws Exception {
            InetSocketAddress address;
            try {
                address = MetricsEndpoint.parse(listen);
            } catch (IllegalArgumentException | java.io.IOException e) {
                throw new dev.llmsession.error.UsageException("invalid --listen '" + listen + "': " + e.getMessage());
            }
            try (MetricsEndpoint endpoint = MetricsEndpoint.start(address, MetricsEndpoint.liveSessions(sessions()))) {
                print(List.of("serving OpenMetrics on http://" + address.getAddress().getHostAddress() + ":"
                        + endpoint.port() + "/metrics (Ctrl-C stops)"));
                new java.util.concurrent.CountDownLatch(1).await(); // until the process is interrupted
            }
            return 0;
        }
    }
}
