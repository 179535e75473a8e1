package dev.llmsession.discovery.claudecode.transcript;

import static dev.llmsession.adapterkit.StateCodec.readChars;
import static dev.llmsession.adapterkit.StateCodec.readOptionalLong;
import static dev.llmsession.adapterkit.StateCodec.readSize;
import static dev.llmsession.adapterkit.StateCodec.readTime;
import static dev.llmsession.adapterkit.StateCodec.writeChars;
import static dev.llmsession.adapterkit.StateCodec.writeOptional;
import static dev.llmsession.adapterkit.StateCodec.writeTime;

import dev.llmsession.adapterkit.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link SummaryBuilder}'s state as the kit's {@link StateCodec} stores it: the sidechain-file flag, counters,
 * scalar fields, the state signal, the error lists and the usage records. Text is kept exactly (lone surrogates
 * too). Anything that does not decode exactly (another version, an encoding from before the kit, another kind of
 * file, truncated, trailing bytes) is rejected, and the file is read again from zero. Stateless.
 */
final class BuilderState implements StateCodec<SummaryBuilder> {

    /**
     * Bump on any layout change: old states are then simply re-read from zero. 3: the kit's frame. 4: compact usage
     * records (ids as Latin-1 bytes when they fit, models by index, counts as variable-length numbers): a huge
     * session's state is about half as large.
     */
    static final int VERSION = 4;
    static final BuilderState CODEC = new BuilderState();

    private BuilderState() {
    }

    @Override
    public int version() {
        return VERSION;
    }

    static byte[] encode(SummaryBuilder b, byte[] prefix) {
        return StateCodec.encode(CODEC, b, prefix);
    }

    static Optional<SummaryBuilder> decode(byte[] state, boolean sidechainFile) {
        return StateCodec.decode(CODEC, state).filter(b -> b.sidechainFile == sidechainFile);
    }

    @Override
    public void write(SummaryBuilder b, DataOutputStream out) throws IOException {
        out.writeBoolean(b.sidechainFile);
        out.writeLong(b.lineNumber);
        out.writeLong(b.malformed);
        out.writeLong(b.withoutKey);
        out.writeLong(b.huge);
        out.writeLong(b.maxContext);
        writeTime(out, b.first);
        writeTime(out, b.last);
        writeTime(out, b.lastSeen);
        writeOptional(out, b.context);
        out.writeBoolean(b.compactedLast);
        out.writeBoolean(b.retrying);
        for (String s : new String[] {b.contextModel, b.model, b.cwd, b.gitBranch, b.title, b.firstPrompt,
                b.version, b.sessionId}) {
            writeChars(out, s);
        }
        writeChars(out, b.signal.kind().name());
        writeChars(out, b.signal.detail());
        writeTime(out, b.signal.timestamp());
        out.writeInt(b.apiErrors.size());
        for (Instant t : b.apiErrors) {
            writeTime(out, t);
        }
        out.writeInt(b.interrupts.size());
        for (Instant t : b.interrupts) {
            writeTime(out, t);
        }
        out.writeInt(b.toolErrors.size());
        for (var e : b.toolErrors.entrySet()) {
            writeChars(out, e.getKey());
            writeTime(out, e.getValue());
        }
        java.util.Map<String, Integer> models = new java.util.HashMap<>();
        out.writeInt(b.byKey.size());
        for (UsageRecord r : b.byKey.values()) {
            record(out, r, models);
        }
        out.writeInt(b.keyless.size());
        for (UsageRecord r : b.keyless) {
            record(out, r, models);
        }
    }

    @Override
    public SummaryBuilder read(DataInputStream in) throws IOException {
        SummaryBuilder b = new SummaryBuilder(in.readBoolean());
        b.lineNumber = in.readLong();
        b.malformed = in.readLong();
        b.withoutKey = in.readLong();
        b.huge = in.readLong();
        b.maxContext = in.readLong();
        b.first = readTime(in);
        b.last = readTime(in);
        b.lastSeen = readTime(in);
        b.context = readOptionalLong(in);
        b.compactedLast = in.readBoolean();
        b.retrying = in.readBoolean();
        b.contextModel = readChars(in);
        b.model = readChars(in);
        b.cwd = readChars(in);
        b.gitBranch = readChars(in);
        b.title = readChars(in);
        b.firstPrompt = readChars(in);
        b.version = readChars(in);
        b.sessionId = readChars(in);
        StateSignal.Kind kind = StateSignal.Kind.valueOf(readChars(in));
        String detail = readChars(in);
        Instant signalAt = readTime(in);
        b.signal = kind == StateSignal.Kind.NONE && signalAt == null && StateSignal.NONE.detail().equals(detail)
                ? StateSignal.NONE : new StateSignal(kind, detail, signalAt);
        for (int i = count(in); i > 0; i--) {
            b.apiErrors.add(readTime(in));
        }
        for (int i = count(in); i > 0; i--) {
            b.interrupts.add(readTime(in));
        }
        for (int i = count(in); i > 0; i--) {
            b.toolErrors.put(readChars(in), readTime(in));
        }
        java.util.List<String> models = new java.util.ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            UsageRecord r = record(in, models);
            b.byKey.put(CallKey.of(r), r);
        }
        for (int i = count(in); i > 0; i--) {
            b.keyless.add(record(in, models));
        }
        return b;
    }

    private static int count(DataInputStream in) throws IOException {
        return readSize(in, in.available());
    }

    private static void record(DataOutputStream out, UsageRecord r, java.util.Map<String, Integer> models)
            throws IOException {
        id(out, r.messageId());
        id(out, r.requestId());
        // 0: no model; n: the n-th model of this state, written in full where it first appears
        String model = r.model();
        Integer index = model == null ? Integer.valueOf(0) : models.get(model);
        if (index == null) {
            models.put(model, models.size() + 1);
            varint(out, models.size());
            writeChars(out, model);
        } else {
            varint(out, index);
        }
        varint(out, r.input());
        varint(out, r.output());
        varint(out, r.cacheWrite5m());
        varint(out, r.cacheWrite1h());
        varint(out, r.cacheWriteFlat());
        varint(out, r.cacheRead());
        out.writeByte((r.fast() ? 1 : 0) | (r.sidechain() ? 2 : 0) | (r.valid() ? 4 : 0));
        writeTime(out, r.timestamp());
    }

    private static UsageRecord record(DataInputStream in, java.util.List<String> models) throws IOException {
        String messageId = id(in);
        String requestId = id(in);
        long index = varint(in);
        String model;
        if (index == 0) {
            model = null;
        } else if (index <= models.size()) {
            model = models.get((int) index - 1);
        } else if (index == models.size() + 1) {
            model = SummaryBuilder.canonicalModel(readChars(in));
            models.add(model);
        } else {
            throw new IOException("bad model index " + index);
        }
        long input = varint(in);
        long output = varint(in);
        long w5 = varint(in);
        long w1 = varint(in);
        long flat = varint(in);
        long read = varint(in);
        int flags = in.readUnsignedByte();
        if (flags > 7) {
            throw new IOException("bad record flags " + flags);
        }
        Instant at = readTime(in);
        return new UsageRecord(messageId, requestId, model, input, output, w5, w1, flat, read, (flags & 1) != 0, at,
                (flags & 2) != 0, (flags & 4) != 0);
    }

    /** An id: a variable-length header (0 for null, else length * 2 + 1 for Latin-1 bytes, + 2 for UTF-16 units). */
    private static void id(DataOutputStream out, String v) throws IOException {
        if (v == null) {
            varint(out, 0);
            return;
        }
        boolean latin1 = true;
        for (int i = 0; i < v.length() && latin1; i++) {
            latin1 = v.charAt(i) < 0x100;
        }
        varint(out, 2L * v.length() + (latin1 ? 1 : 2));
        if (latin1) {
            out.write(v.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        } else {
            out.writeChars(v);
        }
    }

    private static String id(DataInputStream in) throws IOException {
        long header = varint(in);
        if (header == 0) {
            return null;
        }
        long n = (header - 1) / 2;
        boolean latin1 = (header - 1) % 2 == 0;
        if (n > in.available() || (!latin1 && 2 * n > in.available())) {
            throw new IOException("bad id length " + n);
        }
        if (latin1) {
            return new String(in.readNBytes((int) n), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[(int) n];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }

    /** A long in seven-bit groups, zig-zag encoded (counts are small: most take two or three bytes). */
    private static void varint(DataOutputStream out, long v) throws IOException {
        long u = (v << 1) ^ (v >> 63);
        while ((u & ~0x7FL) != 0) {
            out.writeByte((int) ((u & 0x7F) | 0x80));
            u >>>= 7;
        }
        out.writeByte((int) u);
    }

    private static long varint(DataInputStream in) throws IOException {
        long u = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            u |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (u >>> 1) ^ -(u & 1);
            }
        }
        throw new IOException("varint longer than ten bytes");
    }
}
