package dev.llmsession.cli.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A text table that fits a width: columns are dropped lowest priority first, flexible columns shrink to their
 * minimum (cells are cut with an ellipsis) and share any room left up to their maximum.
 *
 * @param <R> the row type
 */
public final class Table<R> {
    private static final int GAP = 2;

    private final List<Column<R>> columns = new ArrayList<>();

    /**
     * One column.
     *
     * @param header   the header text
     * @param cell     the text of a row's cell
     * @param tone     the colour of a row's cell, or null for none
     * @param right    right-aligned (numbers)
     * @param priority higher stays longer when the width is short; {@link Integer#MAX_VALUE} never drops
     * @param min      fewest cells when shrunk (flexible columns only)
     * @param max      most cells it grows to
     */
    public record Column<R>(String header, Function<R, String> cell, Function<R, Terminal.Tone> tone, boolean right,
            int priority, int min, int max) {
        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(cell, "cell");
        }
    }

    public Table<R> add(Column<R> column) {
        columns.add(column);
        return this;
    }

    /** The table as lines, header first, none wider than the terminal. */
    public List<String> render(List<R> rows, Terminal terminal) {
        List<String[]> cells = new ArrayList<>();
        for (R row : rows) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                line[c] = terminal.cell(Objects.requireNonNullElse(columns.get(c).cell().apply(row), ""));
            }
            cells.add(line);
        }
        int[] natural = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Column<R> col = columns.get(c);
            int w = TextWidth.of(col.header());
            for (String[] line : cells) {
                w = Math.max(w, TextWidth.of(line[c]));
            }
            natural[c] = Math.min(w, Math.max(col.max(), TextWidth.of(col.header())));
        }
        int[] widths = layout(natural, terminal.width());
        List<String> out = new ArrayList<>();
        out.add(line(c -> columns.get(c).header(), c -> Terminal.Tone.BOLD, widths, terminal));
        for (int r = 0; r < cells.size(); r++) {
            String[] line = cells.get(r);
            R row = rows.get(r);
            out.add(line(c -> line[c], c -> columns.get(c).tone() == null ? null : columns.get(c).tone().apply(row),
                    widths, terminal));
        }
        return out;
    }

    private String line(IntFunction<String> text, IntFunction<Terminal.Tone> tone, int[] widths, Terminal terminal) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int c = 0; c < columns.size(); c++) {
            if (widths[c] <= 0) {
                continue;
            }
            if (!first) {
                sb.append(" ".repeat(GAP));
            }
            first = false;
            String cut = TextWidth.truncate(text.apply(c), widths[c], terminal.ellipsis());
            String spaces = " ".repeat(Math.max(0, widths[c] - TextWidth.of(cut)));
            Terminal.Tone t = tone.apply(c);
            String shown = t == null ? cut : terminal.paint(cut, t);
            sb.append(columns.get(c).right() ? spaces + shown : shown + spaces);
        }
        return stripRight(sb.toString());
    }

    private int[] layout(int[] natural, int width) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            order.add(c);
        }
        order.sort(Comparator.comparingInt(c -> columns.get(c).priority()));
        boolean[] dropped = new boolean[columns.size()];
        for (int k = 0; k <= order.size(); k++) {
            int[] widths = new int[columns.size()];
            int total = 0;
            int shrinkable = 0;
            int shown = 0;
            for (int c = 0; c < columns.size(); c++) {
                if (dropped[c]) {
                    continue;
                }
                widths[c] = natural[c];
                total += natural[c];
                shown++;
                shrinkable += Math.max(0, natural[c] - Math.min(natural[c], columns.get(c).min()));
            }
            total += GAP * Math.max(0, shown - 1);
            if (total <= width) {
                return widths;
            }
            if (total - shrinkable <= width) {
                // Take one cell at a time from the column with the most room above its minimum.
                for (int excess = total - width; excess > 0; excess--) {
                    int best = -1;
                    int bestRoom = 0;
                    for (int c = 0; c < columns.size(); c++) {
                        int room = dropped[c] ? 0 : widths[c] - Math.min(natural[c], columns.get(c).min());
                        if (room > bestRoom) {
                            best = c;
                            bestRoom = room;
                        }
                    }
                    widths[best]--;
                }
                return widths;
            }
            if (k < order.size() && columns.get(order.get(k)).priority() != Integer.MAX_VALUE) {
                dropped[order.get(k)] = true;
            } else {
                // Nothing left to drop: cut the widest columns hard.
                int excess = total - width;
                while (excess > 0) {
                    int widest = 0;
                    for (int c = 1; c < columns.size(); c++) {
                        if (widths[c] > widths[widest]) {
                            widest = c;
                        }
                    }
                    if (widths[widest] <= 1) {
                        break;
                    }
                    widths[widest]--;
                    excess--;
                }
                return widths;
            }
        }
        return natural;
    }

    private static String stripRight(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
