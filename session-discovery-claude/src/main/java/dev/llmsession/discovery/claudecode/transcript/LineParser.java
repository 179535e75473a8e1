package dev.llmsession.discovery.claudecode.transcript;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one transcript line from a streaming {@link JsonCursor} (the byte-level {@link ByteCursor}, or Jackson),
 * skipping everything it does not need ({@code skipChildren} over tool inputs, tool results, images and thinking),
 * so a line of any size is parsed in constant memory. Field order is not assumed. Stateless and thread-safe.
 */
public final class LineParser {

    /** Characters kept of a message's first text (enough for titles and prefix checks). */
    public static final int TEXT_PREFIX_CHARS = 200;

    /** Reads a string value that may be huge, keeping at most {@code maxChars}; null when it cannot. */
    @FunctionalInterface
    public interface TextReader {
        String read(JsonParser parser, int maxChars) throws IOException;
    }

    /** Thrown when a complete line is not a single JSON object. */
    public static final class NotAnObjectException extends IOException {
        private static final long serialVersionUID = 1L;

        NotAnObjectException(String message) {
            super(message);
        }
    }

    /** Parses one line; the parser must be positioned before the first token. */
    public TranscriptLine parse(JsonParser p, TextReader text) throws IOException {
        return parse(new JacksonCursor(p, text));
    }

    /** Parses one line; the cursor must be positioned before the first token. */
    TranscriptLine parse(JsonCursor p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new NotAnObjectException("line is not a JSON object");
        }
        Fields f = FIELDS.get().reset();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> f.type = p.recurring();
                case "subtype" -> f.subtype = p.recurring();
                case "timestamp" -> f.timestamp = p.instant();
                case "sessionId" -> f.sessionId = p.recurring();
                case "cwd" -> f.cwd = p.recurring();
                case "gitBranch" -> f.gitBranch = p.recurring();
                case "version" -> f.version = p.recurring();
                case "requestId" -> f.requestId = p.string();
                case "requestedModel" -> f.requestedModel = p.recurring();
                case "isSidechain" -> f.sidechain = value == JsonToken.VALUE_TRUE;
                case "isMeta" -> f.meta = value == JsonToken.VALUE_TRUE;
                case "isApiErrorMessage" -> f.apiError = value == JsonToken.VALUE_TRUE;
                case "isCompactSummary" -> f.compactSummary = value == JsonToken.VALUE_TRUE;
                case "preventedContinuation" -> f.prevented = value.isBoolean() ? value == JsonToken.VALUE_TRUE : null;
                case "customTitle", "aiTitle", "summary" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        f.title = p.text(TEXT_PREFIX_CHARS);
                    } else {
                        p.skipChildren();
                    }
                }
                case "compactMetadata" -> compactMetadata(p, f);
                case "message" -> {
                    if (value == JsonToken.START_OBJECT) {
                        message(p, f);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw new NotAnObjectException("trailing content after the JSON object");
        }
        return new TranscriptLine(f.type, f.subtype, f.timestamp, f.sessionId, f.cwd, f.gitBranch, f.version,
                f.sidechain, f.meta, f.apiError, f.compactSummary, f.requestId, f.messageId, f.model, f.stopReason,
                f.usage, textPrefix(f), f.blockTypes, f.toolUseIds, f.toolResults, f.title, f.postTokens, f.prevented,
                f.requestedModel);
    }

    /**
     * The line's first text, read only where a summary reads it: on user lines (prompts, interrupts) and failed
     * turns ({@code isApiErrorMessage}); an assistant's answer, half of a transcript's lines, is not decoded.
     */
    private static String textPrefix(Fields f) throws IOException {
        return f.textPrefix != null && ("user".equals(f.type) || f.apiError) ? f.textPrefix.text() : null;
    }

    private static void compactMetadata(JsonCursor p, Fields f) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("postTokens".equals(name) && p.currentToken().isNumeric()) {
                f.postTokens = p.numberAsLong();
            } else {
                p.skipChildren();
            }
        }
    }

    private static void message(JsonCursor p, Fields f) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "id" -> f.messageId = p.string();
                case "model" -> f.model = p.recurring();
                case "stop_reason" -> f.stopReason = p.recurring();
                case "usage" -> {
                    if (value == JsonToken.START_OBJECT) {
                        f.usage = usage(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "content" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        f.blockTypes.add("text");
                        f.textPrefix = p.later(TEXT_PREFIX_CHARS);
                    } else if (value == JsonToken.START_ARRAY) {
                        blocks(p, f);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private static void blocks(JsonCursor p, Fields f) throws IOException {
        while (p.nextObject()) {
            String type = null;
            String id = null;
            String toolUseId = null;
            boolean error = false;
            JsonCursor.Later blockText = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> type = p.recurring();
                    case "id" -> id = p.string();
                    case "tool_use_id" -> toolUseId = p.string();
                    case "is_error" -> error = value == JsonToken.VALUE_TRUE;
                    case "text" -> {
                        if (value == JsonToken.VALUE_STRING && f.textPrefix == null) {
                            blockText = p.later(TEXT_PREFIX_CHARS);
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            f.blockTypes.add(type == null ? "" : type);
            if ("tool_use".equals(type) && id != null) {
                f.toolUseIds.add(id);
            } else if ("tool_result".equals(type)) {
                f.toolResults.add(new TranscriptLine.ToolResult(toolUseId, error));
            } else if ("text".equals(type) && f.textPrefix == null && blockText != null) {
                f.textPrefix = blockText;
            }
        }
    }

    private static TranscriptLine.Usage usage(JsonCursor p) throws IOException {
        long in = 0;
        long out = 0;
        long flat = 0;
        long w5 = 0;
        long w1 = 0;
        long read = 0;
        String speed = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "input_tokens" -> in = p.count();
                case "output_tokens" -> out = p.count();
                case "cache_creation_input_tokens" -> flat = p.count();
                case "cache_read_input_tokens" -> read = p.count();
                case "speed" -> speed = p.recurring();
                case "cache_creation" -> {
                    if (value == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            p.nextToken();
                            if ("ephemeral_5m_input_tokens".equals(inner)) {
                                w5 = p.count();
                            } else if ("ephemeral_1h_input_tokens".equals(inner)) {
                                w1 = p.count();
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new TranscriptLine.Usage(in, out, flat, w5, w1, read, speed);
    }

    /**
     * Moves to the next object element of the array the parser is in, skipping any other element;
     * false at the end of the array (or of a truncated input).
     */
    static boolean nextObject(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (t == JsonToken.START_OBJECT) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }

    /** The current string value, or null (skipping whatever else is there). */
    static String string(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    /** An ISO-8601 instant, or null when absent or unreadable (a bad timestamp never fails a line). */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        Instant plain = utcMillis(text);
        if (plain != null) {
            return plain;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The shape Claude Code writes, {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, read without the formatter (which was a few
     * percent of a first index); null for anything else, which {@link Instant#parse} then reads or refuses. Read
     * from any characters (the byte cursor passes a value's bytes undecoded).
     */
    static Instant utcMillis(CharSequence t) {
        if (t.length() != 24 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(19) != '.' || t.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int millis = digits(t, 20, 23);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, millis * 1_000_000L);
    }

    /**
     * Days from 1970-01-01 to a valid proleptic Gregorian date, what {@code LocalDate.of(y, m, d).toEpochDay()} gives
     * without a {@code LocalDate} per line (the civil-from-days algorithm: years counted from March).
     */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** The decimal number in {@code [from, to)} of {@code t}, or -1 when a character is not an ASCII digit. */
    private static int digits(CharSequence t, int from, int to) {
        int v = 0;
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Each parsing thread's field set, reset per line (one set and its three lists per line was 5 % of a first index's garbage). */
    private static final ThreadLocal<Fields> FIELDS = ThreadLocal.withInitial(Fields::new);

    private static final class Fields {
        String type;
        String subtype;
        Instant timestamp;
        String sessionId;
        String cwd;
        String gitBranch;
        String version;
        boolean sidechain;
        boolean meta;
        boolean apiError;
        boolean compactSummary;
        Boolean prevented;
        String requestId;
        String messageId;
        String model;
        String requestedModel;
        String stopReason;
        TranscriptLine.Usage usage;
        JsonCursor.Later textPrefix;
        String title;
        long postTokens = -1;
        final List<String> blockTypes = new ArrayList<>();
        final List<String> toolUseIds = new ArrayList<>();
        final List<TranscriptLine.ToolResult> toolResults = new ArrayList<>();

        /** Empties every field for the next line (the lists keep their capacity; the line copies them). */
        Fields reset() {
            type = null;
            subtype = null;
            timestamp = null;
            sessionId = null;
            cwd = null;
            gitBranch = null;
            version = null;
            sidechain = false;
            meta = false;
            apiError = false;
            compactSummary = false;
            prevented = null;
            requestId = null;
            messageId = null;
            model = null;
            requestedModel = null;
            stopReason = null;
            usage = null;
            textPrefix = null;
            title = null;
            postTokens = -1;
            blockTypes.clear();
            toolUseIds.clear();
            toolResults.clear();
            return this;
        }
    }
}
