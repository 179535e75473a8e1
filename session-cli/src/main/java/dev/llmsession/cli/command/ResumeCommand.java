package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.context.Brief;
import dev.llmsession.cli.context.ContextExports;
import dev.llmsession.cli.manage.Commands;
import dev.llmsession.cli.render.Printable;
import dev.llmsession.error.DiscoveryException;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llm-session resume <id>}: the command that continues a session, printed or run. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Prints the command that continues a session in its own directory (claude --resume <id>, "
                + "codex resume <id>, ...), or runs it there with --exec.",
            "--handoff starts a fresh session instead, primed with the session's exported context pack (redacted)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed (or, with --exec, the assistant's own exit code)",
            "1:the adapter does not know how to resume this assistant, or the export failed",
            "2:unknown or ambiguous id"})
public final class ResumeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "A session id or any unique prefix of it.")
    String id;

    @Option(names = "--exec", description = "Run the command in the session's directory instead of printing it.")
    boolean exec;

    @Option(names = "--handoff", description = "Start a fresh session primed with the exported context instead.")
    boolean handoff;

    @Inject
    ResumeCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    @Override
    public Integer call() {
        LlmSessions lib = sessions();
        Session session = lib.catalog().resolve(id);
        SessionControl control = lib.control(session);
        if (control.resumeCommand().isEmpty()) {
            throw new DiscoveryException("resume: the " + session.assistant() + " adapter does not say how to "
                    + "continue its sessions", null);
        }
        Optional<String> recorded = control.cwd().or(session::cwd);
        Optional<Path> dir = recorded.map(Path::of).filter(Files::isDirectory);
        List<String> notes = new ArrayList<>();
        if (recorded.isPresent() && dir.isEmpty()) {
            notes.add("the session's directory " + Printable.inline(recorded.get()) + " does not exist here");
        }
        if (session.running() && !handoff) {
            notes.add(session.id().shortValue() + " is still running"
                    + session.pid().stream().mapToObj(p -> " (pid " + p + ")").findFirst().orElse("")
                    + "; resuming it from a second terminal interleaves both in one transcript");
        }
        if (handoff) {
            return handoff(lib, session, control, dir, notes);
        }
        if (exec) {
            warn(notes);
            return Commands.handOver(control.resumeCommand(), dir);
        }
        warn(notes);
        print(List.of(Printable.inline(cd(dir) + Commands.shellLine(control.resumeCommand()))));
        return 0;
    }

    /** Exports the context (redacted) and starts, or prints how to start, a fresh session primed with it. */
    private int handoff(LlmSessions lib, Session session, SessionControl control, Optional<Path> dir,
            List<String> notes) {
        String exe = control.resumeCommand().get(0);
        if (exec) {
            ContextPack pack = lib.contexts().export(session, ContextRequest.DEFAULT, true);
            warn(notes);
            return Commands.handOver(List.of(exe, Brief.primer(pack)), dir);
        }
        Path exports = ContextExports.defaultDirectory(environment().env(), environment().userHome(),
                global.dataDir());
        Path pack = ContextExports.exportTo(lib, session, exports);
        warn(notes);
        String primer = "llm-session import-context " + Commands.quote(pack.toString()) + " 2>/dev/null";
        print(List.of(Printable.inline(cd(dir) + Commands.quote(exe) + " \"$(" + primer + ")\"")));
        return 0;
    }

    private static String cd(Optional<Path> dir) {
        return dir.map(d -> "cd " + Commands.quote(d.toString()) + " && ").orElse("");
    }
}
