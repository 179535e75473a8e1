package dev.llmsession.discovery.gemini;

import static dev.llmsession.adapterkit.Json.count;
import static dev.llmsession.adapterkit.Json.nextField;
import static dev.llmsession.adapterkit.Json.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.adapterkit.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * Reads Gemini CLI chat records into a {@link ChatState} with the kit's streaming helpers. A JSONL line is a
 * header ({@code sessionId}, {@code startTime}, {@code kind}), a {@code $set} patch (whose {@code messages} array
 * re-lists the conversation), a {@code $rewindTo} marker, or a message ({@code id}, {@code type}, …); the legacy
 * {@code .json} file is one object with all of these at once. Thread-safe.
 */
final class ChatParser {
    /** The longest user text kept (for the title). */
    static final int MAX_TEXT = 200;

    /** One JSONL line. */
    void line(byte[] line, int length, boolean complete, ChatState state) {
        if (!complete) {
            state.oversizedLines++;
            return;
        }
        try (JsonParser p = Json.parser(line, length)) {
            if (!Json.enterObject(p)) {
                state.malformedLines++;
                return;
            }
            record(p, state);
            if (p.nextToken() != null) {
                state.malformedLines++;
            }
        } catch (IOException | RuntimeException e) {
            state.malformedLines++;
        }
    }

    /** A whole legacy {@code session-*.json} file. */
    void wholeFile(InputStream in, ChatState state) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(in)) {
            if (!Json.enterObject(p)) {
                state.malformedLines++;
                return;
            }
            record(p, state);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // A file caught mid-rewrite: what was read so far stands, the rest waits for the next change.
            state.malformedLines++;
        }
    }

    /** The object {@code p} is inside: its fields applied to {@code state}. */
    private static void record(JsonParser p, ChatState state) throws IOException {
        String sessionId = null;
        Instant start = null;
        String kind = null;
        String id = null;
        ChatMessage m = new ChatMessage();
        for (String name = nextField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "sessionId" -> sessionId = text(p);
                case "startTime" -> start = Json.instant(text(p));
                case "lastUpdated" -> state.seen(Json.instant(text(p)));
                case "kind" -> kind = text(p);
                case "messages" -> messages(p, state);
                case "$set" -> {
                    if (Json.isObject(p)) {
                        record(p, state);
                    }
                }
                case "id" -> id = text(p);
                default -> message(name, p, m);
            }
        }
        if (sessionId != null || start != null) {
            state.header(sessionId, start, kind);
        }
        if (id != null && m.type != null) {
            state.message(id, m);
        }
    }

    private static void messages(JsonParser p, ChatState state) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = null;
            ChatMessage m = new ChatMessage();
            for (String name = nextField(p); name != null; name = nextField(p)) {
                if ("id".equals(name)) {
                    id = text(p);
                } else {
                    message(name, p, m);
                }
            }
            if (id != null && m.type != null) {
                state.message(id, m);
            }
        }
    }

    /** One field of a message record. */
    private static void message(String name, JsonParser p, ChatMessage m) throws IOException {
        switch (name) {
            case "type" -> m.type = text(p);
            case "timestamp" -> m.at = Json.instant(text(p));
            case "model" -> m.model = text(p);
            case "content" -> m.text = content(p);
            case "tokens" -> m.tokens = tokens(p);
            default -> p.skipChildren();
        }
    }

    /** A message's text: a string, or the {@code text} of its first part; cut to {@link #MAX_TEXT}. */
    private static String content(JsonParser p) throws IOException {
        String out = null;
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            out = p.getText();
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null) {
                if (p.currentToken() == JsonToken.START_OBJECT) {
                    for (String f = nextField(p); f != null; f = nextField(p)) {
                        if ("text".equals(f) && out == null) {
                            out = text(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } else {
            p.skipChildren();
        }
        return out == null ? null : out.length() > MAX_TEXT ? out.substring(0, MAX_TEXT) : out;
    }

    /** The {@code tokens} object; null when absent or when a figure in it is not a valid count. */
    private static GeminiTokens tokens(JsonParser p) throws IOException {
        if (!Json.isObject(p)) {
            return null;
        }
        long input = -1;
        long output = -1;
        long cached = 0;
        long thoughts = 0;
        long tool = 0;
        boolean invalid = false;
        for (String name = nextField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "input" -> input = count(p);
                case "output" -> output = count(p);
                case "cached" -> cached = count(p);
                case "thoughts" -> thoughts = count(p);
                case "tool" -> tool = count(p);
                default -> p.skipChildren();
            }
            invalid |= cached < 0 || thoughts < 0 || tool < 0;
        }
        return invalid || input < 0 || output < 0 ? null : new GeminiTokens(input, output, cached, thoughts, tool);
    }
}
