package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.manage.Commands;
import dev.llmsession.cli.manage.Ownership;
import dev.llmsession.cli.manage.ProcFs;
import dev.llmsession.cli.render.Printable;
import dev.llmsession.error.DiscoveryException;
import dev.llmsession.error.UsageException;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llm-session stop <id>}: ends a live session the way its assistant ends cleanly. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Ends a running session: a Claude Code background session with its own 'claude stop', any "
                + "other with SIGTERM to the session's own process (never to anything else: a pid that now "
                + "belongs to another process, its start time changed, is refused).",
            "Asks for confirmation on a terminal; --yes skips it (and is required without a terminal)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (or the assistant's stop ran)", "1:refused (not running, pid reused) or failed",
            "2:unknown id, bad option, declined, or no terminal to confirm on without --yes"})
public final class StopCommand extends BaseCommand {
    /** How long the process gets to exit after SIGTERM before the report says it is still running. */
    static final Duration GRACE = Duration.ofSeconds(10);

    @Parameters(index = "0", paramLabel = "ID", description = "A session id or any unique prefix of it.")
    String id;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Inject
    StopCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    @Override
    public Integer call() {
        LlmSessions lib = sessions();
        Session session = lib.catalog().resolve(id);
        if (!session.running()) {
            throw new DiscoveryException(session.id() + " is not running", null);
        }
        SessionControl control = lib.control(session);
        String what = session.id().shortValue() + " (" + session.assistant()
                + session.pid().stream().mapToObj(p -> ", pid " + p).findFirst().orElse("")
                + session.cwd().map(c -> ", " + Printable.inline(c)).orElse("") + ")";
        if (control.background() && !control.stopCommand().isEmpty()) {
            confirm("Stop background session " + what + " with '" + Commands.shellLine(control.stopCommand()) + "'?");
            Commands.Outcome outcome = Commands.capture(control.stopCommand());
            print(Printable.inlineAll(List.of((outcome.ok() ? "Stopped " : "Stop failed for ") + what + " with '"
                    + Commands.shellLine(control.stopCommand()) + "'"
                    + (outcome.output().isBlank() ? "" : ": " + outcome.output()))));
            return outcome.ok() ? 0 : 1;
        }
        Ownership.Result owner = new Ownership(new ProcFs()).check(session, control);
        if (owner.refusal().isPresent()) {
            throw new DiscoveryException(owner.refusal().get(), null);
        }
        ProcessHandle process = owner.process().orElseThrow();
        confirm("Stop session " + what + " with SIGTERM?");
        // ProcessHandle remembers the process's start time: destroy() signals nothing if the pid was reused since.
        if (!process.destroy()) {
            throw new DiscoveryException("could not signal pid " + process.pid() + " (not ours to signal?)", null);
        }
        boolean exited;
        try {
            process.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            exited = true;
        } catch (TimeoutException e) {
            exited = new ProcFs().ended(process); // an exited child its parent has not collected yet counts
        } catch (ExecutionException e) {
            exited = !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = !process.isAlive();
        }
        print(Printable.inlineAll(List.of(exited ? "Stopped " + what + ": SIGTERM sent, the process exited"
                : "SIGTERM sent to " + what + ", still running after " + GRACE.toSeconds() + "s")));
        return exited ? 0 : 1;
    }

    /** Asks on the terminal; without one, only --yes goes on. */
    private void confirm(String question) {
        if (yes) {
            return;
        }
        if (!environment().console()) {
            throw new UsageException("no terminal to confirm on: add --yes to stop " + id);
        }
        err().print(terminal().sanitize(Printable.inline(question) + " [y/N] "));
        err().flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT))) {
            throw new UsageException("not stopped");
        }
    }
}
