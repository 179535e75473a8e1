package dev.llmsession.cli.render;

/**
 * What the output device allows: colour, non-ASCII glyphs, and how many columns.
 *
 * @param color whether ANSI colour is written
 * @param ascii whether only ASCII is written (no emoji, no box glyphs, no ellipsis character)
 * @param width terminal columns
 */
public record Terminal(boolean color, boolean ascii, int width) {
    /** Fewest columns a table is laid out for. */
    public static final int MIN_WIDTH = 40;
    /** Columns when the terminal does not say. */
    public static final int DEFAULT_WIDTH = 80;

    public Terminal {
        width = Math.max(MIN_WIDTH, width);
    }

    /** Visual tone of a piece of text. */
    public enum Tone {
        GOOD("32"), WARN("33"), BAD("31"), DIM("2"), BOLD("1"), REVERSE("7");

        private final String sgr;

        Tone(String sgr) {
            this.sgr = sgr;
        }
    }

    /** {@code text} in {@code tone} when colour is on. */
    public String paint(String text, Tone tone) {
        return color && !text.isEmpty() ? "\u001b[" + tone.sgr + "m" + text + "\u001b[0m" : text;
    }

    /** The mark of a cut string. */
    public String ellipsis() {
        return ascii ? "~" : "…";
    }

    /** The separator between header facts. */
    public String dot() {
        return ascii ? " - " : " · ";
    }

    /**
     * A rendered line made safe to print: escapes and controls other than our colours made visible
     * ({@link Printable#line}), and every non-ASCII character replaced when in ASCII mode.
     */
    public String sanitize(String line) {
        String text = Printable.line(line);
        if (!ascii) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t' || cp == 0x1B || (cp >= 0x20 && cp < 0x7F)) {
                out.append((char) cp);
            } else if (cp == '…') {
                out.append("...");
            } else if (cp == '·') {
                out.append('-');
            } else if (cp == 0xFE0F || cp == 0x200D) {
                return;
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    /** A value from outside made printable on one line ({@link Printable#inline}), for a table cell or a label. */
    public String cell(String value) {
        return sanitize(Printable.inline(value));
    }
}
