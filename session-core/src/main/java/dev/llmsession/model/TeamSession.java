package dev.llmsession.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one machine tells the team database about one session: figures, names, states and timestamps only. The
 * components are exactly the fields that leave the machine (docs/team.md lists them); the working directory leaves
 * as its last element (the project), and the title, the state's evidence, the transcript paths and every prompt or
 * message text never leave.
 *
 * @param machine        the machine that recorded it
 * @param user           who works on that machine
 * @param id             the session id
 * @param assistant      the assistant (adapter) id
 * @param project        last element of the working directory
 * @param gitBranch      git branch
 * @param model          model of the latest call
 * @param state          activity state when recorded
 * @param startedAt      first recorded activity
 * @param lastActivityAt latest recorded activity
 * @param tokens         cumulative tokens
 * @param context        context-window fill
 * @param cost           cost (with the names of unpriced models)
 * @param errors         error counts and their times
 * @param healthScore    health score when recorded
 * @param healthLevel    health level when recorded
 * @param recordedAt     when the machine recorded this state
 * @since 0.1
 */
public record TeamSession(String machine, String user, SessionId id, String assistant, Optional<String> project,
        Optional<String> gitBranch, Optional<String> model, ActivityState state, Instant startedAt,
        Instant lastActivityAt, TokenFigures tokens, ContextFill context, Cost cost, ErrorCounts errors,
        OptionalInt healthScore, HealthLevel healthLevel, Instant recordedAt) {

    public TeamSession {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(assistant, "assistant");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(gitBranch, "gitBranch");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastActivityAt, "lastActivityAt");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(healthScore, "healthScore");
        Objects.requireNonNull(healthLevel, "healthLevel");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /** The part of {@code session} (with its health) that may leave {@code machine}. */
    public static TeamSession of(String machine, String user, Session session, HealthReport health, Instant at) {
        return new TeamSession(machine, user, session.id(), session.assistant(), session.project(),
                session.gitBranch(), session.model(), session.activity().state(), session.startedAt(),
                session.lastActivityAt(), session.tokens(), session.context(), session.cost(), session.errors(),
                health.score(), health.level(), at);
    }

    /**
     * The fields whose change makes the session worth pushing again: everything but the health (recomputed from
     * these wherever it is read) and the recording time.
     */
    public List<Object> figures() {
        return List.of(machine, user, id, assistant, project, gitBranch, model, state, startedAt, lastActivityAt,
                tokens, context, cost, errors);
    }

    /**
     * The session as a team view shows it: the working directory is the project name only, no title, no process,
     * no source files. A live state not refreshed within {@code stale} of {@code now} (the machine stopped syncing:
     * asleep, offline) reads as ended, since nobody can tell whether the process still runs.
     */
    public Session toSession(Instant now, Duration stale) {
        boolean fresh = !recordedAt.plus(stale).isBefore(now);
        Activity activity = state == ActivityState.ENDED || fresh
                ? Activity.of(state, "as " + machine + " recorded it at " + recordedAt)
                : Activity.of(ActivityState.ENDED, "no sync from " + machine + " since " + recordedAt);
        return new Session(id, assistant, OptionalLong.empty(), activity, project, gitBranch, Optional.empty(), model,
                startedAt, lastActivityAt, tokens, context, cost, errors, DataQuality.CLEAN, List.of());
    }
}
