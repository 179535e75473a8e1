package dev.llmsession.discovery.claudecode.transcript;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one transcript line from a Jackson streaming parser, skipping everything it does not need
 * ({@code skipChildren} over tool inputs, tool results, images and thinking), so a line of any size is
 * parsed in constant memory. Field order is not assumed. Stateless and thread-safe.
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
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new NotAnObjectException("line is not a JSON object");
        }
        Fields f = new Fields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> f.type = string(p);
                case "subtype" -> f.subtype = string(p);
                case "timestamp" -> f.timestamp = instant(string(p));
                case "sessionId" -> f.sessionId = string(p);
                case "cwd" -> f.cwd = string(p);
                case "gitBranch" -> f.gitBranch = string(p);
                case "version" -> f.version = string(p);
                case "requestId" -> f.requestId = string(p);
                case "requestedModel" -> f.requestedModel = string(p);
                case "isSidechain" -> f.sidechain = value == JsonToken.VALUE_TRUE;
                case "isMeta" -> f.meta = value == JsonToken.VALUE_TRUE;
                case "isApiErrorMessage" -> f.apiError = value == JsonToken.VALUE_TRUE;
                case "isCompactSummary" -> f.compactSummary = value == JsonToken.VALUE_TRUE;
                case "preventedContinuation" -> f.prevented = value.isBoolean() ? value == JsonToken.VALUE_TRUE : null;
                case "customTitle", "aiTitle", "summary" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        f.title = text.read(p, TEXT_PREFIX_CHARS);
                    } else {
                        p.skipChildren();
                    }
                }
                case "compactMetadata" -> compactMetadata(p, f);
                case "message" -> {
                    if (value == JsonToken.START_OBJECT) {
                        message(p, f, text);
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
                f.usage, f.textPrefix, f.blockTypes, f.toolUseIds, f.toolResults, f.title, f.postTokens, f.prevented,
                f.requestedModel);
    }

    private static void compactMetadata(JsonParser p, Fields f) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("postTokens".equals(name) && p.currentToken().isNumeric()) {
                f.postTokens = p.getValueAsLong(-1);
            } else {
                p.skipChildren();
            }
        }
    }

    private static void message(JsonParser p, Fields f, TextReader text) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "id" -> f.messageId = string(p);
                case "model" -> f.model = string(p);
                case "stop_reason" -> f.stopReason = string(p);
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
                        f.textPrefix = text.read(p, TEXT_PREFIX_CHARS);
                    } else if (value == JsonToken.START_ARRAY) {
                        blocks(p, f, text);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private static void blocks(JsonParser p, Fields f, TextReader text) throws IOException {
        while (nextObject(p)) {
            String type = null;
            String id = null;
            String toolUseId = null;
            boolean error = false;
            String blockText = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> type = string(p);
                    case "id" -> id = string(p);
                    case "tool_use_id" -> toolUseId = string(p);
                    case "is_error" -> error = value == JsonToken.VALUE_TRUE;
                    case "text" -> {
                        if (value == JsonToken.VALUE_STRING && f.textPrefix == null) {
                            blockText = text.read(p, TEXT_PREFIX_CHARS);
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

    private static TranscriptLine.Usage usage(JsonParser p) throws IOException {
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
                case "input_tokens" -> in = number(p);
                case "output_tokens" -> out = number(p);
                case "cache_creation_input_tokens" -> flat = number(p);
                case "cache_read_input_tokens" -> read = number(p);
                case "speed" -> speed = string(p);
                case "cache_creation" -> {
                    if (value == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            p.nextToken();
                            if ("ephemeral_5m_input_tokens".equals(inner)) {
                                w5 = number(p);
                            } else if ("ephemeral_1h_input_tokens".equals(inner)) {
                                w1 = number(p);
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

    /**
     * A token count: a JSON integer from 0 to {@link TranscriptLine.Usage#MAX_COUNT}, else
     * {@link TranscriptLine.Usage#INVALID} (a string, null, a fraction, a negative or an absurd number is never
     * read as 0 or clipped: the call's figure becomes unknown).
     */
    private static long number(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long v = p.getLongValue();
            return v >= 0 && v <= TranscriptLine.Usage.MAX_COUNT ? v : TranscriptLine.Usage.INVALID;
        }
        p.skipChildren();
        return TranscriptLine.Usage.INVALID;
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
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

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
        String textPrefix;
        String title;
        long postTokens = -1;
        final List<String> blockTypes = new ArrayList<>();
        final List<String> toolUseIds = new ArrayList<>();
        final List<TranscriptLine.ToolResult> toolResults = new ArrayList<>();
    }
}
