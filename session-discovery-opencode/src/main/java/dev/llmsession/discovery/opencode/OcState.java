package dev.llmsession.discovery.opencode;

import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Every session of one {@code opencode.db} as last read. Not thread-safe. */
final class OcState {
    final List<OcSession> sessions = new ArrayList<>();

    /** The index state; bump the version on any change of layout. */
    static final class Codec implements StateCodec<OcState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void write(OcState state, DataOutputStream out) throws IOException {
            out.writeInt(state.sessions.size());
            for (OcSession s : state.sessions) {
                for (String v : new String[] {s.id, s.directory, s.title, s.parentId, s.model, s.lastRole}) {
                    StateCodec.writeText(out, v);
                }
                StateCodec.writeTime(out, s.created);
                StateCodec.writeTime(out, s.updated);
                Call.writeAll(out, s.calls);
                for (double c : s.costs) {
                    out.writeDouble(c);
                }
                out.writeLong(s.lastPrompt);
                out.writeBoolean(s.lastFinished);
                out.writeInt(s.errorTimes.size());
                for (var t : s.errorTimes) {
                    StateCodec.writeTime(out, t);
                }
                out.writeInt(s.errors);
                out.writeLong(s.invalidMessages);
            }
        }

        @Override
        public OcState read(DataInputStream in) throws IOException {
            OcState state = new OcState();
            int n = StateCodec.readSize(in, 1 << 20);
            for (int i = 0; i < n; i++) {
                OcSession s = new OcSession();
                s.id = StateCodec.readText(in);
                s.directory = StateCodec.readText(in);
                s.title = StateCodec.readText(in);
                s.parentId = StateCodec.readText(in);
                s.model = StateCodec.readText(in);
                s.lastRole = StateCodec.readText(in);
                s.created = StateCodec.readTime(in);
                s.updated = StateCodec.readTime(in);
                s.calls.addAll(Call.readAll(in));
                for (int c = 0; c < s.calls.size(); c++) {
                    s.costs.add(in.readDouble());
                }
                s.lastPrompt = in.readLong();
                s.lastFinished = in.readBoolean();
                int times = StateCodec.readSize(in, 1 << 20);
                for (int t = 0; t < times; t++) {
                    s.errorTimes.add(StateCodec.readTime(in));
                }
                s.errors = in.readInt();
                s.invalidMessages = in.readLong();
                state.sessions.add(s);
            }
            return state;
        }
    }
}
