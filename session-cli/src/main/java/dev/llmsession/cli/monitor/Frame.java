package dev.llmsession.cli.monitor;

import dev.llmsession.cli.render.TextWidth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One screenful: exactly {@code height} lines, none wider than {@code width} cells (ANSI colour codes take
 * none). Frames are compared line by line, so a refresh rewrites only the lines that changed.
 *
 * @param width  columns
 * @param height rows
 * @param lines  the rows, top first
 */
public record Frame(int width, int height, List<String> lines) {
    private static final String ESC = "\u001b[";
    private static final String RESET = "\u001b[0m";

    public Frame {
        lines = List.copyOf(lines);
        if (lines.size() != height) {
            throw new IllegalArgumentException("a frame of " + height + " rows got " + lines.size() + " lines");
        }
    }

    /** A frame of {@code lines}, cut or filled with blank lines to {@code height} and cut to {@code width}. */
    public static Frame of(int width, int height, List<String> lines) {
        List<String> rows = new ArrayList<>(height);
        for (int i = 0; i < height; i++) {
            rows.add(i < lines.size() ? fit(lines.get(i), width) : "");
        }
        return new Frame(width, height, rows);
    }

    /**
     * What to write to turn a screen showing {@code previous} into this frame: only the changed lines, each
     * addressed by its row and cleared to its end; everything when there is no previous frame or its size
     * differs.
     */
    public String diff(Frame previous) {
        boolean full = previous == null || previous.width != width || previous.height != height;
        StringBuilder out = new StringBuilder();
        if (full) {
            out.append(ESC).append("0m").append(ESC).append("2J");
        }
        for (int row = 0; row < height; row++) {
            String line = lines.get(row);
            if (!full && line.equals(previous.lines.get(row))) {
                continue;
            }
            out.append(ESC).append(row + 1).append(";1H").append(line).append(RESET).append(ESC).append('K');
        }
        return out.toString();
    }

    /** Rows that differ from {@code previous} (all of them when the size differs). */
    public int changedRows(Frame previous) {
        if (previous == null || previous.width != width || previous.height != height) {
            return height;
        }
        int n = 0;
        for (int row = 0; row < height; row++) {
            n += lines.get(row).equals(previous.lines.get(row)) ? 0 : 1;
        }
        return n;
    }

    /** {@code line} cut to {@code width} cells, colour codes kept whole and closed when cut; no trailing blanks. */
    static String fit(String line, int width) {
        String plain = Objects.requireNonNull(line, "line");
        if (TextWidth.of(plain) <= width) {
            return stripRight(plain);
        }
        StringBuilder out = new StringBuilder();
        int used = 0;
        int i = 0;
        boolean coloured = false;
        while (i < plain.length()) {
            char c = plain.charAt(i);
            if (c == 0x1B) {
                int end = escapeEnd(plain, i);
                out.append(plain, i, end);
                coloured = true;
                i = end;
                continue;
            }
            // A whole grapheme cluster at a time: an emoji keeps its variation selector, a family its joiners.
            int end = i + TextWidth.clusterLength(plain, i);
            int w = TextWidth.of(plain.substring(i, end));
            if (used + w > width) {
                break;
            }
            out.append(plain, i, end);
            used += w;
            i = end;
        }
        return stripRight(out + (coloured ? RESET : ""));
    }

    private static int escapeEnd(String s, int i) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '[') {
            j++;
            while (j < s.length() && (s.charAt(j) < 0x40 || s.charAt(j) > 0x7E)) {
                j++;
            }
            return Math.min(s.length(), j + 1);
        }
        return Math.min(s.length(), j);
    }

    private static String stripRight(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
