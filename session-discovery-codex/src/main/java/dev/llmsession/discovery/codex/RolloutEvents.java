package dev.llmsession.discovery.codex;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.adapterkit.Json;
import dev.llmsession.adapterkit.JsonlEvents;
import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.ConversationEvent.Kind;
import dev.llmsession.spi.EventStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Codex rollout as conversation events: typed prompts and replies ({@code event_msg} {@code user_message} /
 * {@code agent_message}), tool calls and their outputs ({@code response_item} {@code function_call},
 * {@code custom_tool_call} and their {@code *_output}), errors, aborted turns and compactions. The kit's
 * {@link JsonlEvents} reads the lines (from where the last poll stopped, a line still being written waits, an
 * oversized one is skipped); this class says what one line means. Prompts and replies 0.171 writes as
 * {@code item_completed} items ({@link MessageItem}) are read when the rollout starts that way. One per stream.
 */
final class RolloutEvents implements JsonlEvents.LineEvents {
    private static final Pattern EXIT = Pattern.compile("(?i)(?:exit code|exited with code)[:\\s]+(-?\\d+)");

    private final MessageItem.Family family = new MessageItem.Family();

    private RolloutEvents() {
    }

    static Optional<EventStream> open(Path rollout) {
        return JsonlEvents.open(List.of(rollout), new RolloutEvents());
    }

    @Override
    public void line(byte[] line, int length, List<ConversationEvent> out) {
        Item item = new Item();
        try (JsonParser p = Json.parser(line, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("timestamp".equals(name)) {
                    item.at = instant(text(p, 64));
                } else if ("type".equals(name)) {
                    item.type = text(p, 64);
                } else if ("payload".equals(name) && value == JsonToken.START_OBJECT) {
                    payload(p, item);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        item.events(out, family);
    }

    private static void payload(JsonParser p, Item item) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "type" -> item.kind = text(p, 64);
                case "message" -> item.message = text(p, ConversationEvent.MAX_TEXT);
                case "reason" -> item.reason = text(p, 200);
                case "name" -> item.name = text(p, 120);
                case "call_id" -> item.callId = text(p, 120);
                case "arguments", "input" -> item.arguments = text(p, 8_000);
                case "output" -> item.output = text(p, ConversationEvent.MAX_TARGET);
                case "item" -> item.messageItem = MessageItem.read(p, ConversationEvent.MAX_TEXT);
                default -> p.skipChildren();
            }
        }
    }

    private static String text(JsonParser p, int max) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return null;
        }
        String t = p.getText(); // bounded by MAX_LINE
        return t.length() <= max ? t : t.substring(0, max);
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The fields of one rollout line that events are made of. */
    private static final class Item {
        Instant at;
        String type;
        String kind;
        String message;
        String reason;
        String name;
        String callId;
        String arguments;
        String output;
        MessageItem messageItem;

        void events(List<ConversationEvent> out, MessageItem.Family family) {
            if ("compacted".equals(type)) {
                out.add(ConversationEvent.text(at, Kind.COMPACTION, "conversation compacted"));
            } else if ("event_msg".equals(type) && kind != null) {
                switch (kind) {
                    case "user_message", "agent_message" -> {
                        if (family.accept(false)) {
                            add(out, kind.equals("user_message") ? Kind.PROMPT : Kind.REPLY, message);
                        }
                    }
                    case "item_completed" -> {
                        if (messageItem != null && family.accept(true)) {
                            add(out, messageItem.user() ? Kind.PROMPT : Kind.REPLY, messageItem.text());
                        }
                    }
                    case "error" -> add(out, Kind.ERROR, message == null ? "error" : message);
                    case "turn_aborted" -> add(out, Kind.ERROR, "turn aborted" + (reason == null ? "" : ": " + reason));
                    default -> {
                        // token counts, reasoning, task markers: not conversation
                    }
                }
            } else if ("response_item".equals(type) && kind != null) {
                switch (kind) {
                    case "function_call", "custom_tool_call" -> out.add(ConversationEvent.toolCall(at, callId, name,
                            target(arguments)));
                    case "function_call_output", "custom_tool_call_output" -> {
                        Matcher m = output == null ? null : EXIT.matcher(output);
                        boolean failed = m != null && m.find() && !m.group(1).equals("0");
                        out.add(ConversationEvent.toolResult(at, callId, failed, output));
                    }
                    default -> {
                        // messages are shown through their event_msg twins; reasoning is not shown
                    }
                }
            }
        }

        private void add(List<ConversationEvent> out, Kind k, String text) {
            if (text != null && !text.isBlank()) {
                out.add(ConversationEvent.text(at, k, text.strip()));
            }
        }

        /** What a call acts on: the command or path of its JSON arguments, else the first line of its input. */
        private static String target(String arguments) {
            if (arguments == null || arguments.isBlank()) {
                return null;
            }
            try (JsonParser p = Json.FACTORY.createParser(arguments)) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken v = p.nextToken();
                        if (List.of("cmd", "path", "file_path", "query").contains(name) && v == JsonToken.VALUE_STRING) {
                            return cut(p.getText());
                        }
                        if ("command".equals(name) && v == JsonToken.START_ARRAY) {
                            List<String> words = new ArrayList<>();
                            while (p.nextToken() == JsonToken.VALUE_STRING) {
                                words.add(p.getText());
                            }
                            // ["bash", "-lc", "<script>"]: the script says what it does
                            return cut(words.isEmpty() ? "" : words.get(words.size() - 1));
                        }
                        p.skipChildren();
                    }
                    return null;
                }
            } catch (IOException | RuntimeException e) {
                // not JSON: a custom tool's free-form input (a patch), shown by its first line
            }
            String first = arguments.strip().lines().findFirst().orElse("");
            return cut(first);
        }

        private static String cut(String s) {
            return s.length() <= ConversationEvent.MAX_TARGET ? s : s.substring(0, ConversationEvent.MAX_TARGET);
        }
    }
}
