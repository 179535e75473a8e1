package dev.llmsession.discovery.opencode;

import static dev.llmsession.adapterkit.Json.count;
import static dev.llmsession.adapterkit.Json.nextField;
import static dev.llmsession.adapterkit.Json.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.Json;
import java.io.IOException;
import java.time.Instant;

/**
 * One OpenCode message's JSON, the same in {@code opencode.db}'s {@code message.data} (1.2+) and in a legacy
 * {@code storage/message/<session>/<message>.json} file: an assistant message is one API call with
 * {@code modelID}, {@code cost} and {@code tokens {total, input, output, reasoning, cache {read, write}}}.
 * Stored normalised, input without the cache. Whether {@code output} includes {@code reasoning} changed between
 * versions (1.1.65 included it, 1.18.33 does not); {@code total} tells which: it is input + output + cache, plus
 * reasoning only where output excludes it.
 *
 * @param id       the message id
 * @param created  {@code time.created}, or null
 * @param role     {@code user} or {@code assistant}, or null
 * @param model    {@code modelID}, or null
 * @param cost     the cost OpenCode recorded, NaN when none
 * @param tokens   the call, in our classes; null when the message has no (valid) tokens
 * @param invalid  whether its token figures were invalid
 * @param finished whether {@code time.completed} is set
 * @param error    whether it carries an {@code error}
 */
record OcMessage(String id, Instant created, String role, String model, double cost, Call tokens, boolean invalid,
        boolean finished, boolean error) {

    /**
     * The message in {@code length} bytes of {@code data}; null when it is not a JSON object. The id and creation
     * time given (a database row's) stand; else the JSON's are used.
     */
    static OcMessage parse(String knownId, Instant knownCreated, String sessionId, byte[] data, int length) {
        String id = knownId;
        String role = null;
        String model = null;
        double cost = Double.NaN;
        long created = knownCreated == null ? -1 : knownCreated.toEpochMilli();
        long total = -1;
        long input = -1;
        long output = -1;
        long reasoning = 0;
        long cacheRead = 0;
        long cacheWrite = 0;
        boolean hasTokens = false;
        boolean finished = false;
        boolean error = false;
        try (JsonParser p = Json.parser(data, length)) {
            if (!Json.enterObject(p)) {
                return null;
            }
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "id" -> id = knownId != null ? skipText(p, knownId) : text(p);
                    case "role" -> role = text(p);
                    case "modelID" -> model = text(p);
                    case "cost" -> cost = Json.amount(p);
                    case "error" -> {
                        error = p.currentToken() != JsonToken.VALUE_NULL;
                        p.skipChildren();
                    }
                    case "time" -> {
                        if (Json.isObject(p)) {
                            for (String f = nextField(p); f != null; f = nextField(p)) {
                                switch (f) {
                                    case "created" -> {
                                        long at = count(p);
                                        created = knownCreated == null ? at : created;
                                    }
                                    case "completed" -> finished = count(p) > 0;
                                    default -> p.skipChildren();
                                }
                            }
                        }
                    }
                    case "tokens" -> {
                        if (Json.isObject(p)) {
                            hasTokens = true;
                            for (String f = nextField(p); f != null; f = nextField(p)) {
                                switch (f) {
                                    case "total" -> total = count(p);
                                    case "input" -> input = count(p);
                                    case "output" -> output = count(p);
                                    case "reasoning" -> reasoning = count(p);
                                    case "cache" -> {
                                        if (Json.isObject(p)) {
                                            for (String k = nextField(p); k != null; k = nextField(p)) {
                                                switch (k) {
                                                    case "read" -> cacheRead = count(p);
                                                    case "write" -> cacheWrite = count(p);
                                                    default -> p.skipChildren();
                                                }
                                            }
                                        }
                                    }
                                    default -> p.skipChildren();
                                }
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        boolean invalid = hasTokens
                && (input < 0 || output < 0 || reasoning < 0 || cacheRead < 0 || cacheWrite < 0);
        Call call = null;
        if (!invalid && hasTokens && input + output + reasoning + cacheRead + cacheWrite > 0) {
            // total = input + output + cache: output already holds the reasoning (1.1.x)
            boolean outputHoldsReasoning = reasoning > 0 && total == input + output + cacheRead + cacheWrite;
            call = new Call(sessionId + ":" + id, Math.max(0, created), model == null ? "" : model, input,
                    outputHoldsReasoning ? output : output + reasoning, cacheWrite, cacheRead);
        }
        return new OcMessage(id, created > 0 ? Instant.ofEpochMilli(created) : null, role, model, cost, call,
                invalid, finished, error);
    }

    private static String skipText(JsonParser p, String keep) throws IOException {
        p.skipChildren();
        return keep;
    }

    /** Adds this message to its session: the latest role, and for an assistant message its call and error. */
    void applyTo(OcSession s) {
        s.lastRole = role;
        s.lastFinished = finished;
        if (!"assistant".equals(role)) {
            return;
        }
        if (model != null) {
            s.model = model;
        }
        if (error) {
            s.errors++;
            s.errorTimes.add(created);
        }
        if (invalid) {
            s.invalidMessages++;
        } else if (tokens != null) {
            s.calls.add(tokens);
            s.costs.add(cost);
            s.lastPrompt = tokens.input() + tokens.cacheRead() + tokens.cacheWrite();
        }
    }
}
