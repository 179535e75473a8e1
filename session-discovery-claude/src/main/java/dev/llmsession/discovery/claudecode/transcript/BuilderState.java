package dev.llmsession.discovery.claudecode.transcript;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The versioned binary encoding of a {@link SummaryBuilder}'s state. Layout (big-endian, {@link DataOutputStream}):
 * magic {@code 'C','S'}, version byte, the sidechain-file flag, counters, scalar fields, the state signal, the
 * error lists and the usage records. Strings are a length (-1 for null) and UTF-16 chars (exact even for lone surrogates); instants a presence
 * byte, epoch seconds and nanos. Anything that does not decode exactly (other magic or version, other kind of
 * file, truncated, trailing bytes) is rejected, and the file is read again from zero. Stateless.
 */
final class BuilderState {

    /** Bump on any layout change: old states are then simply re-read from zero. */
    static final int VERSION = 2;
    private static final int MAGIC = ('C' << 8) | 'S';

    private BuilderState() {
    }

    /**
     * Encodes {@code b} into an array of exactly its size: one pass counts the bytes, a second writes them. A
     * huge file's state is tens of megabytes; a growing buffer plus its final copy would hold it up to three
     * times at once, next to the records it encodes.
     */
    static byte[] encode(SummaryBuilder b) {
        DataOutputStream counter = new DataOutputStream(java.io.OutputStream.nullOutputStream());
        write(b, counter);
        byte[] bytes = new byte[counter.size()];
        ByteBuffer target = ByteBuffer.wrap(bytes);
        write(b, new DataOutputStream(new java.io.OutputStream() {
            @Override
            public void write(int v) {
                target.put((byte) v);
            }

            @Override
            public void write(byte[] src, int off, int len) {
                target.put(src, off, len);
            }
        }));
        if (target.hasRemaining()) {
            throw new IllegalStateException("builder state changed while it was encoded");
        }
        return bytes;
    }

    private static void write(SummaryBuilder b, DataOutputStream out) {
        try {
            out.writeShort(MAGIC);
            out.writeByte(VERSION);
            out.writeBoolean(b.sidechainFile);
            out.writeLong(b.lineNumber);
            out.writeLong(b.malformed);
            out.writeLong(b.withoutKey);
            out.writeLong(b.huge);
            out.writeLong(b.maxContext);
            instant(out, b.first);
            instant(out, b.last);
            instant(out, b.lastSeen);
            out.writeBoolean(b.context.isPresent());
            out.writeLong(b.context.orElse(0));
            out.writeBoolean(b.compactedLast);
            out.writeBoolean(b.retrying);
            for (String s : new String[] {b.contextModel, b.model, b.cwd, b.gitBranch, b.title, b.firstPrompt,
                    b.version, b.sessionId}) {
                string(out, s);
            }
            string(out, b.signal.kind().name());
            string(out, b.signal.detail());
            instant(out, b.signal.timestamp());
            out.writeInt(b.apiErrors.size());
            for (Instant t : b.apiErrors) {
                instant(out, t);
            }
            out.writeInt(b.interrupts.size());
            for (Instant t : b.interrupts) {
                instant(out, t);
            }
            out.writeInt(b.toolErrors.size());
            for (var e : b.toolErrors.entrySet()) {
                string(out, e.getKey());
                instant(out, e.getValue());
            }
            out.writeInt(b.byKey.size());
            for (UsageRecord r : b.byKey.values()) {
                record(out, r);
            }
            out.writeInt(b.keyless.size());
            for (UsageRecord r : b.keyless) {
                record(out, r);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<SummaryBuilder> decode(byte[] state, boolean sidechainFile) {
        if (state == null || state.length < 4) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readUnsignedShort() != MAGIC || in.readUnsignedByte() != VERSION
                    || in.readBoolean() != sidechainFile) {
                return Optional.empty();
            }
            SummaryBuilder b = new SummaryBuilder(sidechainFile);
            b.lineNumber = in.readLong();
            b.malformed = in.readLong();
            b.withoutKey = in.readLong();
            b.huge = in.readLong();
            b.maxContext = in.readLong();
            b.first = instant(in);
            b.last = instant(in);
            b.lastSeen = instant(in);
            boolean hasContext = in.readBoolean();
            long context = in.readLong();
            b.context = hasContext ? OptionalLong.of(context) : OptionalLong.empty();
            b.compactedLast = in.readBoolean();
            b.retrying = in.readBoolean();
            b.contextModel = string(in);
            b.model = string(in);
            b.cwd = string(in);
            b.gitBranch = string(in);
            b.title = string(in);
            b.firstPrompt = string(in);
            b.version = string(in);
            b.sessionId = string(in);
            StateSignal.Kind kind = StateSignal.Kind.valueOf(string(in));
            String detail = string(in);
            Instant signalAt = instant(in);
            b.signal = kind == StateSignal.Kind.NONE && signalAt == null && StateSignal.NONE.detail().equals(detail)
                    ? StateSignal.NONE : new StateSignal(kind, detail, signalAt);
            for (int i = count(in); i > 0; i--) {
                b.apiErrors.add(instant(in));
            }
            for (int i = count(in); i > 0; i--) {
                b.interrupts.add(instant(in));
            }
            for (int i = count(in); i > 0; i--) {
                b.toolErrors.put(string(in), instant(in));
            }
            for (int i = count(in); i > 0; i--) {
                UsageRecord r = record(in);
                b.byKey.put(r.key(), r);
            }
            for (int i = count(in); i > 0; i--) {
                b.keyless.add(record(in));
            }
            if (in.read() != -1) {
                return Optional.empty();
            }
            return Optional.of(b);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad count " + n);
        }
        return n;
    }

    private static void record(DataOutputStream out, UsageRecord r) throws IOException {
        string(out, r.messageId());
        string(out, r.requestId());
        string(out, r.model());
        out.writeLong(r.input());
        out.writeLong(r.output());
        out.writeLong(r.cacheWrite5m());
        out.writeLong(r.cacheWrite1h());
        out.writeLong(r.cacheWriteFlat());
        out.writeLong(r.cacheRead());
        out.writeBoolean(r.fast());
        instant(out, r.timestamp());
        out.writeBoolean(r.sidechain());
        out.writeBoolean(r.valid());
    }

    private static UsageRecord record(DataInputStream in) throws IOException {
        String messageId = string(in);
        String requestId = string(in);
        String model = SummaryBuilder.canonicalModel(string(in));
        long input = in.readLong();
        long output = in.readLong();
        long w5 = in.readLong();
        long w1 = in.readLong();
        long flat = in.readLong();
        long read = in.readLong();
        boolean fast = in.readBoolean();
        Instant at = instant(in);
        boolean side = in.readBoolean();
        boolean valid = in.readBoolean();
        return new UsageRecord(messageId, requestId, model, input, output, w5, w1, flat, read, fast, at, side, valid);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(s.length());
        out.writeChars(s);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || 2L * n > in.available()) {
            throw new IOException("bad string length " + n);
        }
        // One bulk read and a raw char copy (not a charset decoder, which would replace lone surrogates).
        byte[] bytes = new byte[2 * n];
        in.readFully(bytes);
        char[] chars = new char[n];
        ByteBuffer.wrap(bytes).asCharBuffer().get(chars);
        return new String(chars);
    }

    private static void instant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
