package dev.llmsession.cli.render;

/** How many terminal cells a string takes: emoji take two, variation selectors and zero-width joiners none. */
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
            width += cells(cp);
            i += Character.charCount(cp);
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
            int cp = s.codePointAt(i);
            int w = cells(cp);
            if (used + w > budget) {
                break;
            }
            out.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return out + ellipsis;
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

    static int cells(int cp) {
        if (cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || Character.getType(cp) == Character.NON_SPACING_MARK) {
            return 0;
        }
        if ((cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF)
                || (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
            return 2;
        }
        return 1;
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
