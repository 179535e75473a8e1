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
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("timestamp".equals(name) && value == JsonToken.VALUE_STRING) {
                    env.at = instant(p.getText());
                } else if ("type".equals(name) && value == JsonToken.VALUE_STRING) {
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
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("payload".equals(name)) {
                return value == JsonToken.START_OBJECT;
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
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> id = text(p, value);
                    case "timestamp" -> started = instant(text(p, value));
                    case "cwd" -> cwd = text(p, value);
                    case "forked_from_id" -> forked = text(p, value);
                    case "originator" -> originator = text(p, value);
                    case "git" -> branch = gitBranch(p, value);
                    default -> p.skipChildren();
                }
            }
        }
        state.sessionMeta(id, started, cwd, branch, forked, originator);
    }

    private static String gitBranch(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String branch = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("branch".equals(name)) {
                branch = text(p, v);
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
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "cwd" -> cwd = text(p, value);
                    case "model" -> model = text(p, value);
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
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> type = text(p, value);
                    case "reason" -> reason = text(p, value);
                    case "message" -> message = text(p, value);
                    case "model_context_window" -> window = number(p, value);
                    case "info" -> {
                        if (value == JsonToken.START_OBJECT) {
                            sawInfo = true;
                            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                                String field = p.currentName();
                                JsonToken v = p.nextToken();
                                switch (field) {
                                    case "total_token_usage" -> total = usage(p, v);
                                    case "last_token_usage" -> last = usage(p, v);
                                    case "model_context_window" -> window = number(p, v);
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

    private static Usage usage(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        long input = 0;
        long cached = 0;
        long write = 0;
        long output = 0;
        long reasoning = 0;
        long total = -1;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "input_tokens" -> input = number(p, v);
                case "cached_input_tokens" -> cached = number(p, v);
                case "cache_write_input_tokens" -> write = number(p, v);
                case "output_tokens" -> output = number(p, v);
                case "reasoning_output_tokens" -> reasoning = number(p, v);
                case "total_tokens" -> total = number(p, v);
                default -> p.skipChildren();
            }
        }
        return new Usage(input, cached, write, output, reasoning, total >= 0 ? total : input + output);
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static long number(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
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
