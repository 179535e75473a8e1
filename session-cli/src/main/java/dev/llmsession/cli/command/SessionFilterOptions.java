package dev.llmsession.cli.command;

import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --since} and {@code --assistant}, shared by the commands that list sessions. */
public final class SessionFilterOptions {
    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only sessions active since then: " + WhenText.FORMS + ".")
    String since;

    @Option(names = "--assistant", paramLabel = "ID", description = "Only this assistant's sessions (claude-code).")
    String assistant;

    /** The {@code --since} instant (a day from its midnight in {@code zone}); a bad value is a usage error. */
    Optional<Instant> since(Instant now, java.time.ZoneId zone) {
        return Optional.ofNullable(since).map(s -> WhenText.instant("--since", s, now, zone));
    }

    Optional<String> assistant() {
        return Optional.ofNullable(assistant).filter(a -> !a.isBlank());
    }
}
