package dev.llmsession.discovery.claudecode.transcript;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The byte-level pre-filter: most lines of a transcript ({@code progress}, {@code file-history-snapshot},
 * {@code queue-operation}, …) contribute only their envelope (timestamp, cwd, branch, version, session id), so
 * they need no Jackson parse. This class validates such a line strictly (RFC 8259 grammar, no more lenient than
 * Jackson's defaults) while picking the top-level envelope strings, and gives up — returning null, so the line
 * goes to {@link LineParser} — as soon as the line could matter for anything else: a top-level {@code type} the
 * summary folds ({@code assistant}, {@code user}, {@code system}, titles), a top-level {@code message}, no
 * {@code type}, an envelope string with escapes or non-ASCII bytes, deep nesting, or anything invalid (the
 * full parser then decides whether the line is malformed). Field order is not assumed. Stateless.
 */
final class LineSkim {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long CONTROL = 0x2020202020202020L;
    private static final int MAX_DEPTH = 400;
    private static final int MAX_NUMBER = 500;
    private static final int FAIL = -1;

    private static final byte[] TYPE = bytes("type");
    private static final byte[] TIMESTAMP = bytes("timestamp");
    private static final byte[] CWD = bytes("cwd");
    private static final byte[] SESSION_ID = bytes("sessionId");
    private static final byte[] VERSION = bytes("version");
    private static final byte[] GIT_BRANCH = bytes("gitBranch");
    private static final byte[] MESSAGE = bytes("message");
    private static final byte[][] FOLDED_TYPES = {bytes("assistant"), bytes("user"), bytes("system"),
        bytes("custom-title"), bytes("ai-title"), bytes("summary")};

    private LineSkim() {
    }

    /** The line as {@link LineParser} would give it, when it only carries its envelope; otherwise null. */
    static TranscriptLine skim(byte[] b, int from, int to) {
        int i = ws(b, from, to);
        if (i >= to || b[i] != '{') {
            return null;
        }
        i = ws(b, i + 1, to);
        String type = null;
        String timestamp = null;
        String cwd = null;
        String sessionId = null;
        String version = null;
        String gitBranch = null;
        if (i < to && b[i] == '}') {
            return null;
        }
        while (true) {
            if (i >= to || b[i] != '"') {
                return null;
            }
            int keyStart = i + 1;
            int keyEnd = string(b, i, to);
            if (keyEnd == FAIL) {
                return null;
            }
            int valueAt = ws(b, keyEnd, to);
            if (valueAt >= to || b[valueAt] != ':') {
                return null;
            }
            valueAt = ws(b, valueAt + 1, to);
            int keyLength = keyEnd - 1 - keyStart;
            for (int k = keyStart; k < keyEnd - 1; k++) {
                if (b[k] == '\\') {
                    return null; // an escaped key could decode to an envelope key
                }
            }
            byte[] key = envelopeKey(b, keyStart, keyLength);
            int end;
            if (key == MESSAGE) {
                return null;
            }
            if (key != null) {
                if (valueAt >= to || b[valueAt] != '"') {
                    return null;
                }
                end = plainString(b, valueAt, to);
                if (end == FAIL) {
                    return null;
                }
                if (key == TYPE && folded(b, valueAt + 1, end - 1)) {
                    return null;
                }
                String value = new String(b, valueAt + 1, end - 2 - valueAt, StandardCharsets.ISO_8859_1);
                if (key == TYPE) {
                    type = value;
                } else if (key == TIMESTAMP) {
                    timestamp = value;
                } else if (key == CWD) {
                    cwd = value;
                } else if (key == SESSION_ID) {
                    sessionId = value;
                } else if (key == VERSION) {
                    version = value;
                } else {
                    gitBranch = value;
                }
            } else {
                end = value(b, valueAt, to, 0);
                if (end == FAIL) {
                    return null;
                }
            }
            i = ws(b, end, to);
            if (i >= to) {
                return null;
            }
            if (b[i] == ',') {
                i = ws(b, i + 1, to);
            } else if (b[i] == '}') {
                break;
            } else {
                return null;
            }
        }
        if (ws(b, i + 1, to) != to || type == null) {
            return null;
        }
        return new TranscriptLine(type, null, LineParser.instant(timestamp), sessionId, cwd, gitBranch, version, false, false,
                false, false, null, null, null, null, null, null, List.of(), List.of(), List.of(), null, -1, null);
    }

    private static byte[] envelopeKey(byte[] b, int at, int length) {
        return switch (length) {
            case 3 -> same(b, at, length, CWD) ? CWD : null;
            case 4 -> same(b, at, length, TYPE) ? TYPE : null;
            case 7 -> same(b, at, length, VERSION) ? VERSION : same(b, at, length, MESSAGE) ? MESSAGE : null;
            case 9 -> same(b, at, length, TIMESTAMP) ? TIMESTAMP : same(b, at, length, SESSION_ID) ? SESSION_ID
                    : same(b, at, length, GIT_BRANCH) ? GIT_BRANCH : null;
            default -> null;
        };
    }

    private static boolean folded(byte[] b, int from, int to) {
        for (byte[] t : FOLDED_TYPES) {
            if (to - from == t.length && same(b, from, t.length, t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(byte[] b, int at, int length, byte[] word) {
        if (length != word.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (b[at + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    /** End (exclusive) of a valid JSON value starting at {@code i}, or FAIL. */
    private static int value(byte[] b, int i, int to, int depth) {
        if (i >= to) {
            return FAIL;
        }
        switch (b[i]) {
            case '"':
                return string(b, i, to);
            case '{':
                return depth >= MAX_DEPTH ? FAIL : object(b, i, to, depth + 1);
            case '[':
                return depth >= MAX_DEPTH ? FAIL : array(b, i, to, depth + 1);
            case 't':
                return literal(b, i, to, "true");
            case 'f':
                return literal(b, i, to, "false");
            case 'n':
                return literal(b, i, to, "null");
            default:
                return number(b, i, to);
        }
    }

    private static int object(byte[] b, int i, int to, int depth) {
        i = ws(b, i + 1, to);
        if (i < to && b[i] == '}') {
            return i + 1;
        }
        while (true) {
            if (i >= to || b[i] != '"') {
                return FAIL;
            }
            i = string(b, i, to);
            if (i == FAIL) {
                return FAIL;
            }
            i = ws(b, i, to);
            if (i >= to || b[i] != ':') {
                return FAIL;
            }
            i = value(b, ws(b, i + 1, to), to, depth);
            if (i == FAIL) {
                return FAIL;
            }
            i = ws(b, i, to);
            if (i >= to) {
                return FAIL;
            }
            if (b[i] == '}') {
                return i + 1;
            }
            if (b[i] != ',') {
                return FAIL;
            }
            i = ws(b, i + 1, to);
        }
    }

    private static int array(byte[] b, int i, int to, int depth) {
        i = ws(b, i + 1, to);
        if (i < to && b[i] == ']') {
            return i + 1;
        }
        while (true) {
            i = value(b, i, to, depth);
            if (i == FAIL) {
                return FAIL;
            }
            i = ws(b, i, to);
            if (i >= to) {
                return FAIL;
            }
            if (b[i] == ']') {
                return i + 1;
            }
            if (b[i] != ',') {
                return FAIL;
            }
            i = ws(b, i + 1, to);
        }
    }

    /** End (after the closing quote) of the string starting at the quote {@code i}, or FAIL. */
    private static int string(byte[] b, int i, int to) {
        i++;
        while (true) {
            // eight bytes at a time while none is a quote, a backslash or a control character
            while (i + 8 <= to && !special((long) LONGS.get(b, i))) {
                i += 8;
            }
            if (i >= to) {
                return FAIL;
            }
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= to) {
                    return FAIL;
                }
                byte e = b[i + 1];
                if (e == 'u') {
                    if (i + 5 >= to || !hex(b[i + 2]) || !hex(b[i + 3]) || !hex(b[i + 4]) || !hex(b[i + 5])) {
                        return FAIL;
                    }
                    i += 6;
                    continue;
                }
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
                    return FAIL;
                }
                i += 2;
                continue;
            }
            if (c >= 0 && c < 0x20) {
                return FAIL;
            }
            i++;
        }
    }

    /** Whether a byte of {@code word} may be a quote, a backslash or below 0x20 (no false negatives). */
    private static boolean special(long word) {
        long quote = word ^ 0x2222222222222222L;
        long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
        long found = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((word - CONTROL) & ~word);
        return (found & HIGHS) != 0;
    }

    /** Like {@link #string} but only for printable ASCII without escapes (decoded as is); FAIL otherwise. */
    private static int plainString(byte[] b, int i, int to) {
        i++;
        while (i < to) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' || c < 0x20) {
                return FAIL;
            }
            i++;
        }
        return FAIL;
    }

    private static int literal(byte[] b, int i, int to, String word) {
        int n = word.length();
        if (i + n > to) {
            return FAIL;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                return FAIL;
            }
        }
        return delimiter(b, i + n, to) ? i + n : FAIL;
    }

    /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? followed by a delimiter. */
    private static int number(byte[] b, int i, int to) {
        int start = i;
        if (i < to && b[i] == '-') {
            i++;
        }
        if (i >= to || !digit(b[i])) {
            return FAIL;
        }
        if (b[i] == '0') {
            i++;
        } else {
            while (i < to && digit(b[i])) {
                i++;
            }
        }
        if (i < to && b[i] == '.') {
            i++;
            if (i >= to || !digit(b[i])) {
                return FAIL;
            }
            while (i < to && digit(b[i])) {
                i++;
            }
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (i >= to || !digit(b[i])) {
                return FAIL;
            }
            while (i < to && digit(b[i])) {
                i++;
            }
        }
        return i - start > MAX_NUMBER || !delimiter(b, i, to) ? FAIL : i;
    }

    private static boolean delimiter(byte[] b, int i, int to) {
        if (i >= to) {
            return true;
        }
        byte c = b[i];
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int ws(byte[] b, int i, int to) {
        while (i < to) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return i;
            }
            i++;
        }
        return i;
    }


    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
