package dev.llmsession.discovery.claudecode.events;

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
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Claude Code main transcript as events from its first line, then whatever is appended. Memory stays
 * bounded by a fixed scan buffer whatever a line's size: lines are found by scanning for newlines, and each
 * complete one is parsed as a stream straight from the file ({@link LineEvents}). The unterminated tail (a line
 * still being written) is left for a later poll; how far it was scanned is remembered, so a huge line being written
 * is not scanned again from its start. Read-only. Not thread-safe.
 */
public final class TranscriptFollower implements EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptFollower.class);
    private static final int SCAN = 1 << 16;

    private final FileChannel channel;
    private final LineEvents parser = new LineEvents();
    private final ByteBuffer scan = ByteBuffer.allocate(SCAN);
    /** Start of the first line not yet read. */
    private long lineStart;
    /** How far the bytes after {@link #lineStart} are known to hold no newline. */
    private long scanned;

    private TranscriptFollower(FileChannel channel) {
        this.channel = channel;
    }

    /** A follower of {@code transcript}, or empty when it is not a regular file or cannot be opened. */
    public static Optional<EventStream> open(Path transcript) {
        if (!Files.isRegularFile(transcript, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TranscriptFollower(FileChannel.open(transcript, StandardOpenOption.READ)));
        } catch (IOException e) {
            LOG.debug("cannot open {}: {}", transcript, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public List<ConversationEvent> poll(int maxEvents) {
        List<ConversationEvent> events = new ArrayList<>();
        try {
            long size = channel.size();
            if (size < lineStart) {
                // truncated in place: read it again from the start rather than from a position that no longer exists
                lineStart = 0;
                scanned = 0;
            }
            while (events.size() < maxEvents) {
                long newline = nextNewline(size);
                if (newline < 0) {
                    break;
                }
                if (newline > lineStart) {
                    events.addAll(parser.parse(channel, lineStart, newline));
                }
                lineStart = newline + 1;
                scanned = lineStart;
            }
        } catch (IOException e) {
            LOG.debug("reading the transcript failed: {}", e.toString());
        }
        return events;
    }

    /** The offset of the newline ending the line at {@link #lineStart}, or -1 when it is not complete yet. */
    private long nextNewline(long size) throws IOException {
        while (scanned < size) {
            scan.clear();
            int n = channel.read(scan, scanned);
            if (n <= 0) {
                return -1;
            }
            byte[] bytes = scan.array();
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    return scanned + i;
                }
            }
            scanned += n;
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the transcript failed: {}", e.toString());
        }
    }
}
