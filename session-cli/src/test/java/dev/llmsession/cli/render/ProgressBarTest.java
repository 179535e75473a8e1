package dev.llmsession.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.testkit.SettableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class ProgressBarTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void progress_quickRead_drawsNothing() {
        StringWriter out = new StringWriter();
        SettableClock clock = new SettableClock(T0);
        ProgressBar bar = new ProgressBar(new PrintWriter(out), new Terminal(false, true, 80), clock);

        bar.progress(1, 10, 100, 1000);
        clock.set(T0.plusMillis(500));
        bar.progress(10, 10, 1000, 1000);

        assertThat(out.toString()).isEmpty();
    }

    @Test
    void progress_longRead_drawsFilesMegabytesEtaThenErasesTheLine() {
        StringWriter out = new StringWriter();
        SettableClock clock = new SettableClock(T0);
        ProgressBar bar = new ProgressBar(new PrintWriter(out), new Terminal(false, true, 80), clock);

        bar.progress(0, 100, 0, 400L << 20);
        clock.set(T0.plusSeconds(4));
        bar.progress(50, 100, 200L << 20, 400L << 20);
        String drawn = out.toString();
        clock.set(T0.plusSeconds(8));
        bar.progress(100, 100, 400L << 20, 400L << 20);

        assertThat(drawn).startsWith("\rIndexing [##########..........] 50/100 files").contains("200/400 MB", "ETA 4 s");
        assertThat(drawn.length()).isLessThan(81);
        assertThat(out.toString()).endsWith("\r");
    }
}
