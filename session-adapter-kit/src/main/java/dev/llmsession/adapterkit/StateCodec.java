package dev.llmsession.adapterkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * How an adapter's per-file parser state becomes the bytes {@code TranscriptIndex} keeps between runs. One codec
 * per adapter; {@link IndexedFiles} frames every state with {@link #version()}, so state of another version (or
 * damaged bytes) is dropped and the file read again from its start — bump the version when the layout changes.
 * The static helpers write the optional values every state has, one way.
 *
 * @param <S> the parser state
 */
public interface StateCodec<S> {

    /** The layout version; stored with each state. */
    int version();

    void write(S state, DataOutputStream out) throws IOException;

    /** Reads what {@link #write} wrote; throws on anything else. */
    S read(DataInputStream in) throws IOException;

    /** The longest text kept in a state (titles, paths); longer text is cut. */
    int MAX_TEXT = 4096;

    static void writeText(DataOutputStream out, String v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeUTF(v.length() > MAX_TEXT ? v.substring(0, MAX_TEXT) : v);
        }
    }

    static String readText(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeTime(DataOutputStream out, Instant v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeLong(v.getEpochSecond());
            out.writeInt(v.getNano());
        }
    }

    static Instant readTime(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    /** A collection size read back; a negative or absurd one means damaged bytes. */
    static int readSize(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("bad size " + n);
        }
        return n;
    }
}
