package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.manage.Commands;
import dev.llmsession.cli.manage.ProcFs;
import dev.llmsession.cli.manage.Whereabouts;
import dev.llmsession.cli.render.Printable;
import dev.llmsession.error.DiscoveryException;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code llm-session attach <id>}: takes the user to the session's terminal. */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Takes you to a running session: in tmux, switches this tmux client to the session's pane; "
                + "a Claude Code background session is handed over to 'claude attach'; otherwise prints where the "
                + "session is (pid, tmux pane, tty, terminal, directory).",
            "Never types anything into the session."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:switched, handed over, or told where it is", "1:not running",
            "2:unknown or ambiguous id"})
public final class AttachCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "A session id or any unique prefix of it.")
    String id;

    @Inject
    AttachCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    @Override
    public Integer call() {
        LlmSessions lib = sessions();
        Session session = lib.catalog().resolve(id);
        SessionControl control = lib.control(session);
        if (!session.running()) {
            throw new DiscoveryException(session.id() + " is not running" + (control.resumeCommand().isEmpty() ? ""
                    : "; continue it with: llm-session resume " + session.id().shortValue()), null);
        }
        Whereabouts where = Whereabouts.of(session, control, new ProcFs());
        if (control.background() && !control.attachCommand().isEmpty()) {
            if (environment().console()) {
                return Commands.handOver(control.attachCommand(), control.cwd().map(Path::of));
            }
            print(Printable.inlineAll(List.of(session.id().shortValue() + " runs in the background; attach from a "
                    + "terminal with: " + Commands.shellLine(control.attachCommand()))));
            return 0;
        }
        Optional<String> notSwitched = where.switchClient(Optional.ofNullable(environment().get("TMUX")));
        if (notSwitched.isEmpty()) {
            print(Printable.inlineAll(List.of("Switched to " + session.id().shortValue() + " in tmux pane "
                    + where.pane().orElseThrow())));
            return 0;
        }
        List<String> lines = new ArrayList<>();
        lines.add(session.id().shortValue() + " cannot be switched to: " + notSwitched.get() + ". It is here:");
        where.describe().forEach(l -> lines.add("  " + l));
        print(Printable.inlineAll(lines));
        return 0;
    }
}
