package dev.llmsession.cli.render;

import dev.llmsession.api.Formats;
import dev.llmsession.spi.IndexProgress;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The first full index of a large history, drawn on one stderr line ({@code files, MB, ETA}) and erased when
 * done. Silent for reads that finish within a second, so ordinary refreshes never flicker. Thread-safe.
 */
public final class ProgressBar implements IndexProgress {
    private static final Duration QUIET_START = Duration.ofSeconds(1);
    private static final Duration REDRAW_EVERY = Duration.ofMillis(100);
    private static final int BAR_CELLS = 20;

    private final PrintWriter err;
    private final Terminal terminal;
    private final Clock clock;
    private Instant started;
    private Instant lastDraw = Instant.MIN;
    private boolean drawn;

    public ProgressBar(PrintWriter err, Terminal terminal, Clock clock) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
    }

    @Override
    public synchronized void progress(long files, long totalFiles, long bytes, long totalBytes) {
        Instant now = clock.instant();
        if (started == null) {
            started = now;
        }
        boolean done = files >= totalFiles;
        if (done) {
            if (drawn) {
                err.print("\r" + " ".repeat(Math.max(0, terminal.width() - 1)) + "\r");
                err.flush();
                drawn = false;
            }
            started = null;
            return;
        }
        if (Duration.between(started, now).compareTo(QUIET_START) < 0
                || Duration.between(lastDraw, now).compareTo(REDRAW_EVERY) < 0) {
            return;
        }
        lastDraw = now;
        err.print("\r" + line(files, totalFiles, bytes, totalBytes, Duration.between(started, now)));
        err.flush();
        drawn = true;
    }

    /** {@code Indexing [#####.....] 120/3,400 files · 340/1,024 MB · ETA 12 s}, cut to the terminal width. */
    String line(long files, long totalFiles, long bytes, long totalBytes, Duration elapsed) {
        double fraction = totalBytes > 0 ? (double) bytes / totalBytes : totalFiles > 0 ? (double) files / totalFiles : 0;
        int full = (int) Math.round(Math.min(1, fraction) * BAR_CELLS);
        String bar = terminal.ascii()
                ? "[" + "#".repeat(full) + ".".repeat(BAR_CELLS - full) + "]"
                : "▕" + "█".repeat(full) + "░".repeat(BAR_CELLS - full) + "▏";
        String eta = fraction > 0.01
                ? Formats.duration(Duration.ofMillis((long) (elapsed.toMillis() * (1 - fraction) / fraction)))
                : "…";
        String text = String.format(Locale.ROOT, "Indexing %s %,d/%,d files · %,d/%,d MB · ETA %s", bar, files,
                totalFiles, bytes >> 20, totalBytes >> 20, eta);
        String safe = terminal.sanitize(text);
        return safe.length() >= terminal.width() ? safe.substring(0, terminal.width() - 1) : safe;
    }
}
