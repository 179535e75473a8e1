package dev.llmsession.cli.command;

import dev.llmsession.cli.config.DurationText;
import dev.llmsession.error.UsageException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --since} and {@code --assistant}, shared by the commands that list sessions. */
public final class SessionFilterOptions {
    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only sessions active since then: 2h, 30m, 7d or an ISO instant.")
    String since;

    @Option(names = "--assistant", paramLabel = "ID", description = "Only this assistant's sessions (claude-code).")
    String assistant;

    /** The {@code --since} instant, counted back from {@code now}; a bad value is a usage error. */
    Optional<Instant> since(Instant now) {
        return Optional.ofNullable(since).map(s -> parseSince(s, now));
    }

    Optional<String> assistant() {
        return Optional.ofNullable(assistant).filter(a -> !a.isBlank());
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
