package dev.llmsession.adapterkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Streaming JSON helpers over Jackson's parser: walk an object's fields, take the values an adapter needs, skip
 * the rest without building it. Invalid figures come back as unknown ({@code -1} for counts, {@code NaN} for
 * amounts, null for text and times), never as 0.
 */
public final class Json {
    /** One factory for every adapter; parsers it makes are not shared between threads. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 << 20).build()).build();

    private Json() {
    }

    /** A parser over {@code length} bytes of {@code bytes}. */
    public static JsonParser parser(byte[] bytes, int length) throws IOException {
        return FACTORY.createParser(bytes, 0, length);
    }

    /**
     * Advances {@code p} from inside an object to the next field's value and returns the field's name; null at the
     * end of the object (or when the tokens are not fields at all).
     */
    public static String nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = p.currentName();
        p.nextToken();
        return name;
    }

    /** Whether the current token opens an object; skips the value when it does not. */
    public static boolean isObject(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        p.skipChildren();
        return false;
    }

    /** Moves {@code p} (fresh) into the top-level object; false when the input is not an object. */
    public static boolean enterObject(JsonParser p) throws IOException {
        return p.nextToken() == JsonToken.START_OBJECT;
    }

    /** Moves {@code p} from inside an object to the value of field {@code name}; false when it has none. */
    public static boolean toField(JsonParser p, String name) throws IOException {
        for (String f = nextField(p); f != null; f = nextField(p)) {
            if (name.equals(f)) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }

    /** The current string value, else null (the value is skipped). */
    public static String text(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    /** The current value as a token count: a non-negative integer within {@code long}, else {@code -1} (unknown). */
    public static long count(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return -1;
            }
            long v = p.getLongValue();
            return v >= 0 ? v : -1;
        }
        if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            return d >= 0 && d < 9.0e15 && d == Math.rint(d) ? (long) d : -1;
        }
        p.skipChildren();
        return -1;
    }

    /** The current value as a finite non-negative amount, else {@code NaN}. */
    public static double amount(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            return Double.isFinite(d) && d >= 0 ? d : Double.NaN;
        }
        p.skipChildren();
        return Double.NaN;
    }


    /** An ISO-8601 instant, or null. */
    public static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether the bytes are exactly one whole JSON object, with nothing but whitespace after it. */
    public static boolean isWholeObject(byte[] bytes, int length) {
        try (JsonParser p = parser(bytes, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
