package dev.llmsession.spi;

import dev.llmsession.model.ConversationEvent;
import java.util.List;

/**
 * A session's conversation read as events from the start of its transcript, in bounded memory whatever the size of
 * a line. A stream remembers how far it has read: once it returns an empty list it is at the current end, and a
 * later call returns what the assistant has appended since (so following a live session is polling). A line still
 * being written is never read half. Not thread-safe; close it when done.
 *
 * @since 0.1
 */
public interface EventStream extends AutoCloseable {
    /**
     * Events of the complete lines after the last one read, up to the line that brings their number to
     * {@code maxEvents} or more (a bound on one call's work and memory); empty only at the current end.
     */
    List<ConversationEvent> poll(int maxEvents);

    /** Releases the file; never throws. */
    @Override
    void close();
}
