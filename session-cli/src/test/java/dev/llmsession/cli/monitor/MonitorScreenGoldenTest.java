package dev.llmsession.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden screens: each scenario is drawn into a frame of fixed size and compared, line by line, with
 * {@code src/test/resources/monitor/golden/<name>.txt} (escape characters written as {@code ␛}). Run with
 * {@code -Dllmsession.golden.update=true} to rewrite them after a deliberate change, then review the diff.
 */
final class MonitorScreenGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/monitor/golden");

    private static MonitorScreen screen(boolean color, boolean ascii) {
        return new MonitorScreen(HeaderSegment.defaults(ZoneOffset.UTC), color, ascii, Duration.ofSeconds(5));
    }

    /** The keys the CLI plugs in ({@code MonitorCommand.exportKey}); golden screens never run them. */
    private static final List<MonitorBinding> CLI_KEYS = List.of(new MonitorBinding('e', "export", s -> "unused"));

    private static MonitorState state(MonitorData data) {
        return state(data, CLI_KEYS);
    }

    private static MonitorState state(MonitorData data, List<MonitorBinding> bindings) {
        MonitorState state = new MonitorState(MonitorData.empty(MonitorFixtures.NOW), bindings);
        state.accept(data);
        return state;
    }

    @Test
    void list_normal100x24_plain() throws IOException {
        check("list-100x24", screen(false, false).render(state(MonitorFixtures.four()), 100, 24));
    }

    @Test
    void list_normal100x24_colour() throws IOException {
        check("list-100x24-colour", screen(true, false).render(state(MonitorFixtures.four()), 100, 24));
    }

    @Test
    void list_normal100x24_ascii() throws IOException {
        check("list-100x24-ascii", screen(false, true).render(state(MonitorFixtures.four()), 100, 24));
    }

    @Test
    void list_wide140x20_showsEveryColumn() throws IOException {
        check("list-140x20", screen(false, false).render(state(MonitorFixtures.four()), 140, 20));
    }

    @Test
    void list_narrow60x20_dropsColumnsByPriority() throws IOException {
        Frame frame = screen(false, false).render(state(MonitorFixtures.four()), 60, 20);
        check("list-60x20-narrow", frame);
        assertThat(frame.lines().get(1)).contains("ID", "HEALTH").doesNotContain("MODEL", "TOKENS");
    }

    @Test
    void list_withUsageBlock140x20_showsItLastInTheHeader() throws IOException {
        Frame frame = screen(false, false).render(state(MonitorFixtures.withBlock(MonitorFixtures.four())), 140, 20);
        check("list-140x20-block", frame);
        assertThat(frame.lines().get(0)).endsWith("18:00:00 · block 2h00 left, $4.20, 1.2M tok, $1.90/h");
    }

    /** Issue 16: the 5-hour block is what a user watches; a narrow header drops the other facts first. */
    @Test
    void header_narrow_keepsTheUsageBlockLongest() {
        MonitorState state = state(MonitorFixtures.withBlock(MonitorFixtures.four()));
        String at100 = screen(false, false).render(state, 100, 24).lines().get(0);
        String at80 = screen(false, false).render(state, 80, 24).lines().get(0);
        String at60 = screen(false, false).render(state, 60, 24).lines().get(0);

        assertThat(at100).contains("4 sessions", "block 2h00 left, $4.20, 1.2M tok, $1.90/h")
                .doesNotContain("18:00:00");
        assertThat(at80).contains("4 sessions", "block 2h00 left, $4.20").doesNotContain("tokens");
        assertThat(at60).contains("4 sessions").doesNotContain("block");
        assertThat(List.of(at100, at80, at60)).allMatch(l -> dev.llmsession.cli.render.TextWidth.of(l) <= 100);
    }

    /** Issue 16: a detail body taller than the screen scrolls with PgDn and PgUp instead of being cut. */
    @Test
    void detail_tallerThanTheScreen_scrolls() {
        MonitorState state = state(MonitorFixtures.four());
        state.press(Key.ENTER);
        String top = String.join("\n", screen(false, false).render(state, 100, 16).lines());
        state.press(Key.PAGE_DOWN);
        String down = String.join("\n", screen(false, false).render(state, 100, 16).lines());
        state.press(Key.PAGE_UP);
        String back = String.join("\n", screen(false, false).render(state, 100, 16).lines());

        assertThat(top).contains("more below (PgDn)").doesNotContain("above (PgUp)");
        assertThat(down).contains("8 above (PgUp)");
        assertThat(back).isEqualTo(top);
    }

    @Test
    void list_empty80x12() throws IOException {
        check("list-80x12-empty", screen(false, false).render(state(MonitorFixtures.data(List.of(), new int[0])),
                80, 12));
    }

    @Test
    void list_beforeTheFirstRefresh_saysItIsLooking() {
        MonitorState fresh = new MonitorState(MonitorData.empty(MonitorFixtures.NOW), List.of());
        assertThat(screen(false, false).render(fresh, 80, 12).lines()).anyMatch(l -> l.contains("Looking for"));
    }

    @Test
    void list_manySessions100x20_scrollsToTheSelection() throws IOException {
        MonitorState state = state(MonitorFixtures.many(30));
        for (int i = 0; i < 20; i++) {
            state.press(Key.DOWN);
        }
        Frame frame = screen(false, false).render(state, 100, 20);
        check("list-100x20-many", frame);
        assertThat(frame.lines()).anyMatch(l -> l.startsWith(">") && l.contains("proj-20"));
    }

    @Test
    void detail_withTrend100x34() throws IOException {
        MonitorState state = state(MonitorFixtures.four());
        state.press(Key.DOWN);
        state.press(Key.ENTER);
        state.accept(MonitorFixtures.withTrend(MonitorFixtures.four(), MonitorFixtures.four().sessions().get(1)));
        check("detail-100x34", screen(false, false).render(state, 100, 34));
        check("detail-100x34-ascii", screen(false, true).render(state, 100, 34));
    }

    @Test
    void help_80x24() throws IOException {
        MonitorState state = state(MonitorFixtures.four());
        state.press(Key.of('?'));
        check("help-80x24", screen(false, false).render(state, 80, 24));
        check("help-80x24-ascii", screen(false, true).render(state, 80, 24));
    }

    @Test
    void footer_pluggedBinding_appearsInTheFooterAndHelp() {
        MonitorState state = new MonitorState(MonitorData.empty(MonitorFixtures.NOW),
                List.of(new MonitorBinding('e', "export", s -> "exported")));
        state.accept(MonitorFixtures.four());
        Frame list = screen(false, false).render(state, 120, 24);
        assertThat(list.lines().get(23)).contains("e export");
        state.press(Key.of('h'));
        assertThat(screen(false, false).render(state, 120, 24).lines()).anyMatch(l -> l.contains("export the selected"));
    }

    @Test
    void footer_withoutBindings_hasNoExportKey() {
        Frame list = screen(false, false).render(state(MonitorFixtures.four(), List.of()), 120, 24);
        assertThat(list.lines().get(23)).contains("q quit", "r refresh", "Enter detail", "s sort", "/ filter",
                "h help", "every 5s").doesNotContain("export");
    }

    @Test
    void ascii_framesHoldOnlyAscii() {
        MonitorState state = state(MonitorFixtures.four());
        MonitorScreen ascii = screen(true, true);
        assertThat(String.join("\n", ascii.render(state, 100, 24).lines())).matches("[\\x00-\\x7F]*");
        state.press(Key.ENTER);
        assertThat(String.join("\n", ascii.render(state, 100, 40).lines())).matches("[\\x00-\\x7F]*");
    }

    @Test
    void frames_neverExceedTheScreen() {
        MonitorState state = state(MonitorFixtures.many(12));
        for (int[] size : new int[][] {{30, 5}, {40, 8}, {79, 24}, {80, 3}, {200, 60}}) {
            Frame f = screen(true, false).render(state, size[0], size[1]);
            assertThat(f.lines()).hasSize(size[1]);
            f.lines().forEach(l -> assertThat(dev.llmsession.cli.render.TextWidth.of(l)).isLessThanOrEqualTo(size[0]));
        }
    }

    private static void check(String name, Frame frame) throws IOException {
        String actual = String.join("\n", frame.lines()).replace('\u001b', '␛') + "\n";
        Path file = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("llmsession.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden screen %s (run with -Dllmsession.golden.update=true to create it)", file)
                .exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
