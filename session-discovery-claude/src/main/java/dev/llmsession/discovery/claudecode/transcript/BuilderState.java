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

    /** Bump on any layout change: old states are then simply re-read from zero. 3: the kit's frame. */
    static final int VERSION = 3;
    static final BuilderState CODEC = new BuilderState();

    private BuilderState() {
    }

    @Override
    public int version() {
        return VERSION;
    }

    static byte[] encode(SummaryBuilder b) {
        return StateCodec.encode(CODEC, b);
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
        out.writeInt(b.byKey.size());
        for (UsageRecord r : b.byKey.values()) {
            record(out, r);
        }
        out.writeInt(b.keyless.size());
        for (UsageRecord r : b.keyless) {
            record(out, r);
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
        for (int i = count(in); i > 0; i--) {
            UsageRecord r = record(in);
            b.byKey.put(r.key(), r);
        }
        for (int i = count(in); i > 0; i--) {
            b.keyless.add(record(in));
        }
        return b;
    }

    private static int count(DataInputStream in) throws IOException {
        return readSize(in, in.available());
    }

    private static void record(DataOutputStream out, UsageRecord r) throws IOException {
        writeChars(out, r.messageId());
        writeChars(out, r.requestId());
        writeChars(out, r.model());
        out.writeLong(r.input());
        out.writeLong(r.output());
        out.writeLong(r.cacheWrite5m());
        out.writeLong(r.cacheWrite1h());
        out.writeLong(r.cacheWriteFlat());
        out.writeLong(r.cacheRead());
        out.writeBoolean(r.fast());
        writeTime(out, r.timestamp());
        out.writeBoolean(r.sidechain());
        out.writeBoolean(r.valid());
    }

    private static UsageRecord record(DataInputStream in) throws IOException {
        String messageId = readChars(in);
        String requestId = readChars(in);
        String model = SummaryBuilder.canonicalModel(readChars(in));
        long input = in.readLong();
        long output = in.readLong();
        long w5 = in.readLong();
        long w1 = in.readLong();
        long flat = in.readLong();
        long read = in.readLong();
        boolean fast = in.readBoolean();
        Instant at = readTime(in);
        boolean side = in.readBoolean();
        boolean valid = in.readBoolean();
        return new UsageRecord(messageId, requestId, model, input, output, w5, w1, flat, read, fast, at, side, valid);
    }
}
