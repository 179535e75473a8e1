package dev.llmsession.examples.codex;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Streams the complete lines of a rollout from a byte offset into a {@link RolloutState}. A line longer than
 * {@link #MAX_KEPT} bytes is not kept whole: its head gives its time, the rest is skipped. Bytes after the last
 * newline (a line Codex is still writing) are left for the next read. Opens the file read-only.
 */
final class RolloutReader {
    /** The most of one line kept in memory; token and turn events are a few hundred bytes. */
    static final int MAX_KEPT = 4 << 20;

    private final LineParser parser = new LineParser();
    private final int maxKept;
    /** Bytes read over this reader's life: what a refresh cost, for tests and diagnostics. */
    private final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();

    RolloutReader() {
        this(MAX_KEPT);
    }

    RolloutReader(int maxKept) {
        this.maxKept = maxKept;
    }

    long bytesRead() {
        return bytesRead.get();
    }

    /**
     * What a read reached.
     *
     * @param offset      the byte just after the last complete line
     * @param partialTail bytes after it (an unfinished line)
     */
    record Result(long offset, long partialTail) {
    }

    Result read(Path file, long from, RolloutState state) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(channel.position(from))) {
            byte[] chunk = new byte[1 << 16];
            byte[] line = new byte[8192];
            int kept = 0;
            long lineLength = 0;
            long lineStart = from;
            long pos = from;
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        line = append(line, kept, chunk, start, i - start);
                        kept = Math.min(maxKept, kept + (i - start));
                        lineLength += i - start;
                        finish(line, kept, lineLength <= maxKept, state);
                        lineStart = pos + i + 1;
                        start = i + 1;
                        kept = 0;
                        lineLength = 0;
                    }
                }
                line = append(line, kept, chunk, start, n - start);
                kept = Math.min(maxKept, kept + (n - start));
                lineLength += n - start;
                pos += n;
                bytesRead.addAndGet(n);
            }
            return new Result(lineStart, pos - lineStart);
        }
    }

    /** Appends up to the room left below the cap, growing the buffer as needed. */
    private byte[] append(byte[] line, int kept, byte[] src, int from, int len) {
        int take = Math.min(len, maxKept - kept);
        if (take <= 0) {
            return line;
        }
        byte[] out = line;
        if (kept + take > out.length) {
            out = Arrays.copyOf(out, Math.min(maxKept, Math.max(out.length * 2, kept + take)));
        }
        System.arraycopy(src, from, out, kept, take);
        return out;
    }

    private void finish(byte[] line, int length, boolean complete, RolloutState state) {
        if (length == 0 || isBlank(line, length)) {
            return;
        }
        switch (parser.apply(line, length, complete, state)) {
            case MALFORMED -> state.malformedLines++;
            case OVERSIZED -> state.oversizedLines++;
            default -> {
            }
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
