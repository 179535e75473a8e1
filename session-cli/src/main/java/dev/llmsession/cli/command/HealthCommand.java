package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.render.HealthView;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code llm-session health <id>}: the health breakdown of one session. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Health breakdown, context left and recommendations of one session.")
public final class HealthCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "A session id or any unique prefix of it.")
    String id;

    @Inject
    HealthCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    @Override
    public Integer call() {
        LlmSessions lib = sessions();
        Session session = lib.catalog().resolve(id);
        HealthReport report = lib.health().assess(session);
        if (global.json()) {
            printJson(SessionJson.health(session, report, environment().clock().instant()));
        } else {
            print(HealthView.render(session, report, terminal()));
            printOfficialLimits(environment().clock().instant());
        }
        return 0;
    }
}
