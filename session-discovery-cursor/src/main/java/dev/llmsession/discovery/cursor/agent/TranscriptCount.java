package dev.llmsession.discovery.cursor.agent;

import com.fasterxml.jackson.core.JsonParser;
import dev.llmsession.adapterkit.Json;
import dev.llmsession.adapterkit.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What a cursor-agent JSONL transcript ({@code {"role": …}} per line) says so far: its user and assistant
 * messages. Read incrementally through the kit's {@code IndexedFiles}. Not thread-safe: one reader owns it.
 */
final class TranscriptCount {
    int messages;
    int users;
    /** Lines that are not a JSON object with a {@code role}. */
    long malformedLines;

    /** Counts one line; the head of an oversized line still names its role when {@code role} comes first. */
    void line(byte[] bytes, int length) {
        String role = role(bytes, length);
        if (role == null) {
            malformedLines++;
        } else if (role.equals("user") || role.equals("assistant")) {
            messages++;
            users += role.equals("user") ? 1 : 0;
        }
    }

    private static String role(byte[] bytes, int length) {
        try (JsonParser p = Json.parser(bytes, length)) {
            return Json.enterObject(p) && Json.toField(p, "role") ? Json.text(p) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The index state; bump the version on any change of layout. */
    static final class Codec implements StateCodec<TranscriptCount> {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public void write(TranscriptCount s, DataOutputStream out) throws IOException {
            out.writeInt(s.messages);
            out.writeInt(s.users);
            out.writeLong(s.malformedLines);
        }

        @Override
        public TranscriptCount read(DataInputStream in) throws IOException {
            TranscriptCount s = new TranscriptCount();
            s.messages = StateCodec.readSize(in, Integer.MAX_VALUE);
            s.users = StateCodec.readSize(in, s.messages);
            s.malformedLines = in.readLong();
            if (s.malformedLines < 0) {
                throw new IOException("bad count " + s.malformedLines);
            }
            return s;
        }
    }
}
