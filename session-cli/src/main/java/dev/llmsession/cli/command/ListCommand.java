package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.render.SessionOrder;
import dev.llmsession.cli.render.SessionTexts;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.spi.TeamStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code llm-session list}: the sessions running now, or also recently ended ones. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Sessions running now (default), or also ended ones (--all, --since).")
public final class ListCommand extends BaseCommand {
    @Option(names = {"-a", "--all"}, description = "Also sessions that have ended.")
    boolean all;

    /** {@code --since} implies {@code --all}. */
    @Mixin
    SessionFilterOptions filter;

    @Option(names = "--sort", paramLabel = "KEY",
            description = "health, context, cost, idle or started (default: most recent activity first).")
    SessionOrder sort;


    @Option(names = "--team", description = "Every machine's sessions from the team database (docs/team.md).")
    boolean team;

    private final TeamAccess teamAccess;

    @Inject
    ListCommand(Provider<LlmSessions> sessions, CliEnvironment environment, TeamAccess teamAccess) {
        super(sessions, environment);
        this.teamAccess = teamAccess;
    }

    @Override
    public Integer call() {
        Instant now = environment().clock().instant();
        Optional<Instant> from = filter.since(now, WhenText.zone(null, environment()));
        if (team) {
            return printTeam(teamAccess, new TeamStore.Query(from, Optional.empty(), Optional.empty(),
                    Optional.empty()), all || from.isPresent(), filter.assistant(), now);
        }
        SessionQuery query = new SessionQuery(all || from.isPresent(), from,
                filter.assistant());
        LlmSessions lib = sessions();
        SessionListing listing = lib.catalog().list(query);
        warn(listing.warnings());
        Map<Session, HealthReport> health = assess(listing);
        List<Session> rows = filter.limit(sorted(listing.sessions(), health));
        if (global.json()) {
            printJson(SessionTexts.list(rows, health::get, now, Optional.of(officialLimits(now))));
            return 0;
        }
        int code = printSessions(rows, health, now, query.includeEnded()
                ? "No sessions found" + (from.isPresent() ? " since " + SessionJson.iso(from.get()) : "")
                        + ". `llm-session doctor` shows where they were looked for."
                : "No running sessions. `llm-session list --all` shows ended ones.");
        printOfficialLimits(now);
        return code;
    }

    private List<Session> sorted(List<Session> sessions, Map<Session, HealthReport> health) {
        return sort == null ? sessions : sort.sort(sessions, health::get);
    }
}
