package dev.llmsession.adapterkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 * the object counts exactly once. Lines are split by the shared {@link LineScanner}. Opens regular files only,
 * read-only. Thread-safe (each read has its own scanner).
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

        /**
         * A line lying at bytes {@code [from, to)} of {@code buffer}, valid only during the call. The reader calls
         * this one; a sink that can read a line where it lies overrides it and saves a copy per line.
         */
        default void line(byte[] buffer, int from, int to, boolean complete) {
            line(from == 0 ? buffer : Arrays.copyOfRange(buffer, from, to), to - from, complete);
        }
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
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // bounded by the size seen now: bytes appended meanwhile are the next read's
            long end = channel.size();
            // After an object taken at EOF without its newline, the newline (and blanks before it) is skipped.
            long begin = start > 0 && byteAt(channel, start - 1) != '\n' ? afterSeparator(channel, start, end) : start;
            LineScanner scanner = new LineScanner(maxKept, end - begin);
            LineScanner.Stop stop = scanner.scan(channel, begin, end, new LineScanner.Sink() {
                @Override
                public void line(byte[] buffer, int lineFrom, int lineTo) {
                    if (lineTo > lineFrom && !isBlank(buffer, lineFrom, lineTo)) {
                        sink.line(buffer, lineFrom, lineTo, true);
                    }
                }

                @Override
                public void longLine(long lineStart, long lineEnd) throws IOException {
                    ByteBuffer head = ByteBuffer.allocate(maxKept);
                    while (head.hasRemaining() && channel.read(head, lineStart + head.position()) > 0) {
                        // the head of the line only: the rest is skipped
                    }
                    if (!isBlank(head.array(), 0, head.position())) {
                        sink.line(head.array(), 0, head.position(), false);
                    }
                }
            });
            long tail = stop.tail();
            Result r;
            byte[] b = scanner.tailBuffer();
            if (tail > 0 && !scanner.tailTooLong() && !isBlank(b, scanner.tailFrom(), scanner.tailTo())
                    && Json.isWholeObject(Arrays.copyOfRange(b, scanner.tailFrom(), scanner.tailTo()),
                            scanner.tailTo() - scanner.tailFrom())) {
                sink.line(b, scanner.tailFrom(), scanner.tailTo(), true);
                r = new Result(stop.end(), 0, stop.end() - start);
            } else {
                r = new Result(stop.lineStart(), tail, stop.end() - start);
            }
            bytesRead.addAndGet(r.bytesRead());
            return r;
        }
    }

    private static int byteAt(FileChannel channel, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one, position) == 1 ? one.get(0) : -1;
    }

    /** The offset after the blanks and the one newline at {@code from} (or of the first other byte, or the end). */
    private static long afterSeparator(FileChannel channel, long from, long end) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        long at = from;
        while (at < end) {
            buffer.clear();
            int n = channel.read(buffer, at);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte c = buffer.get(i);
                if (c != ' ' && c != '\t' && c != '\r') {
                    return c == '\n' ? at + i + 1 : at + i;
                }
            }
            at += n;
        }
        return Math.min(at, end);
    }

    private static boolean isBlank(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
