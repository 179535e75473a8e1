package dev.llmsession.discovery.gemini;

import static dev.llmsession.adapterkit.Json.nextField;
import static dev.llmsession.adapterkit.Json.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.adapterkit.Json;
import dev.llmsession.adapterkit.JsonlEvents;
import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.ConversationEvent.Kind;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one line of a Gemini CLI 0.61 chat file says as conversation events: a top-level message record
 * ({@code {id, timestamp, type, content}}) of type {@code user} is a prompt, {@code gemini} a reply, {@code error}
 * an error. {@code $set} lines (metadata, and the history a {@code --resume} re-lists) add nothing, and a message
 * written twice under one id (one that called a tool) is shown once. One instance per stream: it remembers the ids
 * it has shown. Not thread-safe.
 */
final class ChatEvents implements JsonlEvents.LineEvents {
    /** Ids remembered; past this a repeated record could show twice (never seen: a chat holds far fewer). */
    private static final int MAX_IDS = 1 << 20;
    private final Set<String> shown = new HashSet<>();

    @Override
    public void line(byte[] line, int length, List<ConversationEvent> out) {
        String id = null;
        String type = null;
        Instant at = null;
        String content = null;
        try (JsonParser p = Json.parser(line, length)) {
            if (!Json.enterObject(p)) {
                return;
            }
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "id" -> id = text(p);
                    case "type" -> type = text(p);
                    case "timestamp" -> at = Json.instant(text(p));
                    case "content" -> content = content(p);
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        Kind kind = type == null ? null : switch (type) {
            case "user" -> Kind.PROMPT;
            case "gemini" -> Kind.REPLY;
            case "error" -> Kind.ERROR;
            default -> null;
        };
        if (id == null || kind == null || content == null || content.isBlank() || shown.contains(id)) {
            return;
        }
        if (shown.size() < MAX_IDS) {
            shown.add(id);
        }
        out.add(ConversationEvent.text(at, kind, content.strip()));
    }

    /** A string, or the {@code text} parts of an array joined by blank lines; cut to the event's bound. */
    private static String content(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return JsonlEvents.cut(p.getText(), ConversationEvent.MAX_TEXT);
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        StringBuilder out = new StringBuilder();
        while (p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            for (String f = nextField(p); f != null; f = nextField(p)) {
                String t = "text".equals(f) ? text(p) : null;
                if (t == null) {
                    p.skipChildren();
                } else if (out.length() < ConversationEvent.MAX_TEXT) {
                    out.append(out.isEmpty() ? "" : "\n\n").append(t);
                }
            }
        }
        return JsonlEvents.cut(out.toString(), ConversationEvent.MAX_TEXT);
    }
}
