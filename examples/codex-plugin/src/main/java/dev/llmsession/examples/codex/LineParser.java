package dev.llmsession.examples.codex;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Applies one rollout line ({@code {"timestamp", "type", "payload"}}) to a {@link RolloutState} with Jackson's
 * streaming parser: values the adapter does not need are skipped, never built, so a multi-megabyte
 * {@code compacted} or tool-output line costs a scan, not a tree. Thread-safe.
 */
final class LineParser {
    private static final JsonFactory JSON = new JsonFactory();

    /** How a line ended up. */
    enum Outcome { USED, MALFORMED, OVERSIZED }

    /**
     * @param line     the line's bytes, without the newline; for an oversized line only its head
     * @param complete false when {@code line} is only the head of a longer line (the rest was not kept)
     */
    Outcome apply(byte[] line, int length, boolean complete, RolloutState state) {
        Envelope env = new Envelope();
        boolean whole = readEnvelope(line, length, env);
        if (!complete) {
            // Only huge items (compaction summaries, tool output) get here: their time is all that counts.
            state.seen(env.at);
            return Outcome.OVERSIZED;
        }
        if (!whole) {
            return Outcome.MALFORMED;
        }
        state.seen(env.at);
        if (env.type == null) {
            return Outcome.USED;
        }
        try {
            switch (env.type) {
                case "session_meta" -> sessionMeta(line, length, state);
                case "turn_context" -> turnContext(line, length, state);
                case "event_msg" -> event(line, length, env.at, state);
                case "compacted" -> state.compacted();
                default -> {
                    // response_item and newer kinds: their time is all the adapter needs
                }
            }
        } catch (IOException | RuntimeException e) {
            return Outcome.MALFORMED;
        }
        return Outcome.USED;
    }

    /** Envelope fields: the time and the kind of a line. */
    private static final class Envelope {
        Instant at;
        String type;
    }

    /** Reads the top-level {@code timestamp} and {@code type}; false when the line is not one whole JSON object. */
    private static boolean readEnvelope(byte[] line, int length, Envelope env) {
        try (JsonParser p = JSON.createParser(line, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (String name = nextField(p); name != null; name = nextField(p)) {
                if ("timestamp".equals(name) && p.currentToken() == JsonToken.VALUE_STRING) {
                    env.at = instant(p.getText());
                } else if ("type".equals(name) && p.currentToken() == JsonToken.VALUE_STRING) {
                    env.type = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Moves {@code p} to the value of the top-level {@code payload}; false when there is none. */
    private static boolean toPayload(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        for (String name = nextField(p); name != null; name = nextField(p)) {
            if ("payload".equals(name)) {
                return p.currentToken() == JsonToken.START_OBJECT;
            }
            p.skipChildren();
        }
        return false;
    }

    private static void sessionMeta(byte[] line, int length, RolloutState state) throws IOException {
        String id = null;
        String cwd = null;
        String branch = null;
        String forked = null;
        String originator = null;
        Instant started = null;
        try (JsonParser p = JSON.createParser(line, 0, length)) {
            if (!toPayload(p)) {
                return;
            }
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "id" -> id = text(p);
                    case "timestamp" -> started = instant(text(p));
                    case "cwd" -> cwd = text(p);
                    case "forked_from_id" -> forked = text(p);
                    case "originator" -> originator = text(p);
                    case "git" -> branch = gitBranch(p);
                    default -> p.skipChildren();
                }
            }
        }
        state.sessionMeta(id, started, cwd, branch, forked, originator);
    }

    private static String gitBranch(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String branch = null;
        for (String name = nextField(p); name != null; name = nextField(p)) {
            if ("branch".equals(name)) {
                branch = text(p);
            } else {
                p.skipChildren();
            }
        }
        return branch;
    }

    private static void turnContext(byte[] line, int length, RolloutState state) throws IOException {
        String cwd = null;
        String model = null;
        try (JsonParser p = JSON.createParser(line, 0, length)) {
            if (!toPayload(p)) {
                return;
            }
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "cwd" -> cwd = text(p);
                    case "model" -> model = text(p);
                    default -> p.skipChildren();
                }
            }
        }
        state.turnContext(cwd, model);
    }

    private static void event(byte[] line, int length, Instant at, RolloutState state) throws IOException {
        try (JsonParser p = JSON.createParser(line, 0, length)) {
            if (!toPayload(p)) {
                return;
            }
            // The payload's own "type" comes first in every version seen; fields before it are remembered.
            String type = null;
            String reason = null;
            String message = null;
            long window = 0;
            Usage total = null;
            Usage last = null;
            boolean sawInfo = false;
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "type" -> type = text(p);
                    case "reason" -> reason = text(p);
                    case "message" -> message = text(p);
                    case "model_context_window" -> window = number(p);
                    case "info" -> {
                        if (p.currentToken() == JsonToken.START_OBJECT) {
                            sawInfo = true;
                            for (String field = nextField(p); field != null; field = nextField(p)) {
                                switch (field) {
                                    case "total_token_usage" -> total = usage(p);
                                    case "last_token_usage" -> last = usage(p);
                                    case "model_context_window" -> window = number(p);
                                    default -> p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (type == null) {
                return;
            }
            switch (type) {
                case "token_count" -> {
                    if (sawInfo) {
                        state.tokenCount(at, total, last, window);
                    }
                }
                case "task_started" -> state.taskStarted(at, window);
                case "task_complete" -> state.taskComplete(at);
                case "turn_aborted" -> state.turnAborted(at, reason);
                case "error" -> state.error(at);
                case "context_compacted" -> state.compacted();
                case "user_message" -> state.userMessage(message);
                default -> {
                    // agent messages, reasoning and tool events change no figure
                }
            }
        }
    }

    private static Usage usage(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        long input = 0;
        long cached = 0;
        long write = 0;
        long output = 0;
        long reasoning = 0;
        long total = -1;
        for (String name = nextField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "input_tokens" -> input = number(p);
                case "cached_input_tokens" -> cached = number(p);
                case "cache_write_input_tokens" -> write = number(p);
                case "output_tokens" -> output = number(p);
                case "reasoning_output_tokens" -> reasoning = number(p);
                case "total_tokens" -> total = number(p);
                default -> p.skipChildren();
            }
        }
        return new Usage(input, cached, write, output, reasoning, total >= 0 ? total : input + output);
    }

    /**
     * Advances {@code p} from inside an object to the next field's value and returns the field's name; null at the
     * end of the object (or when the tokens are not fields at all).
     */
    private static String nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = p.currentName();
        p.nextToken();
        return name;
    }

    private static String text(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static long number(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return Math.max(0, p.getLongValue());
        }
        p.skipChildren();
        return 0;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
