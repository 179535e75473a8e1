package dev.llmsession.adapterkit;

import dev.llmsession.model.ConversationEvent;
import dev.llmsession.spi.EventStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A session's JSONL files read as conversation events, one file after the other (a session an assistant split
 * over several files; only the last is expected to grow). Lines are read from where the last poll stopped; a line
 * still being written waits for the next poll. Lines up to {@link #MAX_LINE} bytes go to the adapter's
 * {@link LineEvents}; a longer one (a huge tool output) is scanned past, never held. Regular files only,
 * read-only. Not thread-safe.
 */
public final class JsonlEvents implements EventStream {
    /** Longest line handed to the adapter; longer ones are skipped whole. */
    public static final int MAX_LINE = 1 << 20;

    /** Turns one complete line into the events it holds (none for lines that are not conversation). */
    @FunctionalInterface
    public interface LineEvents {
        void line(byte[] line, int length, List<ConversationEvent> out);
    }

    private final List<Path> files;
    private final LineEvents mapper;
    private final ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
    private FileChannel channel;
    private int current = -1;
    private byte[] line = new byte[8192];
    private int length;
    private boolean oversized;
    /** Where the next read of the current file continues: after the bytes already in {@link #line} (or skipped). */
    private long position;

    private JsonlEvents(List<Path> files, LineEvents mapper) {
        this.files = List.copyOf(files);
        this.mapper = mapper;
    }

    /** The stream over {@code files} in order; empty when none is a regular file. */
    public static Optional<EventStream> open(List<Path> files, LineEvents mapper) {
        if (files.stream().noneMatch(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))) {
            return Optional.empty();
        }
        return Optional.of(new JsonlEvents(files, mapper));
    }

    @Override
    public List<ConversationEvent> poll(int maxEvents) {
        List<ConversationEvent> events = new ArrayList<>();
        try {
            while (events.size() < maxEvents && (channel != null || next())) {
                chunk.clear();
                int n = channel.read(chunk, position);
                if (n <= 0) {
                    if (current < files.size() - 1) {
                        closeChannel(); // an earlier file of the session is done: go on with the next one
                        continue;
                    }
                    break;
                }
                byte[] bytes = chunk.array();
                int from = 0;
                for (int i = 0; i < n && events.size() < maxEvents; i++) {
                    if (bytes[i] == '\n') {
                        keep(bytes, from, i - from);
                        if (!oversized && length > 0) {
                            mapper.line(line, length, events);
                        }
                        length = 0;
                        oversized = false;
                        from = i + 1;
                    }
                }
                // a poll that stops at maxEvents mid-chunk continues after the last complete line next time
                int consumed = events.size() >= maxEvents ? from : n;
                keep(bytes, from, consumed - from);
                position += consumed;
            }
        } catch (IOException | RuntimeException e) {
            // a vanished or unreadable file ends the stream where it is
        }
        return events;
    }

    /** Opens the next regular file; false when there is none. */
    private boolean next() throws IOException {
        while (current < files.size() - 1) {
            current++;
            Path f = files.get(current);
            if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                channel = FileChannel.open(f, StandardOpenOption.READ);
                position = 0;
                length = 0;
                oversized = false;
                return true;
            }
        }
        return false;
    }

    private void keep(byte[] bytes, int from, int count) {
        if (oversized || count <= 0) {
            return;
        }
        if (length + count > MAX_LINE) {
            oversized = true;
            length = 0;
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, length + count)));
        }
        System.arraycopy(bytes, from, line, length, count);
        length += count;
    }

    private void closeChannel() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing left to release
        }
        channel = null;
    }

    @Override
    public void close() {
        closeChannel();
        current = files.size();
    }

    /** Cuts {@code text} to {@code max} characters (null stays null). */
    public static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
