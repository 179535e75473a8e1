package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.cli.config.DurationText;
import dev.llmsession.error.UsageException;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llm-session wait [ID…] --for waiting|idle|ended [--timeout D]}: returns (exit 0) as soon as one of the
 * sessions reaches the state, printing its id and state; exit 1 on timeout. Without ids, any running session
 * counts. It polls the running-only listing, which reads only what changed since the last poll.
 */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Wait until a session needs you (waiting), finishes its turn (idle) or ends; for scripts: "
                + "llm-session wait --for waiting && notify-send 'Claude needs you'.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:a session reached the state", "1:timeout",
            "2:usage error"})
public final class WaitCommand extends BaseCommand {
    /** How often the listing is read again. */
    static final Duration POLL = Duration.ofMillis(500);

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Session ids or unique prefixes (default: any).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--for", required = true, paramLabel = "STATE",
            description = "waiting (a permission or question dialog, or a failed turn), idle (the turn is over), "
                    + "ended (the process is gone).")
    String target;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Give up after this long (e.g. 30s, 10m).")
    String timeout;

    @Inject
    WaitCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        String state = target.toLowerCase(Locale.ROOT);
        if (!Set.of("waiting", "idle", "ended").contains(state)) {
            throw new UsageException("--for must be waiting, idle or ended, got '" + target + "'");
        }
        Optional<Duration> limit = Optional.ofNullable(timeout).map(this::duration);
        LlmSessions lib = sessions();
        if (state.equals("ended") && ids.isEmpty()) {
            throw new UsageException("wait --for ended needs the ids of the sessions to wait for");
        }
        Set<SessionId> wanted = new LinkedHashSet<>();
        for (String id : ids) {
            wanted.add(lib.catalog().resolve(id).id());
        }
        long start = System.nanoTime();
        while (true) {
            Map<SessionId, Session> running = lib.catalog().list(SessionQuery.RUNNING).sessions().stream()
                    .collect(Collectors.toMap(Session::id, Function.identity(), (a, b) -> a));
            Optional<String> reached = reached(state, wanted, running);
            if (reached.isPresent()) {
                print(List.of(reached.get()));
                return 0;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (limit.isPresent() && waited.compareTo(limit.get()) >= 0) {
                err().println("llm-session: wait: timed out after " + timeout);
                err().flush();
                return 1;
            }
            Thread.sleep(limit.map(l -> Math.max(1, Math.min(POLL.toMillis(), l.minus(waited).toMillis())))
                    .orElse(POLL.toMillis()));
        }
    }

    /** {@code "<id> <state>"} of the first session in the state, or empty. */
    static Optional<String> reached(String state, Set<SessionId> wanted, Map<SessionId, Session> running) {
        if (state.equals("ended")) {
            for (SessionId id : wanted) {
                if (!running.containsKey(id)) {
                    return Optional.of(id.value() + " ended");
                }
            }
            return Optional.empty();
        }
        for (Session s : running.values()) {
            if ((wanted.isEmpty() || wanted.contains(s.id())) && in(state, s.activity().state())) {
                return Optional.of(s.id().value() + " " + s.activity().state().label());
            }
        }
        return Optional.empty();
    }

    private static boolean in(String state, ActivityState s) {
        return state.equals("waiting") ? s == ActivityState.WAITING_PERMISSION || s == ActivityState.ERRORED
                : s == ActivityState.WAITING_INPUT || s == ActivityState.IDLE;
    }

    private Duration duration(String text) {
        try {
            Duration d = DurationText.parse(text);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--timeout: '" + text + "' is not a duration (e.g. 30s, 10m)");
        }
    }
}
