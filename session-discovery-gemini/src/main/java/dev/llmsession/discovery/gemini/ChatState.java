package dev.llmsession.discovery.gemini;

import dev.llmsession.adapterkit.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one chat file says so far: its header and its messages by id, in first-seen order. Not thread-safe. */
final class ChatState {
    /** The most messages kept per file; past it the file is marked damaged rather than grown without bound. */
    static final int MAX_MESSAGES = 200_000;

    String sessionId;
    String kind;
    Instant startTime;
    Instant lastAt;
    final Map<String, ChatMessage> messages = new LinkedHashMap<>();
    long malformedLines;
    long oversizedLines;

    void seen(Instant at) {
        if (at != null && (lastAt == null || at.isAfter(lastAt))) {
            lastAt = at;
        }
    }

    void header(String id, Instant start, String chatKind) {
        if (sessionId == null && id != null) {
            sessionId = id;
        }
        if (start != null && (startTime == null || start.isBefore(startTime))) {
            startTime = start;
        }
        if (kind == null) {
            kind = chatKind;
        }
        seen(start);
    }

    void message(String id, ChatMessage m) {
        if (id == null || id.isEmpty()) {
            return;
        }
        ChatMessage known = messages.get(id);
        if (known != null) {
            known.merge(m);
        } else if (messages.size() < MAX_MESSAGES) {
            messages.put(id, m);
        } else {
            malformedLines++;
        }
        seen(m.at);
    }

    /** The index state; bump the version on any change of layout. */
    static final class Codec implements StateCodec<ChatState> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void write(ChatState s, DataOutputStream out) throws IOException {
            StateCodec.writeText(out, s.sessionId);
            StateCodec.writeText(out, s.kind);
            StateCodec.writeTime(out, s.startTime);
            StateCodec.writeTime(out, s.lastAt);
            out.writeLong(s.malformedLines);
            out.writeLong(s.oversizedLines);
            out.writeInt(s.messages.size());
            for (Map.Entry<String, ChatMessage> e : s.messages.entrySet()) {
                ChatMessage m = e.getValue();
                StateCodec.writeText(out, e.getKey());
                StateCodec.writeText(out, m.type);
                StateCodec.writeTime(out, m.at);
                StateCodec.writeText(out, m.model);
                StateCodec.writeText(out, m.text);
                out.writeBoolean(m.tokens != null);
                if (m.tokens != null) {
                    GeminiTokens t = m.tokens;
                    for (long v : new long[] {t.input(), t.output(), t.cached(), t.thoughts(), t.tool()}) {
                        out.writeLong(v);
                    }
                }
            }
        }

        @Override
        public ChatState read(DataInputStream in) throws IOException {
            ChatState s = new ChatState();
            s.sessionId = StateCodec.readText(in);
            s.kind = StateCodec.readText(in);
            s.startTime = StateCodec.readTime(in);
            s.lastAt = StateCodec.readTime(in);
            s.malformedLines = in.readLong();
            s.oversizedLines = in.readLong();
            int n = StateCodec.readSize(in, MAX_MESSAGES);
            for (int i = 0; i < n; i++) {
                String id = StateCodec.readText(in);
                ChatMessage m = new ChatMessage();
                m.type = StateCodec.readText(in);
                m.at = StateCodec.readTime(in);
                m.model = StateCodec.readText(in);
                m.text = StateCodec.readText(in);
                if (in.readBoolean()) {
                    m.tokens = new GeminiTokens(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                            in.readLong());
                }
                s.messages.put(id, m);
            }
            return s;
        }
    }
}
