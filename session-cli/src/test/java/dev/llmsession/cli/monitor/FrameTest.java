package dev.llmsession.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FrameTest {
    @Test
    void fit_cutsToTheWidthKeepingColourCodesWholeAndClosed() {
        String cut = Frame.fit("\u001b[32mhealthy\u001b[0m and more", 4);
        assertThat(cut).isEqualTo("\u001b[32mheal\u001b[0m");
        assertThat(Frame.fit("✅ 92%", 2)).isEqualTo("✅");
        assertThat(Frame.fit("ab   ", 10)).isEqualTo("ab");
    }

    @Test
    void diff_firstFrame_clearsAndDrawsEveryRow() {
        VirtualTerminal vt = new VirtualTerminal(20, 3);
        Frame f = Frame.of(20, 3, List.of("one", "two"));
        vt.write(f.diff(null));
        assertThat(vt.screen()).containsExactly("one", "two", "");
    }

    @Test
    void diff_selectionMoved_rewritesOnlyTheTwoRowsThatChanged() {
        MonitorScreen screen = new MonitorScreen(HeaderSegment.defaults(ZoneOffset.UTC), true, false,
                Duration.ofSeconds(5));
        MonitorState state = new MonitorState(MonitorData.empty(MonitorFixtures.NOW), List.of());
        state.accept(MonitorFixtures.four());
        VirtualTerminal vt = new VirtualTerminal(100, 24);
        Frame before = screen.render(state, 100, 24);
        vt.write(before.diff(null));
        state.press(Key.DOWN);
        Frame after = screen.render(state, 100, 24);

        String update = after.diff(before);
        vt.write(update);

        assertThat(after.changedRows(before)).isEqualTo(2);
        assertThat(update.split("\u001b\\[\\d+;1H", -1)).hasSize(3);
        VirtualTerminal fresh = new VirtualTerminal(100, 24);
        fresh.write(after.diff(null));
        assertThat(vt.screen()).isEqualTo(fresh.screen());
    }

    @Test
    void diff_sameFrame_writesNothing_otherSize_redrawsAll() {
        Frame f = Frame.of(20, 3, List.of("one"));
        assertThat(f.diff(f)).isEmpty();
        assertThat(Frame.of(21, 3, List.of("one")).changedRows(f)).isEqualTo(3);
    }
}
