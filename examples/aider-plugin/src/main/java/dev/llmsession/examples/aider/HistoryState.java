package dev.llmsession.examples.aider;

import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What one history file says so far: its chats, oldest first. Not thread-safe: one reader owns it. */
final class HistoryState {
    final List<Chat> chats = new ArrayList<>();
    /** Lines before the first chat header (the file's start was cut): not attributed to any chat. */
    long orphanLines;
    /** The previous line was a token report whose cost follows on its own line. */
    boolean costPending;

    Chat current() {
        return chats.isEmpty() ? null : chats.get(chats.size() - 1);
    }

    /** The index state; bump the version on any change of layout. */
    static final class Codec implements StateCodec<HistoryState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void write(HistoryState s, DataOutputStream out) throws IOException {
            out.writeLong(s.orphanLines);
            out.writeBoolean(s.costPending);
            out.writeInt(s.chats.size());
            for (Chat c : s.chats) {
                StateCodec.writeTime(out, c.startedAt);
                StateCodec.writeText(out, c.model);
                StateCodec.writeText(out, c.title);
                out.writeDouble(c.sessionCost);
                out.writeBoolean(c.rounded);
                out.writeLong(c.lastSent);
                out.writeLong(c.replies);
                Call.writeAll(out, c.calls);
            }
        }

        @Override
        public HistoryState read(DataInputStream in) throws IOException {
            HistoryState s = new HistoryState();
            s.orphanLines = in.readLong();
            s.costPending = in.readBoolean();
            int n = StateCodec.readSize(in, 1 << 20);
            for (int i = 0; i < n; i++) {
                Chat c = new Chat();
                c.startedAt = StateCodec.readTime(in);
                c.model = StateCodec.readText(in);
                c.title = StateCodec.readText(in);
                c.sessionCost = in.readDouble();
                c.rounded = in.readBoolean();
                c.lastSent = in.readLong();
                c.replies = in.readLong();
                c.calls.addAll(Call.readAll(in));
                s.chats.add(c);
            }
            return s;
        }
    }
}
