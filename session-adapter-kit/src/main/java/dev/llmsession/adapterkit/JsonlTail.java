package dev.llmsession.adapterkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Streams the lines of an append-only JSONL file from a byte offset. A line longer than the cap is not kept whole:
 * its head goes to the sink marked incomplete, the rest is skipped. The partial-line rule: bytes after the last
 * newline are a line still being written and wait for the next read, unless they already are one whole JSON
 * object — then they count now, the offset moves past them, and the newline that later ends them is skipped, so
 * the object counts exactly once. Opens regular files only, read-only. Not thread-safe: one refresh at a time.
 */
public final class JsonlTail {
    /** The most of one line kept in memory by default; usage and turn events are a few hundred bytes. */
    public static final int MAX_KEPT = 4 << 20;

    /** Receives each line (without its newline). */
    @FunctionalInterface
    public interface LineSink {
        /**
         * @param line     the line's bytes; for an oversized line only its head
         * @param length   how many bytes of {@code line} are the line
         * @param complete false when {@code line} is only the head of a longer line
         */
        void line(byte[] line, int length, boolean complete);
    }

    /**
     * What a read reached.
     *
     * @param offset      where the next read starts: after the last line delivered
     * @param partialTail bytes after it (an unfinished line)
     * @param bytesRead   bytes this read took from the file
     */
    public record Result(long offset, long partialTail, long bytesRead) {
    }

    private final int maxKept;
    /** Bytes read over this reader's life: what refreshes cost, for tests and diagnostics. */
    private final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();

    public JsonlTail() {
        this(MAX_KEPT);
    }

    public JsonlTail(int maxKept) {
        if (maxKept < 16) {
            throw new IllegalArgumentException("maxKept too small: " + maxKept);
        }
        this.maxKept = maxKept;
    }

    /** Bytes read by every {@link #read} of this reader so far. */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** Reads {@code file} from {@code from} (an offset an earlier read returned, or 0), handing lines to {@code sink}. */
    public Result read(Path file, long from, LineSink sink) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(file.toString(), null, "not a regular file");
        }
        long start = Math.max(0, from);
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(channel.position(Math.max(0, start - 1)))) {
            Cursor c = new Cursor(start);
            // After an object taken at EOF without its newline, the newline (and blanks before it) is skipped.
            c.skipSeparator = start > 0 && in.read() != '\n';
            byte[] chunk = new byte[1 << 16];
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                c.consume(chunk, n, sink);
            }
            Result r = c.finish(sink);
            bytesRead.addAndGet(r.bytesRead());
            return r;
        }
    }

    /** The running position of one read. */
    private final class Cursor {
        private byte[] line = new byte[8192];
        private int kept;
        private long lineLength;
        private long lineStart;
        private long pos;
        private final long from;
        boolean skipSeparator;

        Cursor(long from) {
            this.from = from;
            this.lineStart = from;
            this.pos = from;
        }

        void consume(byte[] chunk, int n, LineSink sink) {
            int segment = 0;
            int i = 0;
            if (skipSeparator) {
                while (i < n && (chunk[i] == ' ' || chunk[i] == '\t' || chunk[i] == '\r')) {
                    i++;
                }
                if (i < n) {
                    skipSeparator = false;
                    if (chunk[i] == '\n') {
                        i++;
                    }
                    segment = i;
                    lineStart = pos + i;
                } else {
                    pos += n;
                    lineStart = pos;
                    return;
                }
            }
            for (; i < n; i++) {
                if (chunk[i] == '\n') {
                    append(chunk, segment, i - segment);
                    deliver(sink);
                    lineStart = pos + i + 1;
                    segment = i + 1;
                }
            }
            append(chunk, segment, n - segment);
            pos += n;
        }

        Result finish(LineSink sink) {
            long tail = pos - lineStart;
            if (tail > 0 && lineLength <= maxKept && !isBlank(line, kept) && Json.isWholeObject(line, kept)) {
                deliver(sink);
                return new Result(pos, 0, pos - from);
            }
            return new Result(lineStart, tail, pos - from);
        }

        private void deliver(LineSink sink) {
            if (kept > 0 && !isBlank(line, kept)) {
                sink.line(line, kept, lineLength <= maxKept);
            }
            kept = 0;
            lineLength = 0;
        }

        /** Appends up to the room left below the cap, growing the buffer as needed. */
        private void append(byte[] src, int off, int len) {
            lineLength += len;
            int take = Math.min(len, maxKept - kept);
            if (take <= 0) {
                return;
            }
            if (kept + take > line.length) {
                line = Arrays.copyOf(line, Math.min(maxKept, Math.max(line.length * 2, kept + take)));
            }
            System.arraycopy(src, off, line, kept, take);
            kept += take;
        }
    }

    private static boolean isBlank(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
