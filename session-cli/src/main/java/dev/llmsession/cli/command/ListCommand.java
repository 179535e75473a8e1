package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.cli.config.DurationText;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.render.SessionTable;
import dev.llmsession.error.UsageException;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llm-session list}: the sessions running now, or also recently ended ones. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Sessions running now (default), or also ended ones (--all, --since).")
public final class ListCommand extends BaseCommand {
    /** Sort keys of {@code --sort}. */
    enum SortKey { health, context, cost, idle, started }

    @Option(names = {"-a", "--all"}, description = "Also sessions that have ended.")
    boolean all;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only sessions active since then: 2h, 30m, 7d or an ISO instant; implies --all.")
    String since;

    @Option(names = "--sort", paramLabel = "KEY",
            description = "health, context, cost, idle or started (default: most recent activity first).")
    SortKey sort;

    @Option(names = "--assistant", paramLabel = "ID", description = "Only this assistant's sessions (claude-code).")
    String assistant;

    @Inject
    ListCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    @Override
    public Integer call() {
        Instant now = environment().clock().instant();
        Optional<Instant> from = Optional.ofNullable(since).map(s -> parseSince(s, now));
        SessionQuery query = new SessionQuery(all || from.isPresent(), from,
                Optional.ofNullable(assistant).filter(a -> !a.isBlank()));
        LlmSessions lib = sessions();
        SessionListing listing = lib.catalog().list(query);
        warn(listing.warnings());
        Map<Session, HealthReport> health = new IdentityHashMap<>();
        listing.sessions().forEach(s -> health.put(s, lib.health().assess(s)));
        List<Session> rows = sorted(listing.sessions(), health);
        if (global.json()) {
            printJson(SessionJson.list(rows, health::get, now));
            return 0;
        }
        if (rows.isEmpty()) {
            print(List.of(query.includeEnded()
                    ? "No sessions found" + (from.isPresent() ? " since " + SessionJson.iso(from.get()) : "")
                            + ". `llm-session doctor` shows where they were looked for."
                    : "No running sessions. `llm-session list --all` shows ended ones."));
            return 0;
        }
        print(SessionTable.render(rows, health::get, now, terminal()));
        return 0;
    }

    private List<Session> sorted(List<Session> sessions, Map<Session, HealthReport> health) {
        List<Session> rows = new ArrayList<>(sessions);
        if (sort == null) {
            return rows;
        }
        Comparator<Session> order = switch (sort) {
            case health -> Comparator.comparingInt(
                    s -> health.get(s).score().isPresent() ? health.get(s).score().getAsInt() : Integer.MAX_VALUE);
            case context -> Comparator.comparingDouble(
                    s -> s.context().percent().isPresent() ? -s.context().percent().getAsDouble() : Double.MAX_VALUE);
            case cost -> Comparator.comparingDouble(
                    s -> s.cost().usd().isPresent() ? -s.cost().usd().getAsDouble() : Double.MAX_VALUE);
            case idle -> Comparator.comparing(Session::lastActivityAt);
            case started -> Comparator.comparing(Session::startedAt).reversed();
        };
        rows.sort(order);
        return rows;
    }

    /** {@code 2h} back from now, or an ISO instant. */
    static Instant parseSince(String text, Instant now) {
        String t = text.strip();
        if (t.length() > 10 && Character.isDigit(t.charAt(0)) && t.contains("T")) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new UsageException("invalid --since '" + text + "': not an ISO instant like 2026-02-12T16:00:00Z");
            }
        }
        try {
            return now.minus(DurationText.parse(t));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid --since '" + text + "': expected 2h, 30m, 7d or an ISO instant"
                    + " like 2026-02-12T16:00:00Z");
        }
    }
}
