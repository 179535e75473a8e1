package dev.llmsession.discovery.claudecode.events;

import dev.llmsession.adapterkit.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.discovery.claudecode.transcript.JsonStringPeek;
import dev.llmsession.discovery.claudecode.transcript.RegionInputStream;
import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.ConversationEvent.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses one Claude Code transcript line into conversation events with a streaming parser over the file: no tree is
 * built and no string is materialised by the parser; every text is decoded from its first bytes only
 * ({@link JsonStringPeek}), so a 50 MB line costs a few kilobytes. Field order is not assumed. Sub-agent (sidechain)
 * lines, injected ({@code isMeta}) texts, command echoes and bookkeeping types give no events. Stateless apart from
 * the kit's shared factory.
 */
final class LineEvents {
    private static final Logger LOG = LoggerFactory.getLogger(LineEvents.class);
    /** Characters kept of a short field (type, timestamp, ids, a tool's name). */
    private static final int SHORT = 120;
    /** User texts that are not typed prompts: commands, notifications, injected reminders. */
    private static final List<String> NOT_PROMPTS = List.of("<command-name>", "<command-message>",
            "<command-args>", "<local-command-", "<task-notification>", "<system-reminder>", "Caveat:",
            "<bash-input>", "<bash-stdout>", "<bash-stderr>", "<user-prompt-submit-hook>");
    private static final String INTERRUPT = "[Request interrupted";
    /** Tool input fields that name what a call acts on, most telling first. */
    private static final List<String> TARGETS = List.of("file_path", "notebook_path", "command", "pattern", "url",
            "query", "path", "skill", "description", "prompt");


    /** The events of the line in {@code [start, end)} of {@code channel}; none when it is not a JSON object. */
    List<ConversationEvent> parse(FileChannel channel, long start, long end) {
        Line line = new Line(channel, start, end);
        try (InputStream in = new RegionInputStream(channel, start, end); JsonParser p = Json.FACTORY.createParser(in)) {
            line.read(p);
        } catch (IOException | RuntimeException e) {
            LOG.trace("line at {} skipped: {}", start, e.toString());
            return List.of();
        }
        return line.events();
    }

    /** What one line holds, filled while its tokens stream by. */
    private static final class Line {
        private final FileChannel channel;
        private final long start;
        private final long end;
        String type;
        String subtype;
        Instant at;
        boolean sidechain;
        boolean meta;
        boolean compactSummary;
        boolean apiError;
        String trigger;
        Long preTokens;
        String systemContent;
        /** The message's blocks in order; a string content is one text block. */
        final List<Block> blocks = new ArrayList<>();

        Line(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.start = start;
            this.end = end;
        }

        void read(JsonParser p) throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> type = string(p, SHORT);
                    case "subtype" -> subtype = string(p, SHORT);
                    case "timestamp" -> at = instant(string(p, SHORT));
                    case "isSidechain" -> sidechain = value == JsonToken.VALUE_TRUE;
                    case "isMeta" -> meta = value == JsonToken.VALUE_TRUE;
                    case "isCompactSummary" -> compactSummary = value == JsonToken.VALUE_TRUE;
                    case "isApiErrorMessage" -> apiError = value == JsonToken.VALUE_TRUE;
                    case "content" -> systemContent = string(p, ConversationEvent.MAX_TEXT);
                    case "compactMetadata" -> compactMetadata(p);
                    case "message" -> message(p);
                    default -> p.skipChildren();
                }
            }
        }

        private void compactMetadata(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("trigger".equals(name)) {
                    trigger = string(p, SHORT);
                } else if ("preTokens".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    preTokens = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
        }

        private void message(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("content".equals(name) && value == JsonToken.VALUE_STRING) {
                    Block b = new Block();
                    b.type = "text";
                    b.text = string(p, ConversationEvent.MAX_TEXT);
                    blocks.add(b);
                } else if ("content".equals(name) && value == JsonToken.START_ARRAY) {
                    blocks(p);
                } else {
                    p.skipChildren();
                }
            }
        }

        private void blocks(JsonParser p) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                Block b = new Block();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (name) {
                        case "type" -> b.type = string(p, SHORT);
                        case "id" -> b.id = string(p, SHORT);
                        case "tool_use_id" -> b.id = string(p, SHORT);
                        case "name" -> b.name = string(p, SHORT);
                        case "is_error" -> b.error = value == JsonToken.VALUE_TRUE;
                        case "text" -> b.text = string(p, ConversationEvent.MAX_TEXT);
                        case "content" -> b.text = resultText(p);
                        case "input" -> input(p, b);
                        default -> p.skipChildren();
                    }
                }
                if (blocks.size() < 64) {
                    blocks.add(b);
                }
            }
        }

        /** A tool result's content: a string, or its first text block. */
        private String resultText(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return string(p, ConversationEvent.MAX_TARGET);
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                return null;
            }
            String found = null;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("text".equals(name) && value == JsonToken.VALUE_STRING && found == null) {
                        found = string(p, ConversationEvent.MAX_TARGET);
                    } else {
                        p.skipChildren();
                    }
                }
            }
            return found;
        }

        private void input(JsonParser p, Block b) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING && TARGETS.contains(name) && b.targets.size() < TARGETS.size()) {
                    b.targets.put(name, string(p, ConversationEvent.MAX_TARGET));
                } else {
                    p.skipChildren();
                }
            }
        }

        /** The first {@code max} characters of the current string value, decoded from the file; null otherwise. */
        private String string(JsonParser p, int max) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                p.skipChildren();
                return null;
            }
            long at = start + p.currentTokenLocation().getByteOffset();
            int want = (int) Math.min(JsonStringPeek.bytesFor(max), end - at);
            if (want <= 0) {
                return "";
            }
            ByteBuffer buffer = ByteBuffer.allocate(want);
            long position = at;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n <= 0) {
                    break;
                }
                position += n;
            }
            return JsonStringPeek.decode(buffer.array(), 0, buffer.position(), max);
        }

        List<ConversationEvent> events() {
            if (sidechain || type == null) {
                return List.of();
            }
            return switch (type) {
                case "user" -> user();
                case "assistant" -> assistant();
                case "system" -> system();
                default -> List.of();
            };
        }

        private List<ConversationEvent> user() {
            List<ConversationEvent> out = new ArrayList<>();
            for (Block b : blocks) {
                if ("tool_result".equals(b.type)) {
                    out.add(ConversationEvent.toolResult(at, b.id, b.error, b.text));
                } else if ("text".equals(b.type) && b.text != null && !b.text.isBlank()) {
                    String t = b.text.strip();
                    if (t.startsWith(INTERRUPT)) {
                        out.add(ConversationEvent.text(at, Kind.ERROR, "interrupted by the user"));
                    } else if (!meta && !compactSummary && NOT_PROMPTS.stream().noneMatch(t::startsWith)) {
                        out.add(ConversationEvent.text(at, Kind.PROMPT, t));
                    }
                }
            }
            return out;
        }

        private List<ConversationEvent> assistant() {
            List<ConversationEvent> out = new ArrayList<>();
            for (Block b : blocks) {
                if ("text".equals(b.type) && b.text != null && !b.text.isBlank()) {
                    out.add(ConversationEvent.text(at, apiError ? Kind.ERROR : Kind.REPLY, b.text.strip()));
                } else if ("tool_use".equals(b.type) && b.name != null) {
                    String target = TARGETS.stream().map(b.targets::get).filter(v -> v != null && !v.isBlank())
                            .findFirst().orElse(null);
                    out.add(ConversationEvent.toolCall(at, b.id, b.name, target));
                }
            }
            return out;
        }

        private List<ConversationEvent> system() {
            if ("compact_boundary".equals(subtype)) {
                String how = trigger == null ? "" : " (" + trigger
                        + (preTokens == null ? "" : ", " + NumberFormat.getIntegerInstance(Locale.ROOT).format(preTokens)
                                + " tokens before")
                        + ")";
                return List.of(ConversationEvent.text(at, Kind.COMPACTION, "conversation compacted" + how));
            }
            if ("api_error".equals(subtype)) {
                return List.of(ConversationEvent.text(at, Kind.ERROR,
                        "API error, retrying" + (systemContent == null ? "" : ": " + systemContent)));
            }
            return List.of();
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

    /** One content block of a message. */
    private static final class Block {
        String type;
        String id;
        String name;
        boolean error;
        String text;
        final Map<String, String> targets = new HashMap<>();
    }
}
