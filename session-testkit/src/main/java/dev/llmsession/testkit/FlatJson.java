package dev.llmsession.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flattens a JSON object to dotted keys and scalar texts ({@code tokens.total → 299496}), for tests that compare
 * {@code --json} output or expected-figure files field by field.
 */
public final class FlatJson {
    private FlatJson() {
    }

    /**
     * Reads the object {@code p} has just entered into {@code out}, nested objects under {@code prefix + name + "."};
     * arrays are skipped and a JSON {@code null} becomes a null value.
     */
    public static void flatten(JsonParser p, String prefix, Map<String, String> out) throws IOException {
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

    /** A JSON array of objects (a {@code list --json} output), each flattened. */
    public static List<Map<String, String>> array(String json) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        try (JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a JSON array: " + json.substring(0, Math.min(200, json.length())));
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> flat = new java.util.HashMap<>();
                flatten(p, "", flat);
                out.add(flat);
            }
        }
        return out;
    }
}
