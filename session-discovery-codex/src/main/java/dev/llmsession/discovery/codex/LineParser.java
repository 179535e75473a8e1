package dev.llmsession.discovery.codex;

import static dev.llmsession.adapterkit.Json.count;
import static dev.llmsession.adapterkit.Json.nextField;
import static dev.llmsession.adapterkit.Json.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.adapterkit.Json;
import java.io.IOException;
import java.time.Instant;

/**
 * Applies one rollout line ({@code {"timestamp", "type", "payload"}}) to a {@link RolloutState} with the kit's
 * streaming helpers: values the adapter does not need are skipped, never built, so a multi-megabyte
 * {@code compacted} or tool-output line costs a scan, not a tree. Thread-safe.
 */
final class LineParser {

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
            state.oversizedLines++;
            return Outcome.OVERSIZED;
        }
        if (!whole) {
            state.malformedLines++;
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
                    // response_item, token_usage_record (the same call as token_count) and newer kinds
                }
            }
        } catch (IOException | RuntimeException e) {
            state.malformedLines++;
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
        try (JsonParser p = Json.parser(line, length)) {
            if (!Json.enterObject(p)) {
                return false;
            }
            for (String name = nextField(p); name != null; name = nextField(p)) {
                if ("timestamp".equals(name)) {
                    env.at = Json.instant(text(p));
                } else if ("type".equals(name)) {
                    env.type = text(p);
                } else {
                    p.skipChildren();
                }
            }
            return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A parser positioned inside the line's {@code payload} object, or null when there is none. */
    private static JsonParser payload(byte[] line, int length) throws IOException {
        JsonParser p = Json.parser(line, length);
        if (Json.enterObject(p) && Json.toField(p, "payload") && p.currentToken() == JsonToken.START_OBJECT) {
            return p;
        }
        p.close();
        return null;
    }

    private static void sessionMeta(byte[] line, int length, RolloutState state) throws IOException {
        String id = null;
        String cwd = null;
        String branch = null;
        String forked = null;
        String originator = null;
        Instant started = null;
        try (JsonParser p = payload(line, length)) {
            if (p == null) {
                return;
            }
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "id" -> id = text(p);
                    case "timestamp" -> started = Json.instant(text(p));
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
        if (!Json.isObject(p)) {
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
        try (JsonParser p = payload(line, length)) {
            if (p == null) {
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
        try (JsonParser p = payload(line, length)) {
            if (p == null) {
                return;
            }
            String type = null;
            String reason = null;
            String message = null;
            MessageItem item = null;
            long window = 0;
            Usage total = null;
            Usage last = null;
            boolean sawInfo = false;
            RateWindow primary = null;
            RateWindow secondary = null;
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "type" -> type = text(p);
                    case "reason" -> reason = text(p);
                    case "message" -> message = text(p);
                    case "item" -> item = MessageItem.read(p, 400);
                    case "model_context_window" -> window = count(p);
                    case "info" -> {
                        if (Json.isObject(p)) {
                            sawInfo = true;
                            for (String field = nextField(p); field != null; field = nextField(p)) {
                                switch (field) {
                                    case "total_token_usage" -> total = usage(p);
                                    case "last_token_usage" -> last = usage(p);
                                    case "model_context_window" -> window = count(p);
                                    default -> p.skipChildren();
                                }
                            }
                        }
                    }
                    case "rate_limits" -> {
                        if (Json.isObject(p)) {
                            for (String field = nextField(p); field != null; field = nextField(p)) {
                                switch (field) {
                                    case "primary" -> primary = rateWindow(p);
                                    case "secondary" -> secondary = rateWindow(p);
                                    default -> p.skipChildren();
                                }
                            }
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
                    state.rateLimits(at, primary, secondary);
                }
                case "task_started" -> state.taskStarted(at, window);
                case "task_complete" -> state.taskComplete(at);
                case "turn_aborted" -> state.turnAborted(at, reason);
                case "error" -> state.error(at);
                case "context_compacted" -> state.compacted();
                case "user_message" -> state.userMessage(message);
                // 0.171 exec writes prompts only as items: they name the session as user_message did
                case "item_completed" -> {
                    if (item != null && item.user()) {
                        state.userMessage(item.text());
                    }
                }
                default -> {
                    // agent messages, reasoning and tool events change no figure
                }
            }
        }
    }

    /** A usage object; {@link Usage#INVALID} when a count in it is not a non-negative integer. */
    private static Usage usage(JsonParser p) throws IOException {
        if (!Json.isObject(p)) {
            return null;
        }
        long input = 0;
        long cached = 0;
        long write = 0;
        long output = 0;
        long reasoning = 0;
        long total = -2;
        boolean invalid = false;
        for (String name = nextField(p); name != null; name = nextField(p)) {
            long v = switch (name) {
                case "input_tokens", "cached_input_tokens", "cache_write_input_tokens", "output_tokens",
                        "reasoning_output_tokens", "total_tokens" -> p.currentToken() == JsonToken.VALUE_NULL ? 0
                        : count(p);
                default -> {
                    p.skipChildren();
                    yield 0;
                }
            };
            invalid |= v < 0;
            switch (name) {
                case "input_tokens" -> input = v;
                case "cached_input_tokens" -> cached = v;
                case "cache_write_input_tokens" -> write = v;
                case "output_tokens" -> output = v;
                case "reasoning_output_tokens" -> reasoning = v;
                case "total_tokens" -> total = v;
                default -> {
                    // not a count this adapter uses
                }
            }
        }
        if (invalid) {
            return Usage.INVALID;
        }
        return new Usage(input, cached, write, output, reasoning, total >= 0 ? total : input + output);
    }

    /** One {@code rate_limits} window; null when Codex left it null or it is not a valid figure. */
    private static RateWindow rateWindow(JsonParser p) throws IOException {
        if (!Json.isObject(p)) {
            return null;
        }
        double used = Double.NaN;
        long minutes = -1;
        long resets = 0;
        for (String name = nextField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "used_percent" -> used = Json.amount(p);
                case "window_minutes" -> minutes = count(p);
                case "resets_at" -> resets = Math.max(0, count(p));
                default -> p.skipChildren();
            }
        }
        return Double.isNaN(used) || used > 100 || minutes <= 0 ? null : new RateWindow(used, minutes, resets);
    }
}
