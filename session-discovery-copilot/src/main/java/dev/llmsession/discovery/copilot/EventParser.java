package dev.llmsession.discovery.copilot;

import static dev.llmsession.adapterkit.Json.count;
import static dev.llmsession.adapterkit.Json.nextField;
import static dev.llmsession.adapterkit.Json.text;

import com.fasterxml.jackson.core.JsonParser;
import dev.llmsession.adapterkit.Json;
import java.io.IOException;
import java.time.Instant;

/**
 * Applies one {@code events.jsonl} line ({@code {type, data, id, timestamp, parentId}}) to an {@link EventsState}.
 * Token figures come only from {@code session.usage_record} (one per API call: {@code inputTokens} with the cache
 * inside, {@code outputTokens} with reasoning inside, {@code cacheReadTokens}, {@code cacheWriteTokens},
 * {@code maxPromptTokens}); {@code session.shutdown} repeats the session's running totals at each exit and is
 * read only for the premium requests. Thread-safe.
 */
final class EventParser {

    void line(byte[] line, int length, boolean complete, EventsState state) {
        if (!complete) {
            state.oversizedLines++;
            return;
        }
        try (JsonParser p = Json.parser(line, length)) {
            if (!Json.enterObject(p)) {
                state.malformedLines++;
                return;
            }
            Event e = new Event();
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "type" -> e.type = text(p);
                    case "timestamp" -> e.at = Json.instant(text(p));
                    case "id" -> e.id = text(p);
                    case "data" -> data(p, e);
                    default -> p.skipChildren();
                }
            }
            apply(e, state);
        } catch (IOException | RuntimeException ex) {
            state.malformedLines++;
        }
    }

    /** The fields of an event this adapter uses, whatever its type. */
    private static final class Event {
        String type;
        Instant at;
        String id;
        String sessionId;
        Instant startTime;
        String cwd;
        String branch;
        String model;
        String content;
        String usageId;
        long input = -1;
        long output = -1;
        long cacheRead;
        long cacheWrite;
        long maxPrompt = -1;
        double premium = Double.NaN;
        boolean invalid;
    }

    private static void data(JsonParser p, Event e) throws IOException {
        if (!Json.isObject(p)) {
            return;
        }
        for (String name = nextField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "sessionId" -> e.sessionId = text(p);
                case "startTime" -> e.startTime = Json.instant(text(p));
                case "selectedModel", "currentModel" -> e.model = text(p);
                case "content" -> e.content = text(p);
                case "context" -> context(p, e);
                case "usage" -> usage(p, e);
                case "totalPremiumRequests" -> e.premium = Json.amount(p);
                default -> p.skipChildren();
            }
        }
    }

    private static void context(JsonParser p, Event e) throws IOException {
        if (!Json.isObject(p)) {
            return;
        }
        for (String name = nextField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "cwd" -> e.cwd = text(p);
                case "branch" -> e.branch = text(p);
                default -> p.skipChildren();
            }
        }
    }

    private static void usage(JsonParser p, Event e) throws IOException {
        if (!Json.isObject(p)) {
            return;
        }
        for (String name = nextField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "model" -> e.model = text(p);
                case "inputTokens" -> e.input = count(p);
                case "outputTokens" -> e.output = count(p);
                case "cacheReadTokens" -> e.cacheRead = count(p);
                case "cacheWriteTokens" -> e.cacheWrite = count(p);
                case "maxPromptTokens" -> e.maxPrompt = count(p);
                case "apiCallId" -> e.usageId = e.usageId == null ? text(p) : skip(p);
                case "accounting" -> {
                    if (Json.isObject(p) && Json.toField(p, "usageId")) {
                        e.usageId = text(p);
                        while (nextField(p) != null) {
                            p.skipChildren();
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        e.invalid = e.input < 0 || e.output < 0 || e.cacheRead < 0 || e.cacheWrite < 0;
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static void apply(Event e, EventsState s) {
        s.seen(e.at);
        if (e.type == null) {
            return;
        }
        switch (e.type) {
            case "session.start" -> {
                if (s.sessionId == null) {
                    s.sessionId = e.sessionId;
                }
                s.startTime = s.startTime == null ? (e.startTime != null ? e.startTime : e.at) : s.startTime;
                where(e, s);
                s.shutDown = false;
            }
            case "session.resume" -> {
                where(e, s);
                s.shutDown = false;
            }
            case "user.message" -> {
                if (s.title == null && e.content != null && !e.content.isBlank()) {
                    s.title = e.content.length() > 200 ? e.content.substring(0, 200) : e.content;
                }
            }
            case "assistant.turn_start" -> s.turnOpen = true;
            case "assistant.turn_end" -> s.turnOpen = false;
            case "session.usage_record" -> {
                if (e.invalid) {
                    s.malformedLines++;
                } else {
                    String key = (s.sessionId == null ? "" : s.sessionId) + ":"
                            + (e.usageId != null ? e.usageId : e.id != null ? e.id : String.valueOf(s.calls.size()));
                    s.call(key, e.at, e.model, e.input, e.output, e.cacheRead, e.cacheWrite, e.maxPrompt);
                }
            }
            case "session.shutdown" -> {
                s.shutDown = true;
                s.turnOpen = false;
                if (!Double.isNaN(e.premium)) {
                    s.premiumRequests = e.premium;
                }
            }
            default -> {
                if (e.type.endsWith(".error") || e.type.equals("session.error")) {
                    s.errors++;
                    s.errorTimes.add(e.at == null ? Instant.EPOCH : e.at);
                }
            }
        }
    }

    private static void where(Event e, EventsState s) {
        if (e.cwd != null) {
            s.cwd = e.cwd;
        }
        if (e.branch != null) {
            s.branch = e.branch;
        }
        if (e.model != null && s.model == null) {
            s.model = e.model;
        }
    }
}
