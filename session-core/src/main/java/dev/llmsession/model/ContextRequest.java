package dev.llmsession.model;

/**
 * How much of a session's conversation a context read keeps. Every limit bounds memory: an adapter streams the
 * transcript and never holds more than these.
 *
 * @param goals           how many of the first user prompts to keep as the session's goals
 * @param messages        how many of the last messages to keep
 * @param errors          how many of the latest errors to keep
 * @param maxTextChars    characters kept of one message, goal or error before it is trimmed
 * @param maxSummaryChars characters kept of the compaction summary
 * @since 0.1
 */
public record ContextRequest(int goals, int messages, int errors, int maxTextChars, int maxSummaryChars) {
    /** Default number of last messages. */
    public static final int DEFAULT_MESSAGES = 20;
    /** Upper bound of {@code messages}: a pack is a brief, not a transcript copy. */
    public static final int MAX_MESSAGES = 1000;

    /** Three goals, 20 messages, 10 errors, 2,000 characters per message, 20,000 of the summary. */
    public static final ContextRequest DEFAULT = new ContextRequest(3, DEFAULT_MESSAGES, 10, 2_000, 20_000);

    public ContextRequest {
        if (goals < 0 || messages < 0 || messages > MAX_MESSAGES || errors < 0 || maxTextChars < 16
                || maxSummaryChars < 16) {
            throw new IllegalArgumentException("context limits out of range: goals=" + goals + " messages="
                    + messages + " (0.." + MAX_MESSAGES + ") errors=" + errors + " maxTextChars=" + maxTextChars
                    + " maxSummaryChars=" + maxSummaryChars);
        }
    }

    /** The same limits with another number of last messages. */
    public ContextRequest withMessages(int count) {
        return new ContextRequest(goals, count, errors, maxTextChars, maxSummaryChars);
    }
}
