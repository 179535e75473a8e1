package dev.llmsession.discovery.claudecode.transcript;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;

/**
 * The few calls of a streaming JSON parser that {@link LineParser} makes, so one line-reading logic runs over
 * Jackson ({@link JacksonCursor}: any line, streamed from a file or in character mode) and over the byte-level
 * {@link ByteCursor} (a buffered line, most of whose bytes are skipped eight at a time).
 */
interface JsonCursor {

    /** Moves to the next token; null at the end of the input. */
    JsonToken nextToken() throws IOException;

    /** The token last moved to. */
    JsonToken currentToken();

    /** The name of the current field (the token is {@link JsonToken#FIELD_NAME} or the field's value). */
    String currentName() throws IOException;

    /** On an object or array start, skips to its matching end (which becomes the current token); else nothing. */
    void skipChildren() throws IOException;

    /** The current string value, or null (whatever else is there is skipped). */
    String string() throws IOException;

    /**
     * The current string value, or null (whatever else is there is skipped), for a field whose values recur line
     * after line (a type, a model, the session's id, its folder): the byte cursor gives one shared instance per value
     * instead of a new string per line.
     */
    default String recurring() throws IOException {
        return string();
    }

    /** The current string value read as an ISO-8601 instant; null when absent or unreadable (see LineParser). */
    default Instant instant() throws IOException {
        return LineParser.instant(string());
    }

    /** At most the first {@code maxChars} characters of the current string value; null when they cannot be read. */
    String text(int maxChars) throws IOException;

    /** A string value kept to be read, if at all, once the line is parsed. */
    @FunctionalInterface
    interface Later {
        String text() throws IOException;
    }

    /**
     * {@link #text} of the current string value, read when asked, before the cursor moves to another line: the byte
     * cursor notes where the value lies; Jackson, which streams, reads it now.
     */
    default Later later(int maxChars) throws IOException {
        String text = text(maxChars);
        return () -> text;
    }

    /**
     * The current value as a token count: a JSON integer from 0 to {@link TranscriptLine.Usage#MAX_COUNT}, else
     * {@link TranscriptLine.Usage#INVALID} (a string, null, a fraction, a negative or an absurd number is never
     * read as 0 or clipped: the call's figure becomes unknown). Anything else is skipped.
     */
    long count() throws IOException;

    /** The current numeric value as a {@code long} (a fraction truncated), as Jackson's {@code getValueAsLong}. */
    long numberAsLong() throws IOException;

    /**
     * Moves to the next object element of the array the cursor is in, skipping any other element; false at the
     * end of the array (or of a truncated input).
     */
    default boolean nextObject() throws IOException {
        JsonToken t;
        while ((t = nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (t == JsonToken.START_OBJECT) {
                return true;
            }
            skipChildren();
        }
        return false;
    }
}
