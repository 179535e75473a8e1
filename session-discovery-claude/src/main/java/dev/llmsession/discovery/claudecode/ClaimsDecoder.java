package dev.llmsession.discovery.claudecode;

import dev.llmsession.adapterkit.StateCodec;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Reads stored {@link ProjectClaims} straight from their bytes, for the common case: every text field ASCII and the
 * state well formed. A running-only {@code list} decodes the claims of every file of the live projects (6,600 in
 * the 1 GB benchmark) while its main thread lists and plans, and waited for them: through a {@code DataInputStream}
 * each field was a few synchronized one-byte reads. Anything else (a text field not ASCII, a bad size or record,
 * trailing bytes) is left to the codec's own reader, which decides; what this one gives is exactly what that one
 * gives for the same bytes ({@code ClaimsDecoderTest}). Stateless.
 */
final class ClaimsDecoder {

    private ClaimsDecoder() {
    }

    /** The claims {@code state} holds, or null when the codec's own reader must decide. */
    static ProjectClaims read(byte[] state) {
        if (state == null) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(state); // big-endian, as DataOutputStream wrote it
            if (in.remaining() < 3 * Integer.BYTES || in.getInt() != StateCodec.MAGIC
                    || in.getInt() != ProjectClaims.VERSION) {
                return null;
            }
            int n = in.getInt();
            if (n < 0 || n > in.remaining()) {
                return null;
            }
            // gathered for one immutable map, which the claims keep as it is (two names alike: the codec decides)
            @SuppressWarnings("unchecked")
            Map.Entry<String, ProjectClaims.FileClaim>[] files = new Map.Entry[n];
            for (int i = 0; i < n; i++) {
                String name = text(in);
                if (name == null || name.isEmpty()) {
                    return null;
                }
                long size = in.getLong();
                Instant modified = time(in);
                String key = text(in);
                int flags = in.get() & 0xFF;
                if ((flags & ~1) != 0 || modified == null || key == null || size < 0) {
                    return null;
                }
                String sessionId;
                int units = in.getInt();
                if (units == -1) {
                    sessionId = null;
                } else if (units < 0 || 2L * units > in.remaining()) {
                    return null;
                } else {
                    char[] chars = new char[units];
                    in.asCharBuffer().get(chars);
                    in.position(in.position() + 2 * units);
                    sessionId = new String(chars);
                }
                Instant lastEntry = time(in);
                Instant summaryModified = time(in);
                int count = in.getInt();
                if (count < 0 || count > in.remaining() / 16) {
                    return null;
                }
                long[] keys = new long[count * 2];
                in.asLongBuffer().get(keys);
                in.position(in.position() + count * 16);
                files[i] = Map.entry(name, new ProjectClaims.FileClaim(new FileStat(size, modified, key), flags == 1,
                        sessionId, lastEntry, summaryModified, keys));
            }
            return in.hasRemaining() ? null : new ProjectClaims(Map.ofEntries(files));
        } catch (RuntimeException e) {
            return null; // damaged or beyond ASCII: the codec's reader decides
        }
    }

    /** A {@code writeText} field whose bytes are all ASCII; null for a null field, or to give up otherwise. */
    private static String text(ByteBuffer in) {
        if (in.get() == 0) {
            return null;
        }
        int length = in.getShort() & 0xFFFF;
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        int start = in.position();
        byte[] bytes = in.array();
        for (int i = start; i < start + length; i++) {
            if (bytes[i] < 0) {
                // modified UTF-8 beyond ASCII: the codec's reader decodes it (and rejects malformed bytes)
                throw new BufferUnderflowException();
            }
        }
        in.position(start + length);
        return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
    }

    private static Instant time(ByteBuffer in) {
        if (in.get() == 0) {
            return null;
        }
        long seconds = in.getLong();
        int nanos = in.getInt();
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
