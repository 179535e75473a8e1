package dev.llmsession.cli.command;

import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --since}, {@code --assistant} and {@code --limit}, shared by the commands that list sessions. */
public final class SessionFilterOptions {
    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only sessions active since then: " + WhenText.FORMS + ".")
    String since;

    @Option(names = "--assistant", paramLabel = "ID", description = "Only this assistant's sessions (claude-code).")
    String assistant;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N rows (in the order shown).")
    Integer limit;

    /** The first {@code --limit} of {@code rows}; all of them without the option; a limit below 1 is a usage error. */
    <T> java.util.List<T> limit(java.util.List<T> rows) {
        if (limit == null) {
            return rows;
        }
        if (limit < 1) {
            throw new dev.llmsession.error.UsageException("--limit must be at least 1, got " + limit);
        }
        return rows.size() <= limit ? rows : rows.subList(0, limit);
    }

    /** The {@code --since} instant (a day from its midnight in {@code zone}); a bad value is a usage error. */
    Optional<Instant> since(Instant now, java.time.ZoneId zone) {
        return Optional.ofNullable(since).map(s -> WhenText.instant("--since", s, now, zone));
    }

    Optional<String> assistant() {
        return Optional.ofNullable(assistant).filter(a -> !a.isBlank());
    }
}
