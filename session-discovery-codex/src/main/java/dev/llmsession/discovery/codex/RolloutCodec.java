package dev.llmsession.discovery.codex;

import static dev.llmsession.adapterkit.StateCodec.readSize;
import static dev.llmsession.adapterkit.StateCodec.readText;
import static dev.llmsession.adapterkit.StateCodec.readTime;
import static dev.llmsession.adapterkit.StateCodec.writeText;
import static dev.llmsession.adapterkit.StateCodec.writeTime;

import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;

/** A {@link RolloutState} as the bytes the index keeps between runs. Bump {@link #version()} on any change. */
final class RolloutCodec implements StateCodec<RolloutState> {

    @Override
    public int version() {
        // 3: 0.171's item_completed prompts give the title, so states read before are read again
        return 3;
    }

    @Override
    public void write(RolloutState s, DataOutputStream out) throws IOException {
        for (String v : new String[] {s.sessionId, s.forkedFrom, s.metaCwd, s.turnCwd, s.gitBranch, s.model,
            s.title, s.originator, s.turnDetail}) {
            writeText(out, v);
        }
        for (Instant v : new Instant[] {s.metaStartedAt, s.firstAt, s.lastAt, s.turnAt, s.rateLimitsAt}) {
            writeTime(out, v);
        }
        out.writeLong(s.window);
        out.writeInt(s.sessionMetas);
        usage(out, s.runningTotal);
        out.writeInt(s.runs);
        Call.writeAll(out, s.calls);
        usage(out, s.lastCall);
        out.writeBoolean(s.invalidUsage);
        rate(out, s.primary);
        rate(out, s.secondary);
        out.writeInt(s.apiErrors);
        out.writeInt(s.interrupts);
        out.writeInt(s.errorTimes.size());
        for (Instant t : s.errorTimes) {
            writeTime(out, t);
        }
        out.writeInt(s.userMessages);
        out.writeInt(s.turn.ordinal());
        out.writeLong(s.malformedLines);
        out.writeLong(s.oversizedLines);
    }

    @Override
    public RolloutState read(DataInputStream in) throws IOException {
        RolloutState s = new RolloutState();
        s.sessionId = readText(in);
        s.forkedFrom = readText(in);
        s.metaCwd = readText(in);
        s.turnCwd = readText(in);
        s.gitBranch = readText(in);
        s.model = readText(in);
        s.title = readText(in);
        s.originator = readText(in);
        String detail = readText(in);
        s.turnDetail = detail == null ? "" : detail;
        s.metaStartedAt = readTime(in);
        s.firstAt = readTime(in);
        s.lastAt = readTime(in);
        s.turnAt = readTime(in);
        s.rateLimitsAt = readTime(in);
        s.window = in.readLong();
        s.sessionMetas = in.readInt();
        s.runningTotal = usage(in);
        s.runs = in.readInt();
        s.calls.addAll(Call.readAll(in));
        s.lastCall = usage(in);
        s.invalidUsage = in.readBoolean();
        s.primary = rate(in);
        s.secondary = rate(in);
        s.apiErrors = in.readInt();
        s.interrupts = in.readInt();
        int times = readSize(in, 1 << 20);
        for (int i = 0; i < times; i++) {
            s.errorTimes.add(readTime(in));
        }
        s.userMessages = in.readInt();
        s.turn = RolloutState.TurnEvent.values()[in.readInt()];
        s.malformedLines = in.readLong();
        s.oversizedLines = in.readLong();
        return s;
    }

    private static void usage(DataOutputStream out, Usage u) throws IOException {
        out.writeBoolean(u != null);
        if (u != null) {
            for (long v : new long[] {u.input(), u.cached(), u.cacheWrite(), u.output(), u.reasoning(), u.total()}) {
                out.writeLong(v);
            }
        }
    }

    private static Usage usage(DataInputStream in) throws IOException {
        return in.readBoolean() ? new Usage(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong()) : null;
    }

    private static void rate(DataOutputStream out, RateWindow r) throws IOException {
        out.writeBoolean(r != null);
        if (r != null) {
            out.writeDouble(r.usedPercent());
            out.writeLong(r.windowMinutes());
            out.writeLong(r.resetsAt());
        }
    }

    private static RateWindow rate(DataInputStream in) throws IOException {
        return in.readBoolean() ? new RateWindow(in.readDouble(), in.readLong(), in.readLong()) : null;
    }
}
