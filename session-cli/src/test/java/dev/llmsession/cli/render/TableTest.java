package dev.llmsession.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class TableTest {
    private static Table<String[]> table() {
        int fixed = Integer.MAX_VALUE;
        return new Table<String[]>()
                .add(new Table.Column<>("KEY", r -> r[0], null, false, Integer.MAX_VALUE, fixed, 10))
                .add(new Table.Column<>("NAME", r -> r[1], null, false, 50, 6, 30))
                .add(new Table.Column<>("EXTRA", r -> r[2], null, true, 10, fixed, 10));
    }

    private static final List<String[]> ROWS = List.of(
            new String[] {"a1", "a rather long name indeed", "12345"},
            new String[] {"b2", "short", "7"});

    @Test
    void render_wideTerminal_showsEverythingAligned() {
        List<String> lines = table().render(ROWS, new Terminal(false, false, 80));

        assertThat(lines).containsExactly(
                "KEY  NAME                       EXTRA",
                "a1   a rather long name indeed  12345",
                "b2   short                          7");
    }

    @Test
    void render_narrowTerminal_shrinksFlexibleColumnBeforeDropping() {
        List<String> lines = table().render(ROWS, new Terminal(false, false, Terminal.MIN_WIDTH));

        assertThat(lines).allMatch(l -> TextWidth.of(l) <= Terminal.MIN_WIDTH);
        assertThat(lines.get(0)).contains("EXTRA");
    }

    @Test
    void render_tooNarrowForNaturalWidths_cutsFlexibleCellWithEllipsis() {
        Table<String[]> t = new Table<String[]>()
                .add(new Table.Column<>("KEY", r -> r[0], null, false, Integer.MAX_VALUE, Integer.MAX_VALUE, 10))
                .add(new Table.Column<>("NAME", r -> r[1], null, false, Integer.MAX_VALUE, 6, 60))
                .add(new Table.Column<>("EXTRA", r -> r[2], null, true, 10, Integer.MAX_VALUE, 10));
        List<String[]> rows = List.<String[]>of(new String[] {"a1", "x".repeat(50), "1"});

        List<String> unicode = t.render(rows, new Terminal(false, false, 40));
        List<String> ascii = t.render(rows, new Terminal(false, true, 40));

        assertThat(unicode).allMatch(l -> TextWidth.of(l) <= 40);
        assertThat(unicode.get(1)).contains("x…").endsWith(" 1");
        assertThat(unicode.get(0)).contains("EXTRA");
        assertThat(ascii.get(1)).contains("x~");
    }

    @Test
    void render_colour_wrapsCellsButKeepsWidths() {
        Table<String[]> t = new Table<String[]>()
                .add(new Table.Column<>("A", r -> r[0], r -> Terminal.Tone.GOOD, false, 1, Integer.MAX_VALUE, 10));
        List<String> lines = t.render(List.<String[]>of(new String[] {"ok"}), new Terminal(true, false, 80));

        assertThat(lines.get(1)).isEqualTo("\u001b[32mok\u001b[0m");
        assertThat(TextWidth.of(lines.get(1))).isEqualTo(2);
    }
}
