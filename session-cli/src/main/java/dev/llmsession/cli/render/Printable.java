package dev.llmsession.cli.render;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes strings from outside (transcripts, file names, the registry, Cursor databases, imported packs) safe to
 * show: no control character, escape sequence or bidirectional override reaches a terminal as such. C0 controls
 * become their visible pictures ({@code ESC} shows as {@code ␛}), C1 controls, DEL and bidi controls (U+202A-U+202E,
 * U+2066-U+2069, U+200E, U+200F, U+061C) become {@code �}. Written once; every human-readable output goes through it.
 */
public final class Printable {
    /** The SGR sequences {@link Terminal#paint} writes: reset and the tones; anything else in a line is data. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Zs}]+");
    private static final Pattern OUR_SGR = Pattern.compile("\u001b\\[(?:0|1|2|7|31|32|33)m");

    private Printable() {
    }

    /** {@code text} on one line: tabs and line breaks become spaces, other controls become visible; null is empty. */
    public static String inline(String text) {
        return text == null ? "" : clean(text, false);
    }

    /** Each of {@code lines} {@link #inline inline}. */
    public static java.util.List<String> inlineAll(java.util.List<String> lines) {
        return lines.stream().map(Printable::inline).toList();
    }

    /** {@code text} {@link #inline inline}, every run of whitespace made one space and trimmed (conversation texts). */
    public static String collapsed(String text) {
        return WHITESPACE.matcher(inline(text)).replaceAll(" ").strip();
    }

    /** {@code text} keeping its line breaks and tabs (a brief, a summary); CR is dropped, other controls shown. */
    public static String block(String text) {
        return clean(text, true);
    }

    /**
     * A rendered line: the colour sequences {@link Terminal#paint} adds are kept, every other escape and control
     * made visible. The net under every printed line, for outside text that reached it without {@link #inline}.
     */
    public static String line(String rendered) {
        if (isPlain(rendered)) {
            return rendered;
        }
        StringBuilder out = new StringBuilder(rendered.length() + 16);
        Matcher ours = OUR_SGR.matcher(rendered);
        int from = 0;
        while (ours.find()) {
            out.append(clean(rendered.substring(from, ours.start()), true));
            out.append(ours.group());
            from = ours.end();
        }
        out.append(clean(rendered.substring(from), true));
        return out.toString();
    }

    /** Whether {@code cp} may not reach a terminal as it is. */
    static boolean isUnsafe(int cp) {
        return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || isBidiControl(cp) || cp == 0x2028
                || cp == 0x2029;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }

    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String clean(String text, boolean keepLines) {
        if (isPlain(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isUnsafe(c)) {
                out.append(c);
            } else if (c == '\n' || c == '\t') {
                out.append(keepLines ? c : ' ');
            } else if (c == '\r') {
                if (!keepLines && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                    out.append(' ');
                }
            } else if (c == 0x2028 || c == 0x2029) {
                out.append(keepLines ? '\n' : ' ');
            } else if (c < 0x20) {
                out.append((char) (0x2400 + c)); // the Control Pictures block: ␀ … ␟
            } else if (c == 0x7F) {
                out.append('\u2421'); // ␡
            } else {
                out.append('\uFFFD');
            }
        }
        return out.toString();
    }

    /**
     * Jackson escapes for {@code --json} and packs: besides what JSON requires (C0, quote, backslash), C1 controls,
     * DEL, bidi controls and the line separators are written as {@code \}{@code uXXXX}, so JSON shown in a terminal
     * cannot drive it either. The data is unchanged: a JSON reader gets the same string back.
     */
    public static CharacterEscapes jsonEscapes() {
        return JsonEscapes.INSTANCE;
    }

    private static final class JsonEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        static final JsonEscapes INSTANCE = new JsonEscapes();
        private final int[] ascii;

        private JsonEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Asked for each non-ASCII character; null writes it as it is.
            return isUnsafe(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
