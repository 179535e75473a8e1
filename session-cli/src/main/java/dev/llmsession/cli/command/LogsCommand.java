package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.config.DurationText;
import dev.llmsession.cli.manage.LogLines;
import dev.llmsession.error.DiscoveryException;
import dev.llmsession.error.UsageException;
import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.Session;
import dev.llmsession.spi.EventStream;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llm-session logs <id>}: the conversation as readable lines, like {@code docker logs}. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Prints a session's conversation: user prompts, assistant text, one line per tool call with "
                + "its target and result, errors and compactions. Texts are made printable (no escape sequence "
                + "from a transcript reaches the terminal).",
            "With -f it keeps printing what the assistant appends, until the session's process ends (or Ctrl-C)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "1:the session's adapter cannot read conversations, or its transcript is gone",
            "2:unknown id or bad option"})
public final class LogsCommand extends BaseCommand {
    /** Events read per poll: bounds the work between two flushes of the output. */
    static final int EVENTS_PER_POLL = 2_000;
    /** How often a followed transcript is checked for new lines. */
    static final Duration FOLLOW_POLL = Duration.ofMillis(200);

    @Parameters(index = "0", paramLabel = "ID", description = "A session id or any unique prefix of it.")
    String id;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as the session writes them.")
    boolean follow;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only events since WHEN: a duration back from now (10m, 2h, 1d) or an ISO time.")
    String since;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Only the last N lines of what is there now.")
    Integer tail;

    @Inject
    LogsCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    @Override
    public Integer call() {
        if (tail != null && tail < 0) {
            throw new UsageException("--tail must be 0 or more: " + tail);
        }
        Optional<Instant> from = since == null ? Optional.empty() : Optional.of(sinceInstant(since));
        LlmSessions lib = sessions();
        Session session = lib.catalog().resolve(id);
        try (EventStream stream = lib.events(session).orElseThrow(() -> new DiscoveryException(
                "logs: the " + session.assistant() + " adapter cannot read " + session.id() + " as a conversation"
                        + " (it does not support logs, or the transcript is gone)", null))) {
            run(stream, session, from);
        }
        return 0;
    }

    private void run(EventStream stream, Session session, Optional<Instant> from) {
        PrintWriter out = out();
        ZoneId zone = ZoneId.systemDefault();
        Consumer<LogLines.Entry> print = e -> {
            if (from.isPresent() && (e.at().isEmpty() || e.at().get().isBefore(from.get()))) {
                return;
            }
            out.println(global.json() ? LogLines.jsonLine(e)
                    : terminal().sanitize(LogLines.human(e, zone)));
        };
        // What is there now: all of it, or only the last --tail lines (a bounded ring, whatever the file's size).
        Deque<LogLines.Entry> last = new ArrayDeque<>();
        LogLines backlog = new LogLines(tail == null ? print : e -> {
            if (from.isPresent() && (e.at().isEmpty() || e.at().get().isBefore(from.get()))) {
                return;
            }
            last.addLast(e);
            if (last.size() > tail) {
                last.removeFirst();
            }
        });
        List<ConversationEvent> batch;
        while (!(batch = stream.poll(EVENTS_PER_POLL)).isEmpty()) {
            batch.forEach(backlog::accept);
        }
        backlog.flush(follow ? "running" : "no result");
        last.forEach(print);
        out.flush();
        if (!follow) {
            return;
        }
        LogLines live = new LogLines(print);
        Optional<ProcessHandle> process = session.pid().isPresent()
                ? ProcessHandle.of(session.pid().getAsLong()) : Optional.empty();
        while (!out.checkError()) {
            batch = stream.poll(EVENTS_PER_POLL);
            if (!batch.isEmpty()) {
                batch.forEach(live::accept);
                out.flush();
                continue;
            }
            live.flush("running");
            out.flush();
            if (process.isPresent() && !process.get().isAlive()) {
                // the session ended: what it wrote last was read by the poll above
                return;
            }
            try {
                Thread.sleep(FOLLOW_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Instant sinceInstant(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return environment().clock().instant().minus(DurationText.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--since: '" + text + "' is neither a duration (10m, 2h) nor an ISO time");
            }
        }
    }
}
