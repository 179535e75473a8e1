package dev.llmsession.discovery.claudecode;

import dev.llmsession.spi.RegularFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A digest of the bytes a stored read has already consumed (the first and the last {@value #SPAN} bytes before its
 * offset), kept with the parser state: a file rewritten in place that grew (same inode, larger) would otherwise be
 * continued from the old offset, adding new lines to stale totals. Checked before a read resumes; costs two small
 * reads. A rewrite that changes only bytes between those two spans is not seen. The digest is two CRC-32C values
 * (the offset and the first span; the last span), which the JVM computes in hardware with or without its optimising
 * compiler (SHA-256 in Java was 7 % of a first index's CPU under C1); a state stored with the older 32-byte digest
 * does not match, so such a file that grew is read once more from zero. Stateless.
 */
final class ReadFingerprint {

    /** Bytes digested at each end of the consumed part. */
    static final int SPAN = 4096;
    private static final int DIGEST = 8;
    /** Each thread's span buffer: a first index fingerprints thousands of files (8 KiB each was 3 % of its garbage). */
    private static final ThreadLocal<ByteBuffer> SPANS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(SPAN));

    private ReadFingerprint() {
    }

    /** The fingerprint of {@code path}'s bytes [0, offset), or empty when they cannot be read. */
    static Optional<byte[]> of(Path path, long offset) {
        try (FileChannel channel = RegularFiles.open(path)) {
            CRC32C head = new CRC32C();
            head.update(longBytes(offset));
            digest(channel, head, 0, Math.min(SPAN, offset));
            CRC32C tailCrc = new CRC32C();
            long tail = Math.max(Math.min(SPAN, offset), offset - SPAN);
            digest(channel, tailCrc, tail, offset - tail);
            return Optional.of(ByteBuffer.allocate(DIGEST).putInt((int) head.getValue()).putInt((int) tailCrc.getValue())
                    .array());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code path} still holds, before {@code offset}, the bytes {@code fingerprint} was taken of. */
    static boolean matches(Path path, long offset, byte[] fingerprint) {
        return fingerprint.length == DIGEST && of(path, offset).filter(f -> Arrays.equals(f, fingerprint)).isPresent();
    }

    /** {@code state} with {@code fingerprint} in front (a length byte, then the digest; 0 when there is none). */
    static byte[] wrap(Optional<byte[]> fingerprint, byte[] state) {
        byte[] fp = prefix(fingerprint);
        byte[] out = Arrays.copyOf(fp, fp.length + state.length);
        System.arraycopy(state, 0, out, fp.length, state.length);
        return out;
    }

    /** What {@link #wrap} puts in front of a state (so that a state can be encoded straight behind it). */
    static byte[] prefix(Optional<byte[]> fingerprint) {
        byte[] fp = fingerprint.orElse(new byte[0]);
        byte[] out = new byte[1 + fp.length];
        out[0] = (byte) fp.length;
        System.arraycopy(fp, 0, out, 1, fp.length);
        return out;
    }

    /** The fingerprint part of a wrapped state (empty array when there is none or the bytes are not one). */
    static byte[] fingerprint(byte[] wrapped) {
        if (wrapped.length == 0 || wrapped[0] != DIGEST || wrapped.length < 1 + DIGEST) {
            return new byte[0];
        }
        return Arrays.copyOfRange(wrapped, 1, 1 + DIGEST);
    }

    /** The parser-state part of a wrapped state. */
    static byte[] state(byte[] wrapped) {
        int skip = wrapped.length == 0 ? 0 : 1 + (wrapped[0] & 0xFF);
        return skip > wrapped.length ? new byte[0] : Arrays.copyOfRange(wrapped, skip, wrapped.length);
    }

    private static void digest(FileChannel channel, CRC32C crc, long from, long length) throws IOException {
        ByteBuffer buffer = SPANS.get().clear().limit((int) length);
        long at = from;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("the file is shorter than the stored offset");
            }
            at += n;
        }
        crc.update(buffer.flip());
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }
}
