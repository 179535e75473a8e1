package dev.llmsession.cli.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A terminal of fixed size that interprets what the monitor writes (cursor moves, erase, colours ignored) into
 * a grid of cells, and serves keys a test queues. Thread-safe.
 */
public class VirtualTerminal implements TerminalPort {
    private volatile int width;
    private volatile int height;
    private String[][] cells;
    private int row;
    private int col;
    private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
    final AtomicInteger bells = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    volatile boolean opened;
    public volatile boolean restored;
    private Runnable onResize = () -> { };
    private Runnable onInterrupt = () -> { };

    public VirtualTerminal(int width, int height) {
        this.width = width;
        this.height = height;
        clear();
    }

    @Override
    public void open(Runnable onResize, Runnable onInterrupt) {
        this.onResize = onResize;
        this.onInterrupt = onInterrupt;
        opened = true;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int read(long timeoutMillis) {
        try {
            Integer c = keys.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            return c == null ? KeyDecoder.TIMEOUT : c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return KeyDecoder.EOF;
        }
    }

    /** Queues the characters of {@code typed} as key presses. */
    public void type(String typed) {
        typed.chars().forEach(keys::add);
    }

    /** Sends SIGINT, as Ctrl-C does. */
    void interrupt() {
        onInterrupt.run();
    }

    /** Changes the size and signals it, as SIGWINCH does. */
    synchronized void resize(int w, int h) {
        width = w;
        height = h;
        clear();
        onResize.run();
    }

    @Override
    public synchronized void write(String text) {
        writes.incrementAndGet();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == 0x1B) {
                i = escape(text, i);
                continue;
            }
            if (c == 0x07) {
                bells.incrementAndGet();
                i++;
                continue;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            put(new String(Character.toChars(cp)));
        }
    }

    private void put(String glyph) {
        int w = dev.llmsession.cli.render.TextWidth.of(glyph);
        if (w == 0) {
            if (col > 0 && row < height) {
                int at = cells[row][col - 1].isEmpty() && col > 1 ? col - 2 : col - 1;
                cells[row][at] += glyph;
            }
            return;
        }
        if (row >= height || col + w > width) {
            throw new AssertionError("wrote past the screen at row " + row + " col " + col + ": " + glyph);
        }
        cells[row][col] = glyph;
        if (w == 2) {
            cells[row][col + 1] = "";
        }
        col += w;
    }

    private int escape(String s, int i) {
        if (i + 1 >= s.length() || s.charAt(i + 1) != '[') {
            throw new AssertionError("unexpected escape at " + i);
        }
        int j = i + 2;
        while (s.charAt(j) < 0x40 || s.charAt(j) > 0x7E) {
            j++;
        }
        String params = s.substring(i + 2, j);
        switch (s.charAt(j)) {
            case 'H' -> {
                String[] rc = params.isEmpty() ? new String[] {"1", "1"} : params.split(";");
                row = Integer.parseInt(rc[0]) - 1;
                col = Integer.parseInt(rc[1]) - 1;
            }
            case 'K' -> {
                for (int c = col; c < width; c++) {
                    cells[row][c] = " ";
                }
            }
            case 'J' -> clear();
            case 'm', 'h', 'l' -> {
                // colours and modes do not change the text
            }
            default -> throw new AssertionError("unexpected sequence " + params + s.charAt(j));
        }
        return j + 1;
    }

    private void clear() {
        cells = new String[height][width];
        for (String[] line : cells) {
            Arrays.fill(line, " ");
        }
    }

    /** The screen's text, one string per row, trailing blanks removed. */
    synchronized List<String> screen() {
        List<String> out = new ArrayList<>();
        for (String[] line : cells) {
            out.add(String.join("", line).stripTrailing());
        }
        return out;
    }

    public synchronized String text() {
        return String.join("\n", screen());
    }

    /** Waits (up to 10 s) until the screen satisfies {@code condition}; fails naming {@code what} otherwise. */
    public void awaitText(Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.test(text())) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("screen never showed " + what + ":\n" + text());
    }

    @Override
    public void restore() {
        restored = true;
    }
}
