package dev.llmsession.discovery.copilot;

import static dev.llmsession.adapterkit.Json.nextField;
import static dev.llmsession.adapterkit.Json.text;

import com.fasterxml.jackson.core.JsonParser;
import dev.llmsession.adapterkit.Json;
import dev.llmsession.adapterkit.JsonlEvents;
import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.ConversationEvent.Kind;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * What one line of Copilot CLI's {@code events.jsonl} says as conversation events ({@code {type, timestamp,
 * data}}): {@code user.message} is a prompt (its {@code content}: what was typed, not the
 * {@code transformedContent} Copilot sends), {@code assistant.message} a reply, a {@code *.error} event an error
 * (its {@code message}). Tool events were not in the captured files and are not shown. Stateless.
 */
final class CopilotEvents {
    private CopilotEvents() {
    }

    static void line(byte[] line, int length, List<ConversationEvent> out) {
        String type = null;
        Instant at = null;
        String content = null;
        String message = null;
        try (JsonParser p = Json.parser(line, length)) {
            if (!Json.enterObject(p)) {
                return;
            }
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "type" -> type = text(p);
                    case "timestamp" -> at = Json.instant(text(p));
                    case "data" -> {
                        if (Json.isObject(p)) {
                            for (String f = nextField(p); f != null; f = nextField(p)) {
                                switch (f) {
                                    case "content" -> content = text(p);
                                    case "message" -> message = text(p);
                                    default -> p.skipChildren();
                                }
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (type == null) {
            return;
        }
        if (type.equals("user.message")) {
            add(out, at, Kind.PROMPT, content);
        } else if (type.equals("assistant.message")) {
            add(out, at, Kind.REPLY, content);
        } else if (type.endsWith(".error")) {
            add(out, at, Kind.ERROR, message != null ? message : type);
        }
    }

    private static void add(List<ConversationEvent> out, Instant at, Kind kind, String text) {
        if (text != null && !text.isBlank()) {
            out.add(ConversationEvent.text(at, kind, JsonlEvents.cut(text.strip(), ConversationEvent.MAX_TEXT)));
        }
    }
}
