package dev.llmsession.cli.statusline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.error.InvalidInputException;
import java.io.IOException;
import java.util.Optional;

/**
 * Edits one top-level member of a JSON settings file as text, so every other byte (key order, indentation,
 * spacing, the final newline) stays as the user wrote it. The text is validated as a JSON object first; the
 * scan below relies on that.
 */
public final class SettingsText {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SettingsText() {
    }

    /** The parsed object; refuses text that is not one JSON object (exit 3). */
    public static JsonNode parse(String text, String where) {
        JsonNode n;
        try {
            n = STRICT.readTree(text);
        } catch (IOException e) {
            throw new InvalidInputException(where + " is not valid JSON (" + firstLine(e.getMessage())
                    + "); fix it first, nothing was changed");
        }
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(where + " is not a JSON object; nothing was changed");
        }
        return n;
    }

    /**
     * Where a top-level member's value is.
     *
     * @param start the value's first character
     * @param end   just after the value's last character
     */
    public record Span(int start, int end) {
    }

    /** The value span of the top-level member {@code key}, or empty. Call on text {@link #parse} accepted. */
    public static Optional<Span> find(String text, String key) {
        int i = skipWs(text, 0);
        if (i >= text.length() || text.charAt(i) != '{') {
            return Optional.empty();
        }
        i++;
        while (true) {
            i = skipWs(text, i);
            if (i >= text.length() || text.charAt(i) == '}') {
                return Optional.empty();
            }
            int keyEnd = skipString(text, i);
            String name = text.substring(i, keyEnd);
            i = skipWs(text, keyEnd);
            i = skipWs(text, i + 1); // the colon
            int end = skipValue(text, i);
            if (name.equals(quote(key))) {
                return Optional.of(new Span(i, end));
            }
            i = skipWs(text, end);
            if (i < text.length() && text.charAt(i) == ',') {
                i++;
            }
        }
    }

    /** {@code text} with the value at {@code span} replaced. */
    public static String replace(String text, Span span, String value) {
        return text.substring(0, span.start()) + value + text.substring(span.end());
    }

    /**
     * {@code text} with {@code "key": value} added as the first member, indented like the members already there
     * (two spaces in an empty object).
     */
    public static String insertFirst(String text, String key, String value) {
        int open = text.indexOf('{');
        int first = skipWs(text, open + 1);
        String member = quote(key) + ": " + value;
        if (text.charAt(first) == '}') {
            return text.substring(0, open + 1) + "\n  " + member + "\n" + text.substring(first);
        }
        String indent = text.substring(open + 1, first);
        return text.substring(0, open + 1) + (indent.isEmpty() ? "" : indent) + member + "," + (indent.isEmpty() ? " "
                : indent) + text.substring(first);
    }

    private static String quote(String key) {
        return "\"" + key + "\"";
    }

    private static int skipWs(String t, int i) {
        while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t' || t.charAt(i) == '\n'
                || t.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    /** Just after the string starting at {@code i}. */
    private static int skipString(String t, int i) {
        i++;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    /** Just after the value starting at {@code i}. */
    private static int skipValue(String t, int i) {
        char c = t.charAt(i);
        if (c == '"') {
            return skipString(t, i);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (i < t.length()) {
                char d = t.charAt(i);
                if (d == '"') {
                    i = skipString(t, i);
                    continue;
                }
                if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                i++;
            }
            return i;
        }
        while (i < t.length() && ",}] \t\r\n".indexOf(t.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }
}
