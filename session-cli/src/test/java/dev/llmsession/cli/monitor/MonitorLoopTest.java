package dev.llmsession.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.Session;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The whole loop on a virtual terminal: keys in, screens out, the terminal restored however it ends. */
final class MonitorLoopTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    private static Monitor monitor(VirtualTerminal vt, Refresher.Source source, boolean bell,
            List<MonitorBinding> bindings) {
        MonitorScreen screen = new MonitorScreen(HeaderSegment.defaults(ZoneOffset.UTC), false, false, LONG);
        return new Monitor(vt, screen, new MonitorState(MonitorData.empty(MonitorFixtures.NOW), bindings), source,
                LONG, bell);
    }

    private static CompletableFuture<Integer> start(Monitor m) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return m.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void run_selectDetailBackAndQuit_drawsEachViewAndRestoresTheTerminal() throws Exception {
        VirtualTerminal vt = new VirtualTerminal(100, 30);
        CompletableFuture<Integer> done = start(monitor(vt, t -> t.map(
                id -> MonitorFixtures.withTrend(MonitorFixtures.four(), MonitorFixtures.four().sessions().get(1)))
                .orElse(MonitorFixtures.four()), false, List.of()));

        vt.awaitText(s -> s.contains("4 sessions") && s.contains(">  claude_4d5"), "the list");
        assertThat(vt.opened).isTrue();
        vt.type("j");
        vt.awaitText(s -> s.lines().anyMatch(l -> l.startsWith(">") && l.contains("shop")), "shop selected");
        vt.type("\r");
        vt.awaitText(s -> s.contains("Tokens (measured)") && s.contains("samples)"), "the detail with its trend");
        vt.type("\u001b");
        vt.awaitText(s -> s.contains("Enter detail"), "the list again");
        vt.type("q");

        assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(vt.restored).isTrue();
    }

    @Test
    void run_ctrlC_quitsWithZeroAndRestores() throws Exception {
        VirtualTerminal vt = new VirtualTerminal(80, 20);
        CompletableFuture<Integer> done = start(monitor(vt, t -> MonitorFixtures.four(), false, List.of()));
        vt.awaitText(s -> s.contains("4 sessions"), "the list");
        vt.interrupt();
        assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(vt.restored).isTrue();
    }

    @Test
    void run_resize_redrawsForTheNewSize() throws Exception {
        VirtualTerminal vt = new VirtualTerminal(120, 20);
        CompletableFuture<Integer> done = start(monitor(vt, t -> MonitorFixtures.four(), false, List.of()));
        vt.awaitText(s -> s.contains("MODEL"), "the wide table");
        vt.resize(60, 15);
        vt.awaitText(s -> s.contains("4 sessions") && !s.contains("MODEL"), "the narrow table");
        vt.type("q");
        assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void run_failingRefresh_showsOneLineAndKeepsRunning() throws Exception {
        VirtualTerminal vt = new VirtualTerminal(100, 20);
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Integer> done = start(monitor(vt, t -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("store locked\nsecond line");
            }
            return MonitorFixtures.four();
        }, false, List.of()));
        vt.awaitText(s -> s.contains("4 sessions"), "the list");
        vt.type("r");
        vt.awaitText(s -> s.contains("refresh failed: store locked") && s.contains("4 sessions"), "the failure");
        assertThat(vt.text()).doesNotContain("second line");
        vt.type("q");
        assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void run_exceptionWhileDrawing_restoresTheTerminalAndPropagates() throws Exception {
        VirtualTerminal vt = new VirtualTerminal(80, 20) {
            @Override
            public synchronized void write(String text) {
                if (writes.get() >= 1) {
                    throw new IllegalStateException("terminal gone");
                }
                super.write(text);
            }
        };
        Monitor m = monitor(vt, t -> MonitorFixtures.four(), false, List.of());
        assertThatThrownBy(m::run).hasMessageContaining("terminal gone");
        assertThat(vt.restored).isTrue();
    }

    @Test
    void run_bell_ringsOncePerCrossing() throws Exception {
        Session a = MonitorFixtures.session(0, "a", ActivityState.WORKING, 10_000, 1.0);
        AtomicInteger calls = new AtomicInteger();
        VirtualTerminal vt = new VirtualTerminal(100, 20);
        CompletableFuture<Integer> done = start(monitor(vt, t -> MonitorFixtures.data(List.of(a),
                new int[] {calls.incrementAndGet() == 1 ? 90 : 70}), true, List.of()));
        vt.awaitText(s -> s.contains("1 session"), "the list");
        vt.type("r");
        vt.awaitText(s -> s.contains("! ") || s.contains("70%"), "the warning");
        vt.type("r");
        vt.type("r");
        Thread.sleep(300);
        vt.type("q");
        assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(vt.bells.get()).isEqualTo(1);
    }

    @Test
    void run_pluggedAction_runsOffTheUiThreadAndShowsItsOutcome() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        MonitorBinding export = new MonitorBinding('e', "export", s -> {
            thread.set(Thread.currentThread().getName());
            return "exported " + s.id().shortValue() + " to /tmp/x.json";
        });
        VirtualTerminal vt = new VirtualTerminal(100, 20);
        CompletableFuture<Integer> done = start(monitor(vt, t -> MonitorFixtures.four(), false, List.of(export)));
        vt.awaitText(s -> s.contains("e export") && s.contains("4 sessions"), "the list with export");
        vt.type("e");
        vt.awaitText(s -> s.contains("exported claude_4d5"), "the outcome");
        vt.type("q");
        assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(thread.get()).isEqualTo("llm-session-refresh");
    }
}
