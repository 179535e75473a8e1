package dev.llmsession.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a conversation as {@code llm-session logs} shows it: a prompt, a reply, a tool call or its result, an
 * error or a compaction. Texts come straight from the assistant's files: they are bounded in length by the adapter
 * but not made printable (the renderer does that).
 *
 * @param at     when it was written, if recorded
 * @param kind   what happened
 * @param text   the prompt or reply text, the error message, or a tool result's error text (may be empty)
 * @param toolId the id that pairs a tool call with its result, if recorded
 * @param tool   the tool's name (calls and results, when known)
 * @param target what the call acts on: a file path, a command, a pattern, a URL (calls only)
 * @param failed whether a tool result reports an error
 * @since 0.1
 */
public record ConversationEvent(Optional<Instant> at, Kind kind, String text, Optional<String> toolId,
        Optional<String> tool, Optional<String> target, boolean failed) {

    /** Characters an adapter keeps of one text: enough to read, bounded for a hostile line. */
    public static final int MAX_TEXT = 4_000;
    /** Characters an adapter keeps of a tool's target. */
    public static final int MAX_TARGET = 300;

    /** What one event is. */
    public enum Kind {
        /** A prompt the user typed. */
        PROMPT,
        /** Assistant text. */
        REPLY,
        /** The assistant called a tool. */
        TOOL_CALL,
        /** A tool's result came back (ok or error). */
        TOOL_RESULT,
        /** An API error, an interrupt or another failure of the turn. */
        ERROR,
        /** The conversation was compacted. */
        COMPACTION
    }

    public ConversationEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(toolId, "toolId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(target, "target");
    }

    /** A text event (prompt, reply, error, compaction). */
    public static ConversationEvent text(Instant at, Kind kind, String text) {
        return new ConversationEvent(Optional.ofNullable(at), kind, text == null ? "" : text, Optional.empty(),
                Optional.empty(), Optional.empty(), false);
    }

    /** A tool call. */
    public static ConversationEvent toolCall(Instant at, String id, String tool, String target) {
        return new ConversationEvent(Optional.ofNullable(at), Kind.TOOL_CALL, "", Optional.ofNullable(id),
                Optional.ofNullable(tool), Optional.ofNullable(target), false);
    }

    /** A tool result; {@code errorText} is kept only for a failed one. */
    public static ConversationEvent toolResult(Instant at, String id, boolean failed, String errorText) {
        return new ConversationEvent(Optional.ofNullable(at), Kind.TOOL_RESULT,
                failed && errorText != null ? errorText : "", Optional.ofNullable(id), Optional.empty(),
                Optional.empty(), failed);
    }
}
