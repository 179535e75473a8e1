package dev.llmsession.cli.manage;

/**
 * Makes text from an assistant's files safe for a terminal: no escape sequence, control character or bidi override
 * survives, and a line stays one line.
 *
 * <p>STAND-IN: a private sanitiser until the shared printable-string sanitiser (issue "harden") is merged; every
 * manage output goes through this class only, so swapping it is a one-class change.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code text} as one printable line: controls dropped, newlines and tabs become spaces. */
    public static String line(String text) {
        return clean(text, false);
    }

    /** Each of {@code lines} as a printable line. */
    public static java.util.List<String> lines(java.util.List<String> lines) {
        return lines.stream().map(Printable::line).toList();
    }

    /** {@code text} as one printable line with every run of whitespace made one space (conversation texts). */
    public static String collapsed(String text) {
        return clean(text, true);
    }

    private static String clean(String text, boolean collapse) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (!collapse) {
                    out.append(' ');
                } else {
                    space = out.length() > 0;
                }
                continue;
            }
            if (!printable(cp)) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static boolean printable(int cp) {
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            return false; // C0 (ESC included), DEL and C1 (CSI 0x9B included)
        }
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C) {
            return false; // bidi overrides and marks that could reorder what the terminal shows
        }
        int type = Character.getType(cp);
        return type != Character.SURROGATE && type != Character.UNASSIGNED && type != Character.PRIVATE_USE;
    }
}
