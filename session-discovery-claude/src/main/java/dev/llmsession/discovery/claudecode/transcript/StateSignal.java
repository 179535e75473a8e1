package dev.llmsession.discovery.claudecode.transcript;

import java.time.Instant;

/**
 * The last meaningful main-chain line of a transcript, reduced to what the state heuristic needs.
 *
 * @param kind      what the line was
 * @param detail    a short description for the evidence line
 * @param timestamp when it was written, or null
 */
public record StateSignal(Kind kind, String detail, Instant timestamp) {

    /** Nothing meaningful yet. */
    public static final StateSignal NONE = new StateSignal(Kind.NONE, "no conversation lines", null);

    /** Kinds of last lines. */
    public enum Kind {
        NONE, TURN_ENDED, ANSWERED, ASSISTANT_STREAMING, TOOL_PENDING, USER_PROMPT, TOOL_RESULT, API_RETRY,
        API_ERROR, COMPACT_BOUNDARY, COMPACT_SUMMARY, LOCAL_COMMAND, CONTINUED_BY_HOOK
    }
}
