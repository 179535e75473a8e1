package dev.llmsession.cli.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The engine protocol, written once for both ends. A request is the magic, the protocol version, a kind, the
 * client's build and world key, then (for {@link #RUN}) the working directory, whether a console is attached, the
 * user's home, the arguments and the environment. Every answer is a sequence of frames: a type byte, a length and
 * that many bytes.
 */
public final class Wire {
    /** "LLMS". */
    public static final int MAGIC = 0x4C4C4D53;
    public static final int VERSION = 1;

    /** Request kinds. */
    public static final byte RUN = 'R';
    public static final byte STATUS = 'T';
    public static final byte STOP = 'Q';
    public static final byte PING = 'P';
    /**
     * A monitor's subscription: {@link #RUN}'s fields, then, once {@link #ACCEPTED}, {@link #SNAPSHOT} frames until
     * either end closes (the command's errors as {@link #STDERR} and {@link #EXIT}, as a run's).
     */
    public static final byte SUBSCRIBE = 'M';

    /** Frame types. */
    public static final byte ACCEPTED = 'A';
    public static final byte STDOUT = 'O';
    public static final byte STDERR = 'E';
    public static final byte HEARTBEAT = 'H';
    /** The exit code, four bytes; the last frame of a run. */
    public static final byte EXIT = 'X';
    /** The engine will not run this command (it needs this terminal, files relative to it…): run it here. */
    public static final byte LOCAL = 'L';
    /** The engine is of another build or world and steps down: run it here. */
    public static final byte STEP_DOWN = 'D';
    /** The command reads its standard input: the client sends it as {@link #STDIN} frames, an empty one last. */
    public static final byte STDIN_WANTED = 'I';
    /** Client to engine, after {@link #STDIN_WANTED}: a piece of standard input; an empty body is its end. */
    public static final byte STDIN = 'i';
    /** Standard input sent at most (a command reading more sees its end there). */
    public static final int MAX_STDIN = 4 << 20;
    /** Engine to a subscribed monitor: one refresh's data ({@code dev.llmsession.cli.monitor.SnapshotCodec}). */
    public static final byte SNAPSHOT = 'N';
    /**
     * Subscribed monitor to engine: a snapshot now, with the trend of the session named in the body (its id; empty
     * for none). The engine still sends at most one snapshot per quarter second.
     */
    public static final byte WANT = 'W';
    /** Text answering {@link #STATUS}, {@link #STOP} or {@link #PING}. */
    public static final byte TEXT = 'S';

    /** Longest string or frame accepted: a hostile or broken peer cannot make the other end allocate more. */
    public static final int MAX_FRAME = 16 << 20;

    private Wire() {
    }

    /** One frame as read. */
    public record Frame(byte type, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The exit code of an {@link #EXIT} frame. */
        public int code() {
            return ((body[0] & 0xFF) << 24) | ((body[1] & 0xFF) << 16) | ((body[2] & 0xFF) << 8) | (body[3] & 0xFF);
        }
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    public static void writeFrame(DataOutputStream out, byte type, byte[] body, int off, int len) throws IOException {
        out.writeByte(type);
        out.writeInt(len);
        out.write(body, off, len);
    }

    public static void writeFrame(DataOutputStream out, byte type, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        writeFrame(out, type, b, 0, b.length);
    }

    public static void writeExit(DataOutputStream out, int code) throws IOException {
        writeFrame(out, EXIT, new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8),
            (byte) code}, 0, 4);
    }

    /** The next frame, or null at a clean end of stream. */
    public static Frame readFrame(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        byte[] body = readBytes(in);
        if (type == EXIT && body.length != 4) {
            throw new IOException("malformed exit frame");
        }
        return new Frame((byte) type, body);
    }

    /** The first four bytes of a stream that is not this protocol's are refused before anything else is read. */
    public static void checkMagic(DataInputStream in) throws IOException {
        int magic = in.readInt();
        int version = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("not an llm-session client");
        }
        if (version != VERSION) {
            throw new IOException("protocol version " + version + ", this engine speaks " + VERSION);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_FRAME) {
            throw new IOException("frame of " + n + " bytes refused");
        }
        byte[] b = new byte[n];
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new IOException("connection closed inside a frame", e);
        }
        return b;
    }
}
