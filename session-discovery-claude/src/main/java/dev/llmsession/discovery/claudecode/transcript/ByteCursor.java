package dev.llmsession.discovery.claudecode.transcript;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A {@link JsonCursor} over one buffered line's bytes, for the common case: what {@link LineParser} skips (tool
 * output, thinking, file contents, base64 images — most of a transcript's bytes) is only checked, eight bytes at a
 * time, never decoded; the strings it reads are decoded where they lie. It reads exactly what Jackson would: it
 * accepts a strict subset of what Jackson's byte parser accepts (RFC 8259, well-formed UTF-8, Jackson's limits
 * with a margin) and gives the same tokens, names and values; on anything else — invalid or unusual input, a
 * number Jackson would convert — it throws {@link GiveUp} and the caller parses the line with Jackson, which then
 * decides. Field order is not assumed. Not thread-safe: one per reading thread, {@link #reset} per line.
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
    /** Distinct field names kept decoded; a line of made-up names beyond it only costs their decoding. */
    private static final int NAMES = 1 << 10;

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
    private final long[] nameHeads = new long[NAMES];
    private final long[] nameTails = new long[NAMES];
    private final int[] nameLengths = new int[NAMES];
    private final byte[][] nameBytes = new byte[NAMES][];
    private final String[] nameStrings = new String[NAMES];
    private int namesKept;

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
                int after = string(b, i, end);
                if (after == FAIL) {
                    throw GIVE_UP;
                }
                valueStart = i + 1;
                valueEnd = after - 1;
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
            return decode(b, valueStart, valueEnd);
        }
        skipChildren();
        return null;
    }

    @Override
    public String text(int maxChars) {
        // what the Jackson path reads for a buffered line too: the string's start, decoded where it lies
        return JsonStringPeek.decode(b, valueStart - 1, end, maxChars);
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

    /**
     * The field name in {@code [from, to)}, one shared string per distinct name: found by its length and its first
     * and last eight bytes (which are all of a name of up to 16 bytes), without a pass over its bytes.
     */
    private String name(int from, int to) throws GiveUp {
        int length = to - from;
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
        if (backslash(head) || backslash(tail) || (length > 16 && escaped(b, from + 8, to - 8))) {
            throw GIVE_UP; // see escaped()
        }
        long h = head * 0x9E3779B97F4A7C15L ^ tail * 0xC2B2AE3D27D4EB4FL ^ length;
        int slot = (int) (h ^ h >>> 29 ^ h >>> 47) & (NAMES - 1);
        while (true) {
            String kept = nameStrings[slot];
            if (kept == null) {
                String decoded = decode(b, from, to);
                if (namesKept < NAMES / 2) {
                    nameHeads[slot] = head;
                    nameTails[slot] = tail;
                    nameLengths[slot] = length;
                    nameBytes[slot] = length > 16 ? java.util.Arrays.copyOfRange(b, from, to) : null;
                    nameStrings[slot] = decoded;
                    namesKept++;
                }
                return decoded;
            }
            if (nameLengths[slot] == length && nameHeads[slot] == head && nameTails[slot] == tail
                    && (length <= 16 || java.util.Arrays.equals(nameBytes[slot], 0, length, b, from, to))) {
                return kept;
            }
            slot = (slot + 1) & (NAMES - 1);
        }
    }

    /**
     * The JSON string content {@code [from, to)}, between its quotes (checked by {@link #string}: valid escapes,
     * UTF-8).
     */
    static String decode(byte[] b, int from, int to) {
        boolean ascii = true;
        for (int k = from; k < to; k++) {
            byte c = b[k];
            if (c == '\\') {
                // the rare escaped string: the peek's decoding, unbounded, reads a checked string exactly
                return JsonStringPeek.decode(b, from - 1, to + 1, Integer.MAX_VALUE);
            }
            ascii &= c >= 0;
        }
        return new String(b, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    // ---- validating skips over raw bytes; each returns the end (exclusive) of what it read, or FAIL ----

    private static int value(byte[] b, int i, int to, int depth) {
        if (i >= to) {
            return FAIL;
        }
        return switch (b[i]) {
            case '"' -> string(b, i, to);
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
            i = string(b, i, to);
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
            long found = 0;
            while (i + 8 <= to && (found = special((long) LONGS.get(b, i))) == 0) {
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
            if (c < 0) {
                i = utf8(b, i, to);
                if (i == FAIL) {
                    return FAIL;
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
     * The high bit of each byte of {@code word} (little-endian) that may be a quote, a backslash, below 0x20 or
     * above 0x7F: no false negatives, and the lowest one set is exact (a borrow only carries upwards).
     */
    private static long special(long word) {
        long quote = word ^ 0x2222222222222222L;
        long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
        return (((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | (word - CONTROL) | word) & HIGHS;
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
