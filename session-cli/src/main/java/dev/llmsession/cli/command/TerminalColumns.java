package dev.llmsession.cli.command;

import java.io.IOException;
import java.util.function.IntSupplier;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The width of the terminal standard output is, by JLine's native provider (one {@code ioctl(TIOCGWINSZ)}), without
 * opening a JLine terminal: no raw mode, no signal handlers, nothing to restore.
 */
final class TerminalColumns {
    private TerminalColumns() {
    }

    /**
     * Asks on the first call and remembers the answer: the width of one run does not change under a table. A call
     * made while another thread is asking waits for that answer (a run may ask ahead, on a thread of its own).
     */
    static IntSupplier once() {
        return new IntSupplier() {
            private int asked = -1;

            @Override
            public synchronized int getAsInt() {
                if (asked < 0) {
                    asked = ask();
                }
                return asked;
            }
        };
    }

    /** Standard output's columns, or 0 when it is not a terminal or the native provider cannot load. */
    static int ask() {
        // Not a static logger: the main thread makes the environment (and so loads this class) before it sets the
        // log level, and slf4j-simple fixes a logger's level when the logger is made (--verbose lost these lines).
        Logger log = LoggerFactory.getLogger(TerminalColumns.class);
        try {
            TerminalProvider jni = TerminalProvider.load("jni");
            if (!jni.isSystemStream(SystemStream.Output)) {
                return 0;
            }
            int columns = jni.systemStreamWidth(SystemStream.Output);
            log.debug("terminal width: {} columns", columns);
            return Math.max(0, columns);
        } catch (IOException | RuntimeException | LinkageError e) {
            log.debug("terminal width unknown ({}); COLUMNS or 80 instead", e.toString());
            return 0;
        }
    }
}
