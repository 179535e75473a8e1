package dev.llmsession.adapterkit;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * Splits a region of a file into lines, the one line splitter of the JSONL readers. Large reads into one reused
 * buffer, a word-at-a-time newline search, and no copy per line: a line that fits in the buffer is handed over where
 * it lies ({@link Sink#line}); only the unfinished line at the end of a read is moved to the buffer's start. A line
 * longer than {@code maxLine} is never held: the sink gets its position in the file ({@link Sink#longLine}) and may
 * read it from there. Bounded by the end given (bytes appended meanwhile are the next read's; a file that never
 * ends cannot keep it going). Not thread-safe; one instance per read.
 */
public final class LineScanner {

    /** Read size for large regions: few system calls, and a buffer a thread can keep. */
    public static final int CHUNK = 4 << 20;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** Receives the lines of a region in file order, without their newlines. */
    public interface Sink {
        /** A line held in memory: bytes {@code [from, to)} of {@code buffer}, valid only during the call. */
        void line(byte[] buffer, int from, int to) throws IOException;

        /** A line longer than the scanner's limit: bytes {@code [start, end)} of the file. */
        void longLine(long start, long end) throws IOException;
    }

    /**
     * Where a scan stopped.
     *
     * @param lineStart offset just after the last newline seen (where the unfinished tail begins)
     * @param end       offset up to which bytes were read (below the asked end when the file ended early)
     * @param bytesRead bytes taken from the file
     */
    public record Stop(long lineStart, long end, long bytesRead) {
        /** Bytes after the last newline: a line still being written. */
        public long tail() {
            return end - lineStart;
        }
    }

    private final int maxLine;
    private byte[] buffer;
    private int start;
    private int filled;
    private boolean overlong;

    /**
     * @param maxLine  the longest line held in memory; longer ones go to {@link Sink#longLine}
     * @param expected how many bytes the region holds (sizes the buffer: a small tail gets a small one)
     */
    public LineScanner(int maxLine, long expected) {
        if (maxLine < 16) {
            throw new IllegalArgumentException("maxLine too small: " + maxLine);
        }
        this.maxLine = maxLine;
        this.buffer = new byte[(int) Math.max(4096, Math.min(CHUNK, expected + 1))];
    }

    /** Scans {@code [from, end)} of {@code channel}; the unfinished last line is then {@link #tail}. */
    public Stop scan(SeekableByteChannel channel, long from, long end, Sink sink) throws IOException {
        long lineStart = from;
        long pos = from;
        long read = 0;
        start = 0;
        filled = 0;
        overlong = false;
        while (pos < end) {
            makeRoom();
            ByteBuffer into = ByteBuffer.wrap(buffer, filled, (int) Math.min(buffer.length - filled, end - pos));
            int n = readAt(channel, into, pos);
            if (n <= 0) {
                break;
            }
            read += n;
            int i = filled;
            filled += n;
            pos += n;
            for (int nl = next(buffer, i, filled); nl >= 0; nl = next(buffer, nl + 1, filled)) {
                long newline = pos - (filled - nl);
                if (!overlong && nl - start <= maxLine) {
                    sink.line(buffer, start, nl);
                } else {
                    sink.longLine(lineStart, newline);
                }
                lineStart = newline + 1;
                start = nl + 1;
                overlong = false;
            }
            if (!overlong && filled - start > maxLine) {
                overlong = true; // the rest of this line is not kept
            }
        }
        return new Stop(lineStart, pos, read);
    }

    /** Whether the unfinished last line of the previous scan was too long to keep. */
    public boolean tailTooLong() {
        return overlong;
    }

    /** The unfinished last line of the previous scan, when it was kept: bytes {@code [tailFrom(), tailTo())}. */
    public byte[] tailBuffer() {
        return buffer;
    }

    public int tailFrom() {
        return start;
    }

    public int tailTo() {
        return filled;
    }

    /** Keeps the unfinished line (moved to the start) and makes space after it. */
    private void makeRoom() {
        if (overlong) {
            start = 0;
            filled = 0;
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
            start = 0;
        }
        if (filled == buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min((long) maxLine + 1, buffer.length * 2L));
        }
    }

    /**
     * The index of the first {@code '\n'} in {@code [from, to)} of {@code b}, or -1: eight bytes at a time (the
     * lowest byte flagged by the zero-byte test is exact; only bytes above a match can be flagged wrongly).
     */
    public static int next(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** One read at {@code position}: positional on a file channel, seek-and-read on any other. */
    public static int readAt(SeekableByteChannel channel, ByteBuffer into, long position) throws IOException {
        if (channel instanceof FileChannel file) {
            return file.read(into, position);
        }
        channel.position(position);
        return channel.read(into);
    }
}
