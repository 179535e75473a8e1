package dev.llmsession.cli.monitor;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

/** The real terminal, through JLine: raw mode, size, resize and Ctrl-C signals. */
public final class JLineTerminal implements TerminalPort {
    /** Alternate screen on, cursor hidden. */
    private static final String ENTER = "\u001b[?1049h\u001b[?25l\u001b[H\u001b[2J";
    /** Colours off, cursor shown, main screen back. */
    private static final String LEAVE = "\u001b[0m\u001b[?25h\u001b[?1049l";

    private final AtomicBoolean restored = new AtomicBoolean();
    private Terminal terminal;
    private Attributes original;
    private NonBlockingReader reader;

    @Override
    public void open(Runnable onResize, Runnable onInterrupt) throws IOException {
        terminal = TerminalBuilder.builder().system(true).nativeSignals(true).build();
        original = terminal.enterRawMode();
        terminal.handle(Terminal.Signal.WINCH, s -> onResize.run());
        terminal.handle(Terminal.Signal.INT, s -> onInterrupt.run());
        reader = terminal.reader();
        write(ENTER);
    }

    @Override
    public int width() {
        int w = terminal.getSize().getColumns();
        return w > 0 ? w : 80;
    }

    @Override
    public int height() {
        int h = terminal.getSize().getRows();
        return h > 0 ? h : 24;
    }

    @Override
    public int read(long timeoutMillis) throws IOException {
        return reader.read(timeoutMillis);
    }

    @Override
    public void write(String text) {
        terminal.writer().write(text);
        terminal.writer().flush();
    }

    @Override
    public void restore() {
        if (terminal == null || !restored.compareAndSet(false, true)) {
            return;
        }
        try {
            write(LEAVE);
            terminal.setAttributes(original);
        } finally {
            try {
                terminal.close();
            } catch (IOException | RuntimeException e) {
                // Restoring is best effort: the modes are back already, closing only frees the handle.
            }
        }
    }
}
