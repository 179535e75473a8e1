package dev.llmsession.discovery.claudecode.transcript;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A {@link JsonCursor} over one buffered line's bytes, for the common case: what {@link LineParser} skips (tool
 * output, thinking, file contents, base64 images — most of a transcript's bytes) is only checked, eight bytes at a
 * time, never decoded; the strings it reads are decoded where they lie. It reads what the reader's Jackson path
 * would (RFC 8259, Jackson's limits with a margin, well-formed UTF-8 in every name and string it reads; the UTF-8
 * of a string it only skips is not checked, see {@link #skipString}) and gives the same tokens, names and values;
 * on anything else — invalid or unusual input, a number Jackson would convert — it throws {@link GiveUp} and the
 * caller parses the line with Jackson, which then decides. Field order is not assumed. Not thread-safe: one per
 * reading thread, {@link #reset} per line.
 */
final class ByteCursor implements JsonCursor {

    /** The line is not one this cursor reads exactly as Jackson does; parse it with Jackson. */
    static final class GiveUp extends IOException {
        private static final long serialVersionUID = 1L;

        private GiveUp() {
            super("left to Jackson");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // one shared instance: no stack to record
        }
    }

    /** Shared: thrown for every line given up (no stack trace, nothing line-specific). */
    static final GiveUp GIVE_UP = new GiveUp();

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long CONTROL = 0x2020202020202020L;
    /** Below Jackson's nesting (500), number (1,000 digits) and name (50,000 bytes) limits. */
    private static final int MAX_DEPTH = 400;
    private static final int MAX_NUMBER = 500;
    private static final int MAX_NAME = 1_000;
    private static final int FAIL = -1;
    /** The largest output buffer the checked decoder keeps between lines. */
    private static final int KEPT_CHARS = 1 << 14;

    private byte[] b;
    private int pos;
    private int end;
    private JsonToken current;
    private boolean started;
    /** A value (or a container) has just ended inside the current container: a comma or its end comes next. */
    private boolean afterValue;
    private int depth;
    /** Whether the container at each depth is an object. */
    private final boolean[] objects = new boolean[MAX_DEPTH + 2];
    private String name;
    /** The current string value's bytes (between the quotes) or the current number's. */
    private int valueStart;
    private int valueEnd;
    /** Whether the current string value's UTF-8 has been checked (a skipped one's never is: see skipString). */
    private boolean valueChecked;
    /** Field names: a line of made-up names only costs their decoding. */
    private final Recurring names = new Recurring(1 << 12);
    /** The checked decoder's output buffer, reused from line to line. */
    private char[] chars = new char[256];
    /** Recurring values (types, models, the session's id, cwd, branch, version) decoded once while they recur. */
    private final Recurring values = new Recurring(1 << 10);
    /** A reused view of a value's bytes for the timestamp reader. */
    private final AsciiView ascii = new AsciiView();

    /** Starts on bytes {@code [from, to)} of {@code line}, one JSON text without its newline. */
    ByteCursor reset(byte[] line, int from, int to) {
        b = line;
        pos = from;
        end = to;
        current = null;
        started = false;
        afterValue = false;
        depth = 0;
        name = null;
        return this;
    }

    @Override
    public JsonToken nextToken() throws GiveUp {
        if (current == JsonToken.FIELD_NAME) {
            return current = value(ws(b, pos, end));
        }
        int i = ws(b, pos, end);
        if (depth == 0) {
            if (started) {
                if (i != end) {
                    throw GIVE_UP; // trailing content: Jackson tells what it is
                }
                pos = i;
                return current = null;
            }
            started = true;
            if (i >= end || b[i] != '{') {
                throw GIVE_UP;
            }
            return current = value(i);
        }
        if (i >= end) {
            throw GIVE_UP;
        }
        boolean object = objects[depth];
        byte c = b[i];
        byte close = object ? (byte) '}' : (byte) ']';
        if (afterValue) {
            if (c == close) {
                return close(i, object);
            }
            if (c != ',') {
                throw GIVE_UP;
            }
            i = ws(b, i + 1, end);
            if (i >= end) {
                throw GIVE_UP;
            }
            c = b[i];
        } else if (c == close) {
            return close(i, object);
        }
        if (!object) {
            return current = value(i);
        }
        if (c != '"') {
            throw GIVE_UP;
        }
        int keyEnd = string(b, i, end);
        if (keyEnd == FAIL || keyEnd - i - 2 > MAX_NAME) {
            throw GIVE_UP;
        }
        name = name(i + 1, keyEnd - 1);
        int colon = ws(b, keyEnd, end);
        if (colon >= end || b[colon] != ':') {
            throw GIVE_UP;
        }
        pos = colon + 1;
        afterValue = false;
        return current = JsonToken.FIELD_NAME;
    }

    private JsonToken close(int at, boolean object) {
        pos = at + 1;
        depth--;
        afterValue = true;
        return current = object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
    }

    /** Reads the value starting at {@code i}: a scalar whole, a container's opening. */
    private JsonToken value(int i) throws GiveUp {
        if (i >= end) {
            throw GIVE_UP;
        }
        afterValue = true;
        switch (b[i]) {
            case '"' -> {
                int after = skipString(b, i, end);
                if (after == FAIL) {
                    throw GIVE_UP;
                }
                valueStart = i + 1;
                valueEnd = after - 1;
                valueChecked = false;
                pos = after;
                return JsonToken.VALUE_STRING;
            }
            case '{', '[' -> {
                if (depth >= MAX_DEPTH) {
                    throw GIVE_UP;
                }
                depth++;
                objects[depth] = b[i] == '{';
                afterValue = false;
                pos = i + 1;
                return objects[depth] ? JsonToken.START_OBJECT : JsonToken.START_ARRAY;
            }
            case 't' -> {
                pos = literal(i, "true");
                return JsonToken.VALUE_TRUE;
            }
            case 'f' -> {
                pos = literal(i, "false");
                return JsonToken.VALUE_FALSE;
            }
            case 'n' -> {
                pos = literal(i, "null");
                return JsonToken.VALUE_NULL;
            }
            default -> {
                int after = number(b, i, end);
                if (after == FAIL) {
                    throw GIVE_UP;
                }
                valueStart = i;
                valueEnd = after;
                pos = after;
                for (int k = i; k < after; k++) {
                    if (b[k] == '.' || b[k] == 'e' || b[k] == 'E') {
                        return JsonToken.VALUE_NUMBER_FLOAT;
                    }
                }
                return JsonToken.VALUE_NUMBER_INT;
            }
        }
    }

    private int literal(int i, String word) throws GiveUp {
        int after = literal(b, i, end, word);
        if (after == FAIL) {
            throw GIVE_UP;
        }
        return after;
    }

    @Override
    public JsonToken currentToken() {
        return current;
    }

    /** The name of the field whose name is the current token. */
    @Override
    public String currentName() {
        return name;
    }

    @Override
    public void skipChildren() throws GiveUp {
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            return;
        }
        boolean object = current == JsonToken.START_OBJECT;
        int after = object ? object(b, pos - 1, end, depth) : array(b, pos - 1, end, depth);
        if (after == FAIL) {
            throw GIVE_UP;
        }
        close(after - 1, object);
    }

    @Override
    public String string() throws GiveUp {
        if (current == JsonToken.VALUE_STRING) {
            checkValue();
            return decode(b, valueStart, valueEnd);
        }
        skipChildren();
        return null;
    }

    @Override
    public String text(int maxChars) throws GiveUp {
        // what the Jackson path reads for a buffered line too (JsonStringPeek's result), without its general decoding
        checkValue();
        return cut(checked(valueStart, valueEnd, maxChars), maxChars);
    }

    @Override
    public Later later(int maxChars) {
        byte[] line = b;
        int from = valueStart;
        int to = valueEnd;
        return () -> { // valid until the next reset, as the line's bytes
            if (string(line, from - 1, to + 1) != to + 1) {
                throw GIVE_UP;
            }
            return cut(checked(from, to, maxChars), maxChars);
        };
    }

    /**
     * Checks the current string value's UTF-8 (well-formed, RFC 3629) before it is read; gives the line up when it
     * is not. What is only skipped is never checked: see {@link #skipString}.
     */
    private void checkValue() throws GiveUp {
        if (!valueChecked) {
            if (string(b, valueStart - 1, valueEnd + 1) != valueEnd + 1) {
                throw GIVE_UP;
            }
            valueChecked = true;
        }
    }

    /**
     * {@code text}, unless it is cut at {@code maxChars} with half a surrogate pair last (an escape that filled the
     * last place): there the peek keeps the half and the replacing path (see {@link #skipString}) drops it, so the
     * line is given up and Jackson decides.
     */
    private static String cut(String text, int maxChars) throws GiveUp {
        if (text.length() == maxChars && Character.isHighSurrogate(text.charAt(maxChars - 1))) {
            throw GIVE_UP;
        }
        return text;
    }

    @Override
    public String recurring() throws GiveUp {
        if (current != JsonToken.VALUE_STRING) {
            skipChildren();
            return null;
        }
        checkValue();
        String kept = values.get(valueStart, valueEnd);
        return kept != null ? kept : decode(b, valueStart, valueEnd);
    }

    @Override
    public Instant instant() throws GiveUp {
        if (current != JsonToken.VALUE_STRING) {
            skipChildren();
            return null;
        }
        Instant plain = LineParser.utcMillis(ascii.of(b, valueStart, valueEnd)); // read only from ASCII digits
        if (plain != null) {
            return plain;
        }
        checkValue();
        return LineParser.instant(decode(b, valueStart, valueEnd));
    }

    @Override
    public long count() throws GiveUp {
        if (current != JsonToken.VALUE_NUMBER_INT) {
            skipChildren();
            return TranscriptLine.Usage.INVALID;
        }
        boolean negative = b[valueStart] == '-';
        int from = negative ? valueStart + 1 : valueStart;
        if (valueEnd - from > 18) {
            return TranscriptLine.Usage.INVALID; // beyond MAX_COUNT, or beyond a long: never a count
        }
        long v = digits(from, valueEnd);
        if (negative) {
            v = -v;
        }
        return v >= 0 && v <= TranscriptLine.Usage.MAX_COUNT ? v : TranscriptLine.Usage.INVALID;
    }

    @Override
    public long numberAsLong() throws GiveUp {
        // a fraction or a long beyond 18 digits Jackson converts (or refuses) its own way
        boolean negative = current == JsonToken.VALUE_NUMBER_INT && b[valueStart] == '-';
        int from = negative ? valueStart + 1 : valueStart;
        if (current != JsonToken.VALUE_NUMBER_INT || valueEnd - from > 18) {
            throw GIVE_UP;
        }
        long v = digits(from, valueEnd);
        return negative ? -v : v;
    }

    private long digits(int from, int to) {
        long v = 0;
        for (int k = from; k < to; k++) {
            v = v * 10 + (b[k] - '0');
        }
        return v;
    }

    /** The field name in {@code [from, to)}, one shared string per distinct name (see {@link Recurring}). */
    private String name(int from, int to) throws GiveUp {
        String kept = names.get(from, to);
        if (kept == null) {
            throw GIVE_UP; // an escaped name: see escaped()
        }
        return kept;
    }

    /**
     * Decoded strings by their bytes, so that a string met line after line is decoded once and shared: found by its
     * length and its first and last eight bytes (which are all of a string of up to 16 bytes; a longer one is
     * compared with a copy of its bytes), without a pass over a short one. A few slots are probed (names such as
     * {@code ephemeral_5m_input_tokens} and {@code ephemeral_1h_input_tokens} differ only in the middle); when they
     * are all taken the first is replaced, and a string that lost its slot is decoded again when it comes back.
     */
    private final class Recurring {
        private static final int PROBES = 4;
        private final long[] heads;
        private final long[] tails;
        private final int[] lengths;
        private final byte[][] bytes;
        private final String[] strings;

        Recurring(int slots) {
            heads = new long[slots];
            tails = new long[slots];
            lengths = new int[slots];
            bytes = new byte[slots][];
            strings = new String[slots];
        }

        /**
         * The string content {@code [from, to)} of the current line; null when it holds a backslash. One longer than
         * {@link #MAX_NAME} bytes is decoded, not kept (a hostile line's long values cannot fill the table).
         */
        String get(int from, int to) {
            int length = to - from;
            if (length > MAX_NAME) {
                return escaped(b, from, to) ? null : decode(b, from, to);
            }
            long head;
            long tail;
            if (length >= 8) {
                head = (long) LONGS.get(b, from);
                tail = (long) LONGS.get(b, to - 8);
            } else {
                head = 0;
                for (int k = length - 1; k >= 0; k--) {
                    head = head << 8 | (b[from + k] & 0xFF);
                }
                tail = 0;
            }
            if (backslash(head) || backslash(tail)) {
                return null;
            }
            long h = head * 0x9E3779B97F4A7C15L ^ tail * 0xC2B2AE3D27D4EB4FL ^ length;
            int mask = strings.length - 1;
            int home = (int) (h ^ h >>> 29 ^ h >>> 47) & mask;
            int slot = home;
            for (int probe = 0; probe < PROBES; probe++) {
                int at = (home + probe) & mask;
                String kept = strings[at];
                if (kept == null) {
                    slot = at;
                    break;
                }
                if (lengths[at] == length && heads[at] == head && tails[at] == tail
                        && (length <= 16 || java.util.Arrays.equals(bytes[at], 0, length, b, from, to))) {
                    return kept; // its bytes, kept only without a backslash, are these
                }
            }
            if (length > 16 && escaped(b, from + 8, to - 8)) {
                return null;
            }
            String decoded = decode(b, from, to);
            heads[slot] = head;
            tails[slot] = tail;
            lengths[slot] = length;
            bytes[slot] = length > 16 ? java.util.Arrays.copyOfRange(b, from, to) : null;
            strings[slot] = decoded;
            return decoded;
        }
    }

    /** A value's bytes as characters (each byte one), for reading a timestamp's digits without decoding it. */
    private static final class AsciiView implements CharSequence {
        private byte[] bytes;
        private int from;
        private int length;

        AsciiView of(byte[] b, int start, int end) {
            bytes = b;
            from = start;
            length = end - start;
            return this;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[from + index] & 0xFF);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, from + start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The JSON string content {@code [from, to)}, between its quotes (checked by {@link #string}: valid escapes,
     * UTF-8).
     */
    private String decode(byte[] b, int from, int to) {
        boolean ascii = true;
        for (int k = from; k < to; k++) {
            byte c = b[k];
            if (c == '\\') {
                return checked(from, to, Integer.MAX_VALUE); // the rare escaped string
            }
            ascii &= c >= 0;
        }
        return new String(b, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * The first {@code maxChars} characters of the string content {@code [from, to)} of the current line, which
     * {@link #string(byte[], int, int)} has checked (valid escapes, well-formed UTF-8), less a high surrogate cut
     * from its pair at the end: what {@link JsonStringPeek#decode} gives for such bytes, decoded here into one reused
     * buffer instead of a decoder, a byte buffer and a char buffer per run of plain bytes.
     */
    private String checked(int from, int to, int maxChars) {
        int plain = from;
        int stop = (int) Math.min(to, (long) from + maxChars);
        while (plain < stop && b[plain] >= 0 && b[plain] != '\\') {
            plain++;
        }
        if (plain == to || plain - from == maxChars) {
            return new String(b, from, plain - from, StandardCharsets.ISO_8859_1);
        }
        int room = (int) Math.min((long) maxChars + 2, to - from);
        if (chars.length < room && room <= KEPT_CHARS) {
            chars = new char[Math.max(room, Math.min(KEPT_CHARS, chars.length * 2))];
        }
        char[] out = room <= chars.length ? chars : new char[room]; // a long escaped string's buffer is not kept
        int n = 0;
        for (int i = from; i < plain; i++) {
            out[n++] = (char) b[i];
        }
        int i = plain;
        while (i < to && n <= maxChars) {
            int c = b[i];
            if (c >= 0 && c != '\\') {
                out[n++] = (char) c;
                i++;
            } else if (c == '\\') {
                byte e = b[i + 1];
                i += 2;
                out[n++] = switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'u' -> {
                        char u = (char) (hexValue(b[i]) << 12 | hexValue(b[i + 1]) << 8 | hexValue(b[i + 2]) << 4
                                | hexValue(b[i + 3]));
                        i += 4;
                        yield u;
                    }
                    default -> (char) e;
                };
                if (n == maxChars) {
                    return new String(out, 0, n); // as the peek: an escape filling the last place stays, even half a pair
                }
            } else if ((c & 0xE0) == 0xC0) {
                out[n++] = (char) ((c & 0x1F) << 6 | b[i + 1] & 0x3F);
                i += 2;
            } else if ((c & 0xF0) == 0xE0) {
                out[n++] = (char) ((c & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | b[i + 2] & 0x3F);
                i += 3;
            } else {
                int code = (c & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | b[i + 3] & 0x3F;
                out[n++] = Character.highSurrogate(code);
                out[n++] = Character.lowSurrogate(code);
                i += 4;
            }
        }
        if (n > maxChars) {
            n = Character.isHighSurrogate(out[maxChars - 1]) ? maxChars - 1 : maxChars;
        }
        return new String(out, 0, n);
    }

    private static int hexValue(byte c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    // ---- validating skips over raw bytes; each returns the end (exclusive) of what it read, or FAIL ----

    private static int value(byte[] b, int i, int to, int depth) {
        if (i >= to) {
            return FAIL;
        }
        return switch (b[i]) {
            case '"' -> skipString(b, i, to);
            case '{' -> depth >= MAX_DEPTH ? FAIL : object(b, i, to, depth + 1);
            case '[' -> depth >= MAX_DEPTH ? FAIL : array(b, i, to, depth + 1);
            case 't' -> literal(b, i, to, "true");
            case 'f' -> literal(b, i, to, "false");
            case 'n' -> literal(b, i, to, "null");
            default -> number(b, i, to);
        };
    }

    /** The object whose '{' is at {@code i}; {@code depth} is its own nesting depth. */
    private static int object(byte[] b, int i, int to, int depth) {
        i = ws(b, i + 1, to);
        if (i < to && b[i] == '}') {
            return i + 1;
        }
        while (true) {
            if (i >= to || b[i] != '"') {
                return FAIL;
            }
            int keyStart = i;
            i = skipString(b, i, to);
            if (i == FAIL || i - keyStart - 2 > MAX_NAME || escaped(b, keyStart + 1, i - 1)) {
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

    /** The array whose '[' is at {@code i}; {@code depth} is its own nesting depth. */
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

    /** Whether {@code [from, to)} holds a backslash (Jackson refuses some escaped names that values may hold). */
    private static boolean escaped(byte[] b, int from, int to) {
        for (int k = from; k < to; k++) {
            if (b[k] == '\\') {
                return true;
            }
        }
        return false;
    }

    /**
     * End (after the closing quote) of the string whose opening quote is at {@code i}, or FAIL: an unescaped
     * control character, an invalid escape or a byte sequence that is not well-formed UTF-8 (RFC 3629).
     */
    static int string(byte[] b, int i, int to) {
        i++;
        while (true) {
            // eight bytes at a time while none is a quote, a backslash, a control character or not ASCII; then
            // straight to the first that is (the lowest flag of a word is exact)
            // found: the high bit of each byte that may be a quote, a backslash, below 0x20 or above 0x7F (no false
            // negatives; the lowest one set is exact, as a borrow only carries upwards); written out here because C1
            // inlines no method of its size, and this loop runs once per eight bytes of text
            long found = 0;
            while (i + 8 <= to) {
                long word = (long) LONGS.get(b, i);
                long quote = word ^ 0x2222222222222222L;
                long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
                found = (((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | (word - CONTROL) | word) & HIGHS;
                if (found != 0) {
                    break;
                }
                i += 8;
            }
            if (found != 0) {
                i += firstByte(found);
            }
            if (i >= to) {
                return FAIL;
            }
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i = afterEscape(b, i, to);
                if (i == FAIL) {
                    return FAIL;
                }
                continue;
            }
            if (c < 0) {
                // the common two- and three-byte sequences here (C1 does not inline utf8()), the rest there
                if (c >= (byte) 0xC2 && c <= (byte) 0xDF && i + 1 < to && (b[i + 1] & 0xC0) == 0x80) {
                    i += 2;
                } else if (c >= (byte) 0xE1 && c <= (byte) 0xEC && i + 2 < to && (b[i + 1] & 0xC0) == 0x80
                        && (b[i + 2] & 0xC0) == 0x80) {
                    i += 3;
                } else {
                    i = utf8(b, i, to);
                    if (i == FAIL) {
                        return FAIL;
                    }
                }
                continue;
            }
            if (c < 0x20) {
                return FAIL;
            }
            i++;
        }
    }

    /**
     * End (after the closing quote) of the string whose opening quote is at {@code i}, or FAIL: an unescaped control
     * character or an invalid escape. Unlike {@link #string} its UTF-8 is not checked: every byte from 0x80 up is
     * one character here. For a string that is skipped this gives what the reader's Jackson path gives: where
     * Jackson's byte parser refuses bad UTF-8, the reader parses the line again through a replacing decoder, which
     * turns each bad sequence into U+FFFD and never takes a quote or a backslash (ASCII) into one, so the line's
     * structure and every value read (each checked by {@link #string} first) are the same. This corpus has a
     * non-ASCII byte every ~40 bytes of text; a scan that stops at none of them stops half as often.
     */
    static int skipString(byte[] b, int i, int to) {
        i++;
        while (true) {
            // found: the high bit of each byte that may be a quote, a backslash or below 0x20 (the lowest is exact);
            // a byte from 0x80 up is flagged by none of the three (each term is masked by the byte's inverse)
            long found = 0;
            while (i + 8 <= to) {
                long word = (long) LONGS.get(b, i);
                long quote = word ^ 0x2222222222222222L;
                long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
                found = ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (word - CONTROL) & ~word) & HIGHS;
                if (found != 0) {
                    break;
                }
                i += 8;
            }
            if (found != 0) {
                i += firstByte(found);
            }
            if (i >= to) {
                return FAIL;
            }
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i = afterEscape(b, i, to);
                if (i == FAIL) {
                    return FAIL;
                }
                continue;
            }
            if (c >= 0 && c < 0x20) {
                return FAIL;
            }
            i++; // a byte the word test could not rule out (the tail shorter than eight bytes)
        }
    }

    /**
     * End of the escape whose backslash is at {@code i} ({@code \\uXXXX} with four hex digits, or one of JSON's
     * two-character escapes), or FAIL; for both scanners, {@link #string} and {@link #skipString}. Each keeps its own
     * word loop (they stop at different bytes, and C1 inlines neither loop's body), but an escape is one byte in ~70
     * of this corpus: a call per escape measured within the noise of the reader's CPU (10 alternating 1 GB rounds,
     * paired median +0.09 s of ~5 s).
     */
    private static int afterEscape(byte[] b, int i, int to) {
        if (i + 1 >= to) {
            return FAIL;
        }
        byte e = b[i + 1];
        if (e == 'u') {
            return i + 5 < to && hex(b[i + 2]) && hex(b[i + 3]) && hex(b[i + 4]) && hex(b[i + 5]) ? i + 6 : FAIL;
        }
        return e == 'n' || e == 't' || e == '"' || e == '\\' || e == '/' || e == 'r' || e == 'b' || e == 'f'
                ? i + 2 : FAIL;
    }

    /**
     * The index (0-7) of the lowest byte flagged in {@code flags} (high bits only): its bit isolated, moved to the
     * byte's lowest bit, times a constant whose top byte then reads the index (C1 does not make
     * {@code Long.numberOfTrailingZeros} one instruction; this is three).
     */
    private static int firstByte(long flags) {
        return (int) ((((flags & -flags) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    /** Whether a byte of {@code word} is a backslash. */
    private static boolean backslash(long word) {
        long x = word ^ 0x5C5C5C5C5C5C5C5CL;
        return ((x - ONES) & ~x & HIGHS) != 0;
    }

    /** End of the well-formed UTF-8 sequence of two to four bytes starting at {@code i}, or FAIL. */
    private static int utf8(byte[] b, int i, int to) {
        int c = b[i] & 0xFF;
        int n;
        int low = 0x80;
        int high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0) {
                low = 0xA0; // no overlong form
            } else if (c == 0xED) {
                high = 0x9F; // no surrogate
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0) {
                low = 0x90;
            } else if (c == 0xF4) {
                high = 0x8F; // nothing above U+10FFFF
            }
        } else {
            return FAIL;
        }
        if (i + n >= to) {
            return FAIL;
        }
        int first = b[i + 1] & 0xFF;
        if (first < low || first > high) {
            return FAIL;
        }
        for (int k = 2; k <= n; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return FAIL;
            }
        }
        return i + n + 1;
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
}
