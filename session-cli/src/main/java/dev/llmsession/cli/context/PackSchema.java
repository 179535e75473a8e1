package dev.llmsession.cli.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a pack against the JSON Schema shipped in the jar ({@value #RESOURCE}), so the published schema is the
 * rule import applies and cannot drift from it. Interprets the keywords that schema uses: {@code $ref} to local
 * {@code $defs}, {@code type}, {@code required}, {@code properties}, {@code items}, {@code const}, {@code enum},
 * {@code minimum}, {@code maximum}, {@code minLength}, {@code pattern} and {@code format: date-time}; other
 * keywords are annotations. Immutable and thread-safe.
 */
public final class PackSchema {
    /** Where the schema lives on the class path (and in the jar). */
    public static final String RESOURCE = "llm-session/context-pack-v1.schema.json";

    private static final PackSchema V1 = load();

    private final JsonNode root;

    private PackSchema(JsonNode root) {
        this.root = root;
    }

    /** The version-1 schema. */
    public static PackSchema v1() {
        return V1;
    }

    /** The schema document itself. */
    public JsonNode document() {
        return root;
    }

    private static PackSchema load() {
        try (InputStream in = PackSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new PackSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first violation, as {@code $.path: what is wrong}; empty when {@code pack} is valid. */
    public Optional<String> firstViolation(JsonNode pack) {
        return check(root, pack, "$");
    }

    private Optional<String> check(JsonNode schema, JsonNode value, String path) {
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            String target = ref.asText();
            if (!target.startsWith("#/$defs/")) {
                throw new IllegalStateException("unsupported $ref " + target);
            }
            return check(root.get("$defs").get(target.substring("#/$defs/".length())), value, path);
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(type, value)) {
            return Optional.of(path + ": expected " + (type.isArray() ? join(type) : type.asText()) + ", found "
                    + kind(value));
        }
        JsonNode constant = schema.get("const");
        if (constant != null && !constant.equals(value)) {
            return Optional.of(path + ": must be " + constant);
        }
        JsonNode choices = schema.get("enum");
        if (choices != null && !contains(choices, value)) {
            return Optional.of(path + ": must be one of " + choices);
        }
        if (value.isNumber()) {
            JsonNode min = schema.get("minimum");
            if (min != null && value.decimalValue().compareTo(min.decimalValue()) < 0) {
                return Optional.of(path + ": must be at least " + min);
            }
            JsonNode max = schema.get("maximum");
            if (max != null && value.decimalValue().compareTo(max.decimalValue()) > 0) {
                return Optional.of(path + ": must be at most " + max);
            }
        }
        if (value.isTextual()) {
            Optional<String> problem = checkText(schema, value.textValue(), path);
            if (problem.isPresent()) {
                return problem;
            }
        }
        if (value.isObject()) {
            JsonNode required = schema.get("required");
            if (required != null) {
                for (JsonNode name : required) {
                    if (!value.has(name.asText())) {
                        return Optional.of(path + ": missing required field \"" + name.asText() + "\"");
                    }
                }
            }
            JsonNode properties = schema.get("properties");
            if (properties != null) {
                for (Map.Entry<String, JsonNode> p : properties.properties()) {
                    JsonNode v = value.get(p.getKey());
                    if (v != null) {
                        Optional<String> problem = check(p.getValue(), v, path + "." + p.getKey());
                        if (problem.isPresent()) {
                            return problem;
                        }
                    }
                }
            }
        }
        JsonNode items = schema.get("items");
        if (items != null && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                Optional<String> problem = check(items, value.get(i), path + "[" + i + "]");
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkText(JsonNode schema, String text, String path) {
        JsonNode minLength = schema.get("minLength");
        if (minLength != null && text.codePointCount(0, text.length()) < minLength.asInt()) {
            return Optional.of(path + ": must not be empty");
        }
        JsonNode pattern = schema.get("pattern");
        if (pattern != null && !Pattern.compile(pattern.asText()).matcher(text).find()) {
            return Optional.of(path + ": does not match " + pattern.asText());
        }
        JsonNode format = schema.get("format");
        if (format != null && "date-time".equals(format.asText())) {
            try {
                Instant.parse(text);
            } catch (DateTimeParseException e) {
                return Optional.of(path + ": not an ISO-8601 instant");
            }
        }
        return Optional.empty();
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalStateException("unsupported type " + type.asText());
        };
    }

    private static boolean contains(JsonNode choices, JsonNode value) {
        for (JsonNode c : choices) {
            if (c.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String join(JsonNode types) {
        StringBuilder b = new StringBuilder();
        for (JsonNode t : types) {
            b.append(b.length() == 0 ? "" : " or ").append(t.asText());
        }
        return b.toString();
    }

    private static String kind(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "integer";
        }
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
