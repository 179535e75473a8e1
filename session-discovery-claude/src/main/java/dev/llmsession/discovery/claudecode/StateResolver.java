package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.live.RegistryEntry;
import dev.llmsession.discovery.claudecode.transcript.StateSignal;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Decides a live session's activity state from the registry status, else from the transcript's last line. */
final class StateResolver {

    /** A tool call without writes for longer than this is probably waiting for approval. */
    static final Duration TOOL_FRESHNESS = Duration.ofSeconds(15);
    /** Waiting for input longer than this is idle. */
    static final Duration IDLE_AFTER = Duration.ofMinutes(10);

    private StateResolver() {
    }

    /**
     * @param entry        the registry entry of the live process, if any
     * @param signal       the transcript's last meaningful main-chain line ({@link StateSignal#NONE} without one)
     * @param fileModified the main transcript's mtime, or null
     * @param lastActivity the session's last activity
     * @param now          the refresh time
     */
    static Activity resolve(Optional<RegistryEntry> entry, StateSignal signal, Instant fileModified,
            Instant lastActivity, Instant now) {
        Activity activity = entry.flatMap(StateResolver::fromRegistry)
                .orElseGet(() -> fromTranscript(signal, fileModified, now));
        // Claude Code sets the registry back to idle right after a failed turn: the transcript says it failed
        if (activity.state() == ActivityState.WAITING_INPUT && signal.kind() == StateSignal.Kind.API_ERROR) {
            return Activity.of(ActivityState.ERRORED, activity.evidence() + "; transcript: " + signal.detail());
        }
        if (activity.state() == ActivityState.WAITING_INPUT) {
            Duration idle = Duration.between(lastActivity, now);
            if (idle.compareTo(IDLE_AFTER) > 0) {
                return Activity.of(ActivityState.IDLE, activity.evidence() + "; idle " + idle.toMinutes() + " min");
            }
        }
        return activity;
    }

    static Optional<Activity> fromRegistry(RegistryEntry e) {
        if (e.status().isEmpty()) {
            return Optional.empty();
        }
        String status = e.status().get().toLowerCase(Locale.ROOT);
        String where = (e.background() ? "background session (claude --bg); " : "") + "registry sessions/"
                + e.file().getFileName() + " status=" + status;
        return switch (status) {
            case "busy" -> Optional.of(Activity.of(ActivityState.WORKING, where));
            case "idle" -> Optional.of(Activity.of(ActivityState.WAITING_INPUT, where));
            case "waiting" -> {
                // Every registry wait is a dialog the user must answer (a permission, a question from
                // AskUserQuestion, a sandbox or worker request): the turn cannot go on without them.
                String what = e.waitingFor().orElse("");
                String evidence = what.isEmpty() ? where : where + " waitingFor=" + what;
                yield Optional.of(Activity.of(ActivityState.WAITING_PERMISSION, evidence));
            }
            default -> Optional.empty();
        };
    }

    static Activity fromTranscript(StateSignal signal, Instant fileModified, Instant now) {
        String detail = "transcript: " + signal.detail();
        return switch (signal.kind()) {
            case TURN_ENDED, ANSWERED, LOCAL_COMMAND -> Activity.of(ActivityState.WAITING_INPUT, detail);
            case USER_PROMPT, TOOL_RESULT, API_RETRY, ASSISTANT_STREAMING, CONTINUED_BY_HOOK, COMPACT_SUMMARY ->
                    Activity.of(ActivityState.WORKING, detail);
            case API_ERROR -> Activity.of(ActivityState.ERRORED, detail);
            case COMPACT_BOUNDARY -> Activity.of(ActivityState.COMPACTING, detail);
            case TOOL_PENDING -> {
                boolean fresh = fileModified != null
                        && Duration.between(fileModified, now).compareTo(TOOL_FRESHNESS) <= 0;
                yield fresh ? Activity.of(ActivityState.WORKING, detail + ", file written in the last 15 s")
                        : Activity.of(ActivityState.WAITING_PERMISSION,
                                "inferred: " + signal.detail() + " and no writes for over 15 s");
            }
            case NONE -> Activity.of(ActivityState.UNKNOWN, detail);
        };
    }
}
