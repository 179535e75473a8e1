package dev.llmsession.discovery.codex;

import dev.llmsession.adapterkit.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one rollout file says so far, updated line by line. Tokens are the changes of the running
 * {@code total_token_usage} between {@code token_count} events: a re-sent snapshot adds nothing, a drop starts a
 * new run; {@code last_token_usage} is never summed and {@code token_usage_record} (0.171+, the same call again)
 * never read for tokens. Each counted change is one call of the usage ledger. Not thread-safe: one reader owns it.
 */
final class RolloutState {
    /** What decided the activity of a live session: the latest turn-level event. */
    enum TurnEvent { NONE, STARTED, COMPLETE, ABORTED, ERROR }

    /** A fork's replayed history is stamped at the fork time, which the child's session_meta records. */
    static final Duration REPLAY_SLACK = Duration.ofSeconds(1);

    String sessionId;
    String forkedFrom;
    String metaCwd;
    String turnCwd;
    String gitBranch;
    String model;
    String title;
    String originator;
    Instant metaStartedAt;
    Instant firstAt;
    Instant lastAt;
    long window;
    int sessionMetas;

    /** The latest running total seen (a baseline in a forked file's replayed history). */
    Usage runningTotal;
    /** Runs of the running total: a drop (Codex counting from 0 again) starts the next. */
    int runs;
    /** The counted calls, oldest first: the session's rows in the usage ledger. */
    final List<Call> calls = new ArrayList<>();
    /** The latest call's usage; null when unknown (no call yet, or right after a compaction). */
    Usage lastCall;
    /** A running total that was not a valid count: the session's tokens are unknown from then on. */
    boolean invalidUsage;

    RateWindow primary;
    RateWindow secondary;
    Instant rateLimitsAt;

    int apiErrors;
    int interrupts;
    final List<Instant> errorTimes = new ArrayList<>();
    int userMessages;
    TurnEvent turn = TurnEvent.NONE;
    String turnDetail = "";
    Instant turnAt;

    long malformedLines;
    long oversizedLines;

    /** Notes a line's time. */
    void seen(Instant at) {
        if (at == null) {
            return;
        }
        if (firstAt == null || at.isBefore(firstAt)) {
            firstAt = at;
        }
        if (lastAt == null || at.isAfter(lastAt)) {
            lastAt = at;
        }
    }

    /** The first {@code session_meta} is this file's session; a later one is the parent's, in a fork. */
    void sessionMeta(String id, Instant startedAt, String cwd, String branch, String forkedFromId, String origin) {
        sessionMetas++;
        if (sessionMetas > 1) {
            return;
        }
        sessionId = id;
        metaStartedAt = startedAt;
        metaCwd = cwd;
        gitBranch = branch;
        forkedFrom = forkedFromId;
        originator = origin;
    }

    void turnContext(String cwd, String turnModel) {
        if (cwd != null && !cwd.isBlank()) {
            turnCwd = cwd;
        }
        if (turnModel != null && !turnModel.isBlank()) {
            model = turnModel;
        }
    }

    /**
     * One {@code token_count} event with {@code info}. In a forked file the parent's history replayed before the
     * child's own start only sets the baseline: it was counted in the parent's file.
     */
    void tokenCount(Instant at, Usage total, Usage last, long contextWindow) {
        if (contextWindow > 0) {
            window = contextWindow;
        }
        boolean replay = forkedFrom != null && metaStartedAt != null && at != null
                && !at.isAfter(metaStartedAt.plus(REPLAY_SLACK));
        if (total == Usage.INVALID) {
            invalidUsage = true;
        } else if (total != null) {
            Usage added = null;
            if (runningTotal == null || total.droppedFrom(runningTotal)) {
                if (runningTotal != null) {
                    runs++;
                }
                added = total;
            } else if (!total.equals(runningTotal)) {
                added = total.minus(runningTotal);
            }
            if (added != null && !replay && !added.isZero()) {
                if (calls.size() < Call.MAX_KEPT) {
                    calls.add(new Call((sessionId == null ? "" : sessionId) + ":" + runs + ":" + total.total() + ":"
                            + total.input(), at == null ? 0 : at.toEpochMilli(), model == null ? "" : model,
                            added.uncachedInput(), added.output(), added.cacheWrite(), added.cached()));
                }
            }
            runningTotal = total;
        }
        if (last != null && last != Usage.INVALID && !replay) {
            lastCall = last.isZero() ? null : last;
        }
    }

    void rateLimits(Instant at, RateWindow first, RateWindow second) {
        if (first == null && second == null) {
            return;
        }
        primary = first;
        secondary = second;
        rateLimitsAt = at;
    }

    void compacted() {
        lastCall = null;
    }

    void taskStarted(Instant at, long contextWindow) {
        if (contextWindow > 0) {
            window = contextWindow;
        }
        turn(TurnEvent.STARTED, "task_started without task_complete", at);
    }

    void taskComplete(Instant at) {
        turn(TurnEvent.COMPLETE, "task_complete", at);
    }

    void turnAborted(Instant at, String reason) {
        interrupts++;
        errorTimes.add(at == null ? Instant.EPOCH : at);
        turn(TurnEvent.ABORTED, "turn_aborted" + (reason == null ? "" : " (" + reason + ")"), at);
    }

    void error(Instant at) {
        apiErrors++;
        errorTimes.add(at == null ? Instant.EPOCH : at);
        turn(TurnEvent.ERROR, "error event", at);
    }

    void userMessage(String text) {
        userMessages++;
        if (title == null && text != null && !text.isBlank()) {
            String line = text.strip().replaceAll("\\s+", " ");
            title = line.length() > 200 ? line.substring(0, 200) : line;
        }
    }

    private void turn(TurnEvent event, String detail, Instant at) {
        turn = event;
        turnDetail = detail;
        turnAt = at;
    }

    /** Every directory the session is known to have run in, the session's own first. */
    List<String> cwds() {
        List<String> out = new ArrayList<>(2);
        if (metaCwd != null) {
            out.add(metaCwd);
        }
        if (turnCwd != null && !turnCwd.equals(metaCwd)) {
            out.add(turnCwd);
        }
        return out;
    }

    /** The working directory: the latest turn's, else the session's. */
    Optional<String> cwd() {
        return Optional.ofNullable(turnCwd != null ? turnCwd : metaCwd);
    }
}
