package dev.llmsession.discovery.copilot;

import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What one {@code events.jsonl} says so far. Not thread-safe: one reader owns it. */
final class EventsState {
    String sessionId;
    Instant startTime;
    Instant lastAt;
    String cwd;
    String branch;
    String model;
    String title;
    /** One per {@code session.usage_record}, de-duplicated by its accounting id. */
    final List<Call> calls = new ArrayList<>();
    final Set<String> callKeys = new HashSet<>();
    /** The latest call's prompt (cached included) and the prompt limit Copilot recorded with it. */
    long lastPrompt = -1;
    long window = -1;
    /** Whether an assistant turn started and has not ended. */
    boolean turnOpen;
    /** Whether the latest run of the CLI on this session shut down. */
    boolean shutDown;
    double premiumRequests = Double.NaN;
    int errors;
    final List<Instant> errorTimes = new ArrayList<>();
    long malformedLines;
    long oversizedLines;

    void seen(Instant at) {
        if (at != null && (lastAt == null || at.isAfter(lastAt))) {
            lastAt = at;
        }
    }

    void call(String key, Instant at, String callModel, long input, long output, long cacheRead, long cacheWrite,
            long limit) {
        if (!callKeys.add(key) || calls.size() >= Call.MAX_KEPT) {
            return;
        }
        calls.add(new Call(key, at == null ? 0 : at.toEpochMilli(), callModel == null ? "" : callModel,
                Math.max(0, input - cacheRead - cacheWrite), output, cacheWrite, cacheRead));
        lastPrompt = input;
        if (limit > 0) {
            window = limit;
        }
        if (callModel != null) {
            model = callModel;
        }
    }

    /** The index state; bump the version on any change of layout. */
    static final class Codec implements StateCodec<EventsState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void write(EventsState s, DataOutputStream out) throws IOException {
            for (String v : new String[] {s.sessionId, s.cwd, s.branch, s.model, s.title}) {
                StateCodec.writeText(out, v);
            }
            StateCodec.writeTime(out, s.startTime);
            StateCodec.writeTime(out, s.lastAt);
            Call.writeAll(out, s.calls);
            out.writeLong(s.lastPrompt);
            out.writeLong(s.window);
            out.writeBoolean(s.turnOpen);
            out.writeBoolean(s.shutDown);
            out.writeDouble(s.premiumRequests);
            out.writeInt(s.errors);
            out.writeInt(s.errorTimes.size());
            for (Instant t : s.errorTimes) {
                StateCodec.writeTime(out, t);
            }
            out.writeLong(s.malformedLines);
            out.writeLong(s.oversizedLines);
        }

        @Override
        public EventsState read(DataInputStream in) throws IOException {
            EventsState s = new EventsState();
            s.sessionId = StateCodec.readText(in);
            s.cwd = StateCodec.readText(in);
            s.branch = StateCodec.readText(in);
            s.model = StateCodec.readText(in);
            s.title = StateCodec.readText(in);
            s.startTime = StateCodec.readTime(in);
            s.lastAt = StateCodec.readTime(in);
            for (Call c : Call.readAll(in)) {
                s.calls.add(c);
                s.callKeys.add(c.key());
            }
            s.lastPrompt = in.readLong();
            s.window = in.readLong();
            s.turnOpen = in.readBoolean();
            s.shutDown = in.readBoolean();
            s.premiumRequests = in.readDouble();
            s.errors = in.readInt();
            int n = StateCodec.readSize(in, 1 << 20);
            for (int i = 0; i < n; i++) {
                s.errorTimes.add(StateCodec.readTime(in));
            }
            s.malformedLines = in.readLong();
            s.oversizedLines = in.readLong();
            return s;
        }
    }
}
