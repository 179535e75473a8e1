package dev.llmsession.examples.codex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link RolloutState} as the bytes the store's {@code TranscriptIndex} keeps between runs, so a new process
 * reads only what was appended since. Versioned: bytes of another version (or damaged ones) decode to nothing
 * and the file is read again from its start.
 */
final class StateCodec {
    private static final int VERSION = 1;

    private StateCodec() {
    }

    static byte[] encode(RolloutState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            for (String v : new String[] {s.sessionId, s.forkedFrom, s.metaCwd, s.turnCwd, s.gitBranch, s.model,
                s.title, s.originator, s.turnDetail}) {
                string(out, v);
            }
            for (Instant v : new Instant[] {s.metaStartedAt, s.firstAt, s.lastAt, s.turnAt}) {
                instant(out, v);
            }
            out.writeLong(s.window);
            out.writeInt(s.sessionMetas);
            usage(out, s.runningTotal);
            usage(out, s.counted);
            out.writeLong(s.apiCalls);
            usage(out, s.lastCall);
            out.writeInt(s.apiErrors);
            out.writeInt(s.interrupts);
            out.writeInt(s.errorTimes.size());
            for (Instant t : s.errorTimes) {
                instant(out, t);
            }
            out.writeInt(s.userMessages);
            out.writeInt(s.turn.ordinal());
            out.writeLong(s.malformedLines);
            out.writeLong(s.oversizedLines);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static Optional<RolloutState> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != VERSION) {
                return Optional.empty();
            }
            RolloutState s = new RolloutState();
            s.sessionId = string(in);
            s.forkedFrom = string(in);
            s.metaCwd = string(in);
            s.turnCwd = string(in);
            s.gitBranch = string(in);
            s.model = string(in);
            s.title = string(in);
            s.originator = string(in);
            String detail = string(in);
            s.turnDetail = detail == null ? "" : detail;
            s.metaStartedAt = instant(in);
            s.firstAt = instant(in);
            s.lastAt = instant(in);
            s.turnAt = instant(in);
            s.window = in.readLong();
            s.sessionMetas = in.readInt();
            s.runningTotal = usage(in);
            Usage counted = usage(in);
            s.counted = counted == null ? Usage.ZERO : counted;
            s.apiCalls = in.readLong();
            s.lastCall = usage(in);
            s.apiErrors = in.readInt();
            s.interrupts = in.readInt();
            int times = in.readInt();
            if (times < 0 || times > bytes.length) {
                return Optional.empty();
            }
            for (int i = 0; i < times; i++) {
                s.errorTimes.add(instant(in));
            }
            s.userMessages = in.readInt();
            int turn = in.readInt();
            RolloutState.TurnEvent[] turns = RolloutState.TurnEvent.values();
            if (turn < 0 || turn >= turns.length) {
                return Optional.empty();
            }
            s.turn = turns[turn];
            s.malformedLines = in.readLong();
            s.oversizedLines = in.readLong();
            return in.read() == -1 ? Optional.of(s) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void string(DataOutputStream out, String v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeUTF(v.length() > 4096 ? v.substring(0, 4096) : v);
        }
    }

    private static String string(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void instant(DataOutputStream out, Instant v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeLong(v.getEpochSecond());
            out.writeInt(v.getNano());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void usage(DataOutputStream out, Usage u) throws IOException {
        out.writeBoolean(u != null);
        if (u != null) {
            out.writeLong(u.input());
            out.writeLong(u.cached());
            out.writeLong(u.cacheWrite());
            out.writeLong(u.output());
            out.writeLong(u.reasoning());
            out.writeLong(u.total());
        }
    }

    private static Usage usage(DataInputStream in) throws IOException {
        return in.readBoolean() ? new Usage(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong()) : null;
    }
}
