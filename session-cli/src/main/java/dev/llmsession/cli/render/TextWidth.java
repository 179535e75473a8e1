package dev.llmsession.cli.render;

import org.jline.utils.WCWidth;

/**
 * How many terminal cells a string takes, by grapheme cluster with JLine's {@link WCWidth} (Unicode's East Asian
 * widths and emoji presentation: {@code ✅} and {@code ⚠️} take two, a ZWJ family two, combining marks none).
 * What is ours: skipping ANSI escapes, cutting with an ellipsis, padding and wrapping.
 */
public final class TextWidth {
    private TextWidth() {
    }

    /** Cells {@code s} occupies, ignoring ANSI escape sequences. */
    public static int of(String s) {
        int width = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (cp == 0x1B) {
                i = skipEscape(s, i);
                continue;
            }
            int n = WCWidth.charCountForGraphemeCluster(s, i);
            width += Math.max(0, WCWidth.wcwidthForGraphemeCluster(s, i));
            i += n;
        }
        return width;
    }

    /** {@code s} cut to at most {@code max} cells, ending in {@code ellipsis} when cut. */
    public static String truncate(String s, int max, String ellipsis) {
        if (of(s) <= max) {
            return s;
        }
        int budget = max - of(ellipsis);
        if (budget <= 0) {
            return ellipsis.length() <= max ? ellipsis.substring(0, Math.max(0, max)) : "";
        }
        StringBuilder out = new StringBuilder();
        int used = 0;
        int i = 0;
        while (i < s.length()) {
            int n = WCWidth.charCountForGraphemeCluster(s, i);
            int w = Math.max(0, WCWidth.wcwidthForGraphemeCluster(s, i));
            if (used + w > budget) {
                break;
            }
            out.append(s, i, i + n);
            used += w;
            i += n;
        }
        return out + ellipsis;
    }

    /** Chars of the grapheme cluster (what a terminal draws as one character) that starts at {@code i}. */
    public static int clusterLength(String s, int i) {
        return WCWidth.charCountForGraphemeCluster(s, i);
    }

    /** {@code s} padded with spaces to {@code width} cells, on the right or (for numbers) the left. */
    public static String pad(String s, int width, boolean right) {
        int missing = width - of(s);
        if (missing <= 0) {
            return s;
        }
        String spaces = " ".repeat(missing);
        return right ? spaces + s : s + spaces;
    }

    /**
     * {@code text} wrapped at word boundaries to {@code width} cells; the first line starts with {@code first},
     * the following ones with {@code rest} (a hanging indent). A word longer than a line stays whole.
     */
    public static java.util.List<String> wrap(String text, int width, String first, String rest) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!empty && of(line.toString()) + 1 + of(word) > width) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    private static int skipEscape(String s, int i) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '[') {
            j++;
            while (j < s.length() && (s.charAt(j) < 0x40 || s.charAt(j) > 0x7E)) {
                j++;
            }
            return Math.min(s.length(), j + 1);
        }
        return j;
    }
}
