package dev.llmsession.examples.codex;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;

/** Flattens a JSON object to dotted keys and scalar texts ({@code tokens.total → 299496}), for the tests' expectations. */
final class FlatJson {
    private FlatJson() {
    }

    /**
     * Reads the object {@code p} has just entered into {@code out}, nested objects under {@code prefix + name + "."};
     * arrays are skipped and a JSON {@code null} becomes a null value.
     */
    static void flatten(JsonParser p, String prefix, Map<String, String> out) throws IOException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = prefix + p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT) {
                flatten(p, name + ".", out);
            } else if (v == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else {
                out.put(name, v == JsonToken.VALUE_NULL ? null : p.getText());
            }
        }
    }
}
