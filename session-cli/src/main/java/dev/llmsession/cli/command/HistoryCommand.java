package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.LlmSessions;
import dev.llmsession.api.HistoryQuery;
import dev.llmsession.api.HistoryReport;
import dev.llmsession.api.SessionHistory;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.model.Session;
import dev.llmsession.model.StoredContext;
import dev.llmsession.spi.TeamStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm-session history}: every session the store has seen, including those whose transcripts the
 * assistant has since deleted. Refreshes first, so what is on disk now is in it too.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Sessions seen over time, from the local store (--since, --project, --assistant), and the "
                + "context packs imported from them.")
public final class HistoryCommand extends BaseCommand {
    @Mixin
    SessionFilterOptions filter;

    @Option(names = "--project", paramLabel = "NAME", description = "Only this project (last element of the cwd).")
    String project;


    @Option(names = "--team", description = "Every machine's sessions from the team database (docs/team.md).")
    boolean team;

    private final TeamAccess teamAccess;

    @Inject
    HistoryCommand(Provider<LlmSessions> sessions, CliEnvironment environment, TeamAccess teamAccess) {
        super(sessions, environment);
        this.teamAccess = teamAccess;
    }

    @Override
    public Integer call() {
        Instant now = environment().clock().instant();
        Optional<Instant> from = filter.since(now, WhenText.zone(null, environment()));
        if (team) {
            return printTeam(teamAccess, new TeamStore.Query(from, Optional.ofNullable(project)
                    .filter(p -> !p.isBlank()), Optional.empty(), Optional.empty()), true, filter.assistant(), now);
        }
        Optional<SessionHistory> history = sessions().history();
        if (history.isEmpty()) {
            err().println("llm-session: history needs the store, and none is active (llm-session providers says why)");
            err().flush();
            return 1;
        }
        HistoryReport report = history.get().history(new HistoryQuery(from,
                Optional.ofNullable(project).filter(p -> !p.isBlank()), filter.assistant()));
        warn(report.warnings());
        List<Session> rows = filter.limit(report.sessions());
        List<StoredContext> packs = report.imported();
        if (global.json()) {
            ArrayNode array = SessionJson.list(rows, assess(rows)::get, now);
            // each session lists the context packs imported from it (SPEC §2: fields are only ever added)
            for (JsonNode element : array) {
                ArrayNode imported = ((ObjectNode) element).putArray("importedContexts");
                packs.stream().filter(c -> c.sourceId().equals(element.get("id").asText())).forEach(c -> imported
                        .addObject().put("sha256", c.sha256()).put("importedAt", SessionJson.iso(c.importedAt()))
                        .put("exportedAt", SessionJson.iso(c.exportedAt())).put("file", c.file()));
            }
            printJson(array);
            return 0;
        }
        int code = printSessions(rows, assess(rows), now, "No sessions in the store"
                + (from.isPresent() ? " since " + SessionJson.iso(from.get()) : "")
                + ". `llm-session doctor` shows where they were looked for.",
                Optional.of(WhenText.zone(null, environment())));
        if (!packs.isEmpty()) {
            List<String> lines = new ArrayList<>();
            lines.add("");
            lines.add("Imported context packs (newest first):");
            for (StoredContext c : packs) {
                lines.add("  " + c.sha256().substring(0, 12) + "  from " + c.sourceId() + "  exported "
                        + SessionJson.iso(c.exportedAt()) + "  imported " + SessionJson.iso(c.importedAt()) + "  "
                        + c.file());
            }
            print(lines);
        }
        return code;
    }
}
