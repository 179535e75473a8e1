package dev.llmsession.discovery.cursor.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A conversation's figures as the store keeps them between runs (the {@code TranscriptIndex} state of one composer),
 * so a new process re-reads only the conversations whose fingerprint moved. Only what sessions are built from is
 * kept: no message list, no text beyond the title. Stateless and thread-safe.
 */
final class ConversationCodec {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** Bumped when the encoding changes: an entry of another version is read again from the DB. */
    static final int VERSION = 1;

    private ConversationCodec() {
    }

    static byte[] encode(Conversation c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            Composer m = c.composer();
            g.writeStartObject();
            g.writeNumberField("v", VERSION);
            g.writeStringField("id", m.id());
            text(g, "name", m.name());
            number(g, "created", m.createdAt());
            number(g, "updated", m.lastUpdatedAt());
            text(g, "status", m.status());
            text(g, "mode", m.mode());
            text(g, "model", m.model());
            number(g, "ctxUsed", m.contextUsed());
            number(g, "ctxLimit", m.contextLimit());
            g.writeBooleanField("generating", m.generating());
            text(g, "workspace", m.workspacePath());
            g.writeStringField("source", c.source().toString());
            g.writeNumberField("messages", c.messages());
            g.writeNumberField("users", c.userMessages());
            g.writeNumberField("in", c.measuredInput());
            g.writeNumberField("out", c.measuredOutput());
            g.writeNumberField("calls", c.measuredCalls());
            number(g, "bCtxUsed", c.contextUsed());
            number(g, "bCtxLimit", c.contextLimit());
            number(g, "first", c.firstMessageAt());
            number(g, "last", c.lastMessageAt());
            g.writeNumberField("toolErrors", c.toolErrors());
            text(g, "latestModel", c.latestModel());
            text(g, "firstText", c.firstUserText());
            g.writeArrayFieldStart("files");
            for (String f : c.attachedFiles()) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeNumberField("unparsed", c.unparsed());
            g.writeNumberField("oversized", c.oversized());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a conversation in memory", e);
        }
        return out.toByteArray();
    }

    /** The conversation, or empty when the state is of another version or damaged (then it is read again). */
    static Optional<Conversation> decode(byte[] state) {
        String id = null;
        String name = null;
        String status = null;
        String mode = null;
        String model = null;
        String workspace = null;
        String source = null;
        String latestModel = null;
        String firstText = null;
        Long created = null;
        Long updated = null;
        Long ctxUsed = null;
        Long ctxLimit = null;
        Long bCtxUsed = null;
        Long bCtxLimit = null;
        Long first = null;
        Long last = null;
        long[] counts = new long[8];
        boolean generating = false;
        int version = -1;
        List<String> files = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(state)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                String s = t == JsonToken.VALUE_STRING ? p.getText() : null;
                Long n = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                switch (f) {
                    case "v" -> version = n == null ? -1 : n.intValue();
                    case "id" -> id = s;
                    case "name" -> name = s;
                    case "created" -> created = n;
                    case "updated" -> updated = n;
                    case "status" -> status = s;
                    case "mode" -> mode = s;
                    case "model" -> model = s;
                    case "ctxUsed" -> ctxUsed = n;
                    case "ctxLimit" -> ctxLimit = n;
                    case "generating" -> generating = t == JsonToken.VALUE_TRUE;
                    case "workspace" -> workspace = s;
                    case "source" -> source = s;
                    case "messages" -> counts[0] = n == null ? 0 : n;
                    case "users" -> counts[1] = n == null ? 0 : n;
                    case "in" -> counts[2] = n == null ? 0 : n;
                    case "out" -> counts[3] = n == null ? 0 : n;
                    case "calls" -> counts[4] = n == null ? 0 : n;
                    case "toolErrors" -> counts[5] = n == null ? 0 : n;
                    case "unparsed" -> counts[6] = n == null ? 0 : n;
                    case "oversized" -> counts[7] = n == null ? 0 : n;
                    case "bCtxUsed" -> bCtxUsed = n;
                    case "bCtxLimit" -> bCtxLimit = n;
                    case "first" -> first = n;
                    case "last" -> last = n;
                    case "latestModel" -> latestModel = s;
                    case "firstText" -> firstText = s;
                    case "files" -> {
                        while (t == JsonToken.START_ARRAY && p.nextToken() == JsonToken.VALUE_STRING) {
                            files.add(p.getText());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (version != VERSION || id == null || source == null) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(source);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        Composer composer = new Composer(id, Optional.ofNullable(name), opt(created), opt(updated),
                Optional.ofNullable(status), Optional.ofNullable(mode), Optional.ofNullable(model), opt(ctxUsed),
                opt(ctxLimit), generating, Optional.ofNullable(workspace), List.of(), List.of(), List.of());
        return Optional.of(new Conversation(composer, path, (int) counts[0], (int) counts[1], counts[2], counts[3],
                counts[4], opt(bCtxUsed), opt(bCtxLimit), opt(first), opt(last), (int) counts[5],
                Optional.ofNullable(latestModel), Optional.ofNullable(firstText), files, (int) counts[6],
                (int) counts[7]));
    }

    private static void text(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }

    private static void number(JsonGenerator g, String name, OptionalLong value) throws IOException {
        if (value.isPresent()) {
            g.writeNumberField(name, value.getAsLong());
        }
    }

    private static OptionalLong opt(Long v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
