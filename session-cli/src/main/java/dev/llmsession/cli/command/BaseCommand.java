package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmsession.LlmSessions;
import dev.llmsession.cli.render.LimitsLabel;
import dev.llmsession.TeamReports;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.render.SessionTexts;
import dev.llmsession.cli.render.SessionTable;
import dev.llmsession.cli.render.TeamView;
import dev.llmsession.cli.render.Terminal;
import dev.llmsession.api.SessionListing;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.spi.TeamStore;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the global options, the library (built on first use) and the output writers. */
abstract class BaseCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    private final Provider<LlmSessions> sessions;
    private final CliEnvironment environment;

    BaseCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The library, built (configuration read, providers created) on the first call. */
    LlmSessions sessions() {
        return sessions.get();
    }

    CliEnvironment environment() {
        return environment;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Terminal terminal() {
        return global.terminal(environment);
    }

    /** Human lines to stdout, ASCII-only when asked. */
    void print(List<String> lines) {
        Terminal t = terminal();
        lines.forEach(line -> out().println(t.sanitize(line)));
        out().flush();
    }

    void printJson(JsonNode node) {
        SessionJson.write(node, out());
        out().flush();
    }

    /**
     * Sessions as JSON or as the table (with the health {@code health} gives each), or {@code whenEmpty} when
     * there are none; the output every listing command shares.
     */
    int printSessions(List<Session> rows, Map<Session, HealthReport> health, Instant now, String whenEmpty) {
        return printSessions(rows, health, now, whenEmpty, java.util.Optional.empty());
    }

    /** As above; with {@code dates}, the table starts each row with its last activity's date in that zone. */
    int printSessions(List<Session> rows, Map<Session, HealthReport> health, Instant now, String whenEmpty,
            java.util.Optional<java.time.ZoneId> dates) {
        if (global.json()) {
            printJson(SessionTexts.list(rows, health::get, now, java.util.Optional.empty()));
        } else if (rows.isEmpty()) {
            print(List.of(whenEmpty));
        } else {
            print(SessionTable.render(rows, health::get, now, terminal(), dates));
        }
        return 0;
    }

    /**
     * The team database's sessions (all of them, or the live ones), scored like local ones, as JSON or as the team
     * table; the output {@code list --team} and {@code history --team} share.
     */
    int printTeam(TeamAccess team, TeamStore.Query query, boolean ended, Optional<String> assistant, Instant now) {
        List<TeamReports.Row> rows;
        try (TeamStore store = team.open()) {
            rows = new TeamReports(store, sessions().health(), environment.clock()).sessions(query, ended).stream()
                    .filter(r -> assistant.isEmpty() || assistant.get().equals(r.session().assistant()))
                    .toList();
        }
        if (global.json()) {
            printJson(TeamView.json(rows, now));
        } else if (rows.isEmpty()) {
            print(List.of(ended ? "No sessions in the team database." : "No running sessions in the team database. "
                    + "`llm-session list --team --all` shows ended ones."));
        } else {
            print(TeamView.table(rows, now, terminal()));
        }
        return 0;
    }

    /** Each session's health at this run's clock, by identity. */
    /** Each listed session's health as its refresh scored it; one the refresh did not score is scored now. */
    Map<Session, HealthReport> assess(SessionListing listing) {
        Map<Session, HealthReport> health = new IdentityHashMap<>();
        listing.sessions().forEach(s -> health.put(s, listing.health(s)
                .orElseGet(() -> sessions().health().assess(s))));
        return health;
    }

    Map<Session, HealthReport> assess(List<Session> sessions) {
        Map<Session, HealthReport> health = new IdentityHashMap<>();
        sessions.forEach(s -> health.put(s, sessions().health().assess(s)));
        return health;
    }

    /**
     * The official plan-limits line (Claude Code's status line, once {@code integrate claude} is installed) for
     * human output, or nothing; JSON output is left as it is.
     */
    void printOfficialLimits(Instant now) {
        if (!global.json()) {
            sessions().planLimits(now).ifPresent(l -> print(List.of(LimitsLabel.of(l, now, ZoneId.systemDefault()))));
        }
    }

    /**
     * Each session's official plan limits: those its own assistant reported (looked up once per assistant), or
     * none; for {@code officialLimits} in JSON output.
     */
    java.util.function.Function<Session, Optional<dev.llmsession.model.PlanLimits>> officialLimits(Instant now) {
        Map<String, Optional<dev.llmsession.model.PlanLimits>> byAssistant = new java.util.HashMap<>();
        return s -> byAssistant.computeIfAbsent(s.assistant(), a -> sessions().planLimits(a, now));
    }

    /** Adapter warnings: one line each, always on stderr. */
    void warn(List<String> warnings) {
        Terminal t = terminal();
        warnings.forEach(w -> err().println(t.sanitize("llm-session: warning: " + Failures.oneLine(w))));
        err().flush();
    }
}
