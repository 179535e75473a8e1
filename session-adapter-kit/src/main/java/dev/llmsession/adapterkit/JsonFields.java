package dev.llmsession.adapterkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.spi.RegularFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The scalar values of one small JSON object (a registry entry, a settings file, a status-line payload, a price
 * table), by dotted path ({@code context_window.current_usage.input_tokens}); an array's elements by index
 * ({@code models.0.family}). Read with the kit's streaming
 * factory and its limits, from a regular file of bounded size only. A repeated key keeps its last value; a key
 * holding a dot reads as the nested path it spells. Immutable.
 */
public final class JsonFields {
    private final Map<String, Object> values;

    private JsonFields(Map<String, Object> values) {
        this.values = values;
    }

    /** The object in {@code file} (a regular file of at most {@code maxBytes}); empty when it is not one object. */
    public static Optional<JsonFields> read(Path file, int maxBytes) throws IOException {
        byte[] bytes = RegularFiles.readAll(file, maxBytes);
        return parse(bytes, bytes.length);
    }

    /** The object in the first {@code length} bytes; empty when they are not one JSON object. */
    public static Optional<JsonFields> parse(byte[] bytes, int length) throws IOException {
        try (JsonParser p = Json.parser(bytes, length)) {
            if (!Json.enterObject(p)) {
                return Optional.empty();
            }
            Map<String, Object> values = new HashMap<>();
            collect(p, "", values);
            return Optional.of(new JsonFields(values));
        }
    }

    private static void collect(JsonParser p, String prefix, Map<String, Object> values) throws IOException {
        for (String f = Json.nextField(p); f != null; f = Json.nextField(p)) {
            value(p, prefix + f, values);
        }
    }

    private static void elements(JsonParser p, String prefix, Map<String, Object> values) throws IOException {
        int i = 0;
        for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
            value(p, prefix + i++, values);
        }
    }

    private static void value(JsonParser p, String key, Map<String, Object> values) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> collect(p, key + ".", values);
            case START_ARRAY -> elements(p, key + ".", values);
            case VALUE_STRING -> values.put(key, p.getText());
            case VALUE_NUMBER_INT -> values.put(key, p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue() : (Object) p.getLongValue());
            case VALUE_NUMBER_FLOAT -> values.put(key, p.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> values.put(key, t == JsonToken.VALUE_TRUE);
            default -> values.remove(key); // null
        }
    }

    /** The string at {@code path} (possibly blank), else empty. */
    public Optional<String> string(String path) {
        return values.get(path) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** The string at {@code path} when it is not blank. */
    public Optional<String> text(String path) {
        return string(path).filter(s -> !s.isBlank());
    }

    /** An integer within {@code long} at {@code path} (no fraction, no exponent), else empty. */
    public OptionalLong integer(String path) {
        return values.get(path) instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
    }

    /** Any number at {@code path} within {@code long}, a fraction cut off, else empty. */
    public OptionalLong wholeNumber(String path) {
        Object v = values.get(path);
        if (v instanceof Long l) {
            return OptionalLong.of(l);
        }
        if (v instanceof Double d && d >= Long.MIN_VALUE && d <= Long.MAX_VALUE) {
            return OptionalLong.of(d.longValue());
        }
        return OptionalLong.empty();
    }

    /** Any number at {@code path}, else empty. */
    public OptionalDouble number(String path) {
        Object v = values.get(path);
        if (v instanceof Long l) {
            return OptionalDouble.of(l);
        }
        if (v instanceof Double d) {
            return OptionalDouble.of(d);
        }
        return v instanceof BigInteger b ? OptionalDouble.of(b.doubleValue()) : OptionalDouble.empty();
    }
}
