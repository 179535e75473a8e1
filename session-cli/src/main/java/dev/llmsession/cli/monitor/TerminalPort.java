package dev.llmsession.cli.monitor;

import java.io.IOException;

/**
 * The full-screen terminal the monitor draws on: JLine's in production, a virtual one in tests. Not
 * thread-safe except where a method says so.
 */
public interface TerminalPort extends KeyDecoder.CharSource {
    /** Raw keys, the alternate screen, no cursor; {@code onResize} and {@code onInterrupt} may run on any thread. */
    void open(Runnable onResize, Runnable onInterrupt) throws IOException;

    /** Columns now. */
    int width();

    /** Rows now. */
    int height();

    /** Writes {@code text} and flushes it. */
    void write(String text);

    /**
     * Puts the terminal back as it was (cursor, main screen, cooked mode). Safe to call twice and from a
     * shutdown hook.
     */
    void restore();
}
