package dev.llmsession.adapterkit;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How an adapter's per-file parser state becomes the bytes {@code TranscriptIndex} keeps between runs. One codec
 * per kind of state; {@link #encode} frames every state with a magic number and {@link #version()}, so a state of
 * another version, of an older encoding without the frame, or damaged bytes decode to empty and the file is read
 * again from its start — bump the version when the layout changes. The static helpers write the optional values
 * every state has, one way.
 *
 * @param <S> the parser state
 */
public interface StateCodec<S> {

    /** The layout version; stored with each state. */
    int version();

    void write(S state, DataOutputStream out) throws IOException;

    /** Reads what {@link #write} wrote; throws on anything else. */
    S read(DataInputStream in) throws IOException;

    /** Opens every stored state ("LSK1"); encodings from before the kit never start with it. */
    int MAGIC = 0x4C534B31;

    /**
     * The state as stored: magic, version, the codec's bytes, in an array of exactly that size (one pass counts
     * the bytes, a second writes them: a huge transcript's state is tens of megabytes, which a growing buffer and
     * its final copy would hold up to three times).
     */
    static <S> byte[] encode(StateCodec<S> codec, S state) {
        return encode(codec, state, new byte[0]);
    }

    /**
     * {@link #encode(StateCodec, Object)} behind {@code prefix} (what an adapter stores in front of a state, e.g. a
     * fingerprint of the bytes read), in the one array: a huge state is not copied again to be prefixed.
     */
    static <S> byte[] encode(StateCodec<S> codec, S state, byte[] prefix) {
        try {
            DataOutputStream counter = new DataOutputStream(OutputStream.nullOutputStream());
            frame(codec, state, counter);
            ByteBuffer target = ByteBuffer.wrap(new byte[prefix.length + counter.size()]);
            target.put(prefix);
            frame(codec, state, new DataOutputStream(new OutputStream() {
                @Override
                public void write(int v) {
                    target.put((byte) v);
                }

                @Override
                public void write(byte[] src, int off, int len) {
                    target.put(src, off, len);
                }
            }));
            if (target.hasRemaining()) {
                throw new IllegalStateException("the state changed while it was encoded");
            }
            return target.array();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /** A stored state back; empty for another magic or version, damaged or trailing bytes. */
    static <S> Optional<S> decode(StateCodec<S> codec, byte[] bytes) {
        try (DataInputStream in = body(codec, bytes).orElse(null)) {
            if (in == null) {
                return Optional.empty();
            }
            S state = codec.read(in);
            return in.read() == -1 ? Optional.ofNullable(state) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The codec's bytes of a stored state, positioned after the frame (to read only the start of a state); empty
     * when the frame is not this codec's.
     */
    static Optional<DataInputStream> body(StateCodec<?> codec, byte[] bytes) {
        if (bytes == null || bytes.length < 2 * Integer.BYTES) {
            return Optional.empty();
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            return in.readInt() == MAGIC && in.readInt() == codec.version() ? Optional.of(in) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static <S> void frame(StateCodec<S> codec, S state, DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(codec.version());
        codec.write(state, out);
        out.flush();
    }

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

    /**
     * Text kept exactly, of any length, lone surrogates included (a prompt cut inside a pair): a length ({@code -1}
     * for null) and the UTF-16 units.
     */
    static void writeChars(DataOutputStream out, String v) throws IOException {
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(v.length());
        out.writeChars(v);
    }

    static String readChars(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || 2L * n > in.available()) {
            throw new IOException("bad text length " + n);
        }
        // one bulk read and a raw copy of the units (a charset decoder would replace lone surrogates)
        byte[] bytes = in.readNBytes(2 * n);
        char[] chars = new char[n];
        ByteBuffer.wrap(bytes).asCharBuffer().get(chars);
        return new String(chars);
    }

    static void writeOptional(DataOutputStream out, OptionalLong v) throws IOException {
        out.writeBoolean(v.isPresent());
        if (v.isPresent()) {
            out.writeLong(v.getAsLong());
        }
    }

    static OptionalLong readOptionalLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? OptionalLong.of(in.readLong()) : OptionalLong.empty();
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
