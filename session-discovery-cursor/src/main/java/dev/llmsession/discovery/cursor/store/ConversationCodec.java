package dev.llmsession.discovery.cursor.store;

import static dev.llmsession.adapterkit.StateCodec.readChars;
import static dev.llmsession.adapterkit.StateCodec.readOptionalLong;
import static dev.llmsession.adapterkit.StateCodec.readSize;
import static dev.llmsession.adapterkit.StateCodec.writeChars;
import static dev.llmsession.adapterkit.StateCodec.writeOptional;

import dev.llmsession.adapterkit.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A conversation's figures as the store keeps them between runs (the {@code TranscriptIndex} state of one composer),
 * so a new process re-reads only the conversations whose fingerprint moved. Only what sessions are built from is
 * kept: no message list, no text beyond the title. The adapter kit's {@link StateCodec}: a state of another
 * version, or of the JSON encoding before it, decodes to empty and the conversation is read again from the
 * database. Stateless and thread-safe.
 */
final class ConversationCodec implements StateCodec<Conversation> {
    /** Bumped when the encoding changes. 2: the kit's frame (1 was a JSON object). */
    static final int VERSION = 2;
    private static final ConversationCodec CODEC = new ConversationCodec();

    private ConversationCodec() {
    }

    static byte[] encode(Conversation c) {
        return StateCodec.encode(CODEC, c);
    }

    /** The conversation, or empty when the state is of another version or damaged (then it is read again). */
    static Optional<Conversation> decode(byte[] state) {
        return StateCodec.decode(CODEC, state);
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public void write(Conversation c, DataOutputStream out) throws IOException {
        Composer m = c.composer();
        writeChars(out, m.id());
        writeChars(out, m.name().orElse(null));
        writeOptional(out, m.createdAt());
        writeOptional(out, m.lastUpdatedAt());
        writeChars(out, m.status().orElse(null));
        writeChars(out, m.mode().orElse(null));
        writeChars(out, m.model().orElse(null));
        writeOptional(out, m.contextUsed());
        writeOptional(out, m.contextLimit());
        out.writeBoolean(m.generating());
        writeChars(out, m.workspacePath().orElse(null));
        writeChars(out, c.source().toString());
        out.writeInt(c.messages());
        out.writeInt(c.userMessages());
        out.writeLong(c.measuredInput());
        out.writeLong(c.measuredOutput());
        out.writeLong(c.measuredCalls());
        writeOptional(out, c.contextUsed());
        writeOptional(out, c.contextLimit());
        writeOptional(out, c.firstMessageAt());
        writeOptional(out, c.lastMessageAt());
        out.writeInt(c.toolErrors());
        writeChars(out, c.latestModel().orElse(null));
        writeChars(out, c.firstUserText().orElse(null));
        out.writeInt(c.attachedFiles().size());
        for (String f : c.attachedFiles()) {
            writeChars(out, f);
        }
        out.writeInt(c.unparsed());
        out.writeInt(c.oversized());
    }

    @Override
    public Conversation read(DataInputStream in) throws IOException {
        String id = readChars(in);
        if (id == null) {
            throw new IOException("no composer id");
        }
        Composer composer = new Composer(id, text(in), readOptionalLong(in), readOptionalLong(in), text(in), text(in),
                text(in), readOptionalLong(in), readOptionalLong(in), in.readBoolean(), text(in), List.of(), List.of(),
                List.of());
        String source = readChars(in);
        if (source == null) {
            throw new IOException("no source");
        }
        Path path = Path.of(source);
        int messages = in.readInt();
        int users = in.readInt();
        long input = in.readLong();
        long output = in.readLong();
        long calls = in.readLong();
        var contextUsed = readOptionalLong(in);
        var contextLimit = readOptionalLong(in);
        var first = readOptionalLong(in);
        var last = readOptionalLong(in);
        int toolErrors = in.readInt();
        Optional<String> latestModel = text(in);
        Optional<String> firstText = text(in);
        int n = readSize(in, in.available());
        List<String> files = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            files.add(readChars(in));
        }
        return new Conversation(composer, path, messages, users, input, output, calls, contextUsed, contextLimit,
                first, last, toolErrors, latestModel, firstText, files, in.readInt(), in.readInt());
    }

    private static Optional<String> text(DataInputStream in) throws IOException {
        return Optional.ofNullable(readChars(in));
    }
}
