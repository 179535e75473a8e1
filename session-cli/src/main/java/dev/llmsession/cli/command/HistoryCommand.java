package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.model.Session;
import dev.llmsession.spi.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Instant;
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
        description = "Sessions seen over time, from the local store (--since, --project, --assistant).")
public final class HistoryCommand extends BaseCommand {
    @Mixin
    SessionFilterOptions filter;

    @Option(names = "--project", paramLabel = "NAME", description = "Only this project (last element of the cwd).")
    String project;


    @Inject
    HistoryCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    @Override
    public Integer call() {
        Instant now = environment().clock().instant();
        Optional<Instant> from = filter.since(now);
        LlmSessions lib = sessions();
        Optional<SessionStore> store = lib.store();
        if (store.isEmpty()) {
            err().println("llm-session: history needs the store, and none is active (llm-session providers says why)");
            err().flush();
            return 1;
        }
        SessionListing refresh = lib.catalog().list(SessionQuery.ALL);
        warn(refresh.warnings());
        List<Session> rows = store.get().history(new SessionStore.HistoryQuery(from,
                Optional.ofNullable(project).filter(p -> !p.isBlank()),
                filter.assistant()));
        return printSessions(rows, assess(rows), now, "No sessions in the store"
                + (from.isPresent() ? " since " + SessionJson.iso(from.get()) : "")
                + ". `llm-session doctor` shows where they were looked for.");
    }
}
