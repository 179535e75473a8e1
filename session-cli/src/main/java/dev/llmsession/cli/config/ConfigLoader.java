package dev.llmsession.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmsession.error.ConfigException;
import dev.llmsession.model.Curve;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds and reads the YAML configuration. A missing default file means defaults; anything wrong with a file
 * that exists is a {@link ConfigException} whose message is one line: {@code file:line:column: problem}.
 */
public final class ConfigLoader {
    private static final String RELATIVE = "llm-session/config.yaml";
    /** Largest configuration file read (a real one is a few hundred bytes). */
    private static final long MAX_BYTES = 1024 * 1024;

    /**
     * One mapper for every load: it learns the configuration's classes once (building it and introspecting them
     * was a fifth of an engine command's time when each command made its own). Configured here, then only read,
     * so it is safe to share between threads. Made when a file is first read: without a configuration file (the
     * usual case) a command loads none of Jackson's data binding nor the YAML parser (~400 classes).
     */
    private static final class Mapper {
        static final ObjectMapper MAPPER = mapper();
    }

    private static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule("llm-session-config");
        module.addDeserializer(Duration.class, new DurationDeserializer());
        module.addDeserializer(Curve.class, new CurveDeserializer());
        return new ObjectMapper(new YAMLFactory())
                .registerModule(module)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** {@code $XDG_CONFIG_HOME/llm-session/config.yaml}, else {@code ~/.config/llm-session/config.yaml}. */
    public static Path defaultPath(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve(RELATIVE);
    }

    /**
     * The effective configuration.
     *
     * @param explicit the {@code --config} file, which must exist; empty for the default location
     * @param env      environment variables
     * @param home     the user's home, to find the default file and to shorten paths in messages
     */
    public CliConfig load(Optional<Path> explicit, Map<String, String> env, Path home) {
        Path file = explicit.orElseGet(() -> defaultPath(env, home));
        String shown = shorten(file, home);
        String text;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // A FIFO would block the read, a device never end it.
                throw new ConfigException(shown + ": not a regular file");
            }
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                throw new ConfigException(shown + ": larger than " + MAX_BYTES / 1024 + " KiB; not a configuration file");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (explicit.isPresent()) {
                throw new ConfigException(shown + ": no such file", e);
            }
            return CliConfig.defaults(file);
        } catch (IOException e) {
            throw new ConfigException(shown + ": cannot read: " + e.getMessage(), e);
        }
        ConfigFile parsed = parse(text, shown);
        return new CliConfig(Optional.of(file), file, parsed.policy(), parsed.settings(), parsed.rates());
    }

    /**
     * The line of every key {@code file} sets, by dotted path ({@code health.weights.tokens}); empty when the file
     * does not exist or cannot be read. For {@code config show}, which names where each value comes from.
     */
    public Map<String, Integer> keyLines(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, Integer> lines = new HashMap<>();
        keyLocations(text).forEach((key, loc) -> lines.put(key, loc.getLineNr()));
        return lines;
    }

    private ConfigFile parse(String text, String shown) {
        try (JsonParser parser = Mapper.MAPPER.createParser(text)) {
            if (parser.nextToken() == null) {
                return new ConfigFile(null, null, null, null, null, null, null, null);
            }
            ConfigFile file = Mapper.MAPPER.readValue(parser, ConfigFile.class);
            return file == null ? new ConfigFile(null, null, null, null, null, null, null, null) : file;
        } catch (JsonProcessingException e) {
            throw new ConfigException(shown + location(e, keyLocations(text)) + ": " + problem(e), e);
        } catch (IOException e) {
            throw new ConfigException(shown + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Where the problem is: the key the failing value belongs to when the exception knows its path (Jackson's
     * own location is where the parser stopped, often past the value), else where the parser stopped.
     */
    private static String location(JsonProcessingException e, Map<String, JsonLocation> keys) {
        JsonLocation loc = e.getLocation();
        if (e instanceof JsonMappingException m) {
            List<String> parts = new ArrayList<>();
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    parts.add(ref.getFieldName());
                }
            }
            for (int n = parts.size(); n > 0; n--) {
                JsonLocation key = keys.get(String.join(".", parts.subList(0, n)));
                if (key != null) {
                    loc = key;
                    break;
                }
            }
            // A record's check names the setting it refuses first ("repeatedErrors must be ..."): point at it.
            String named = firstWord(rootCause(e).getMessage());
            JsonLocation setting = named == null ? null : keys.get(String.join(".", parts) + "." + named);
            if (setting != null) {
                loc = setting;
            }
        }
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return ":" + loc.getLineNr() + ":" + Math.max(1, loc.getColumnNr());
    }

    /** The location of every mapping key, by its dotted path of keys ({@code health.weights}). */
    private Map<String, JsonLocation> keyLocations(String text) {
        Map<String, JsonLocation> keys = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser p = Mapper.MAPPER.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> {
                        if (!path.isEmpty()) {
                            path.removeLast();
                        }
                        path.addLast(p.currentName());
                        keys.putIfAbsent(String.join(".", path), p.currentTokenLocation());
                    }
                    case START_OBJECT -> path.addLast("");
                    case END_OBJECT -> path.removeLast();
                    default -> {
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // A syntax error: the keys before it are still useful, and the parse reports the error itself.
        }
        return keys;
    }

    private static String problem(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException)) {
            // A syntax error: the parser's words alone ("while parsing a flow node") do not say what to do.
            String said = Objects.requireNonNullElse(e.getOriginalMessage(), e.getClass().getSimpleName());
            return "not valid YAML (" + firstLine(said).strip() + "); fix the syntax at that line";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            String where = path(u);
            return "unknown key '" + u.getPropertyName() + "'" + (where.isEmpty() ? "" : " in " + where)
                    + (known.isEmpty() ? "" : " (known: " + known + ")");
        }
        Throwable root = rootCause(e);
        String message;
        if (root instanceof IllegalArgumentException && root.getMessage() != null) {
            message = root.getMessage();
        } else if (e instanceof MismatchedInputException mi && mi.getTargetType() != null
                && expected(mi.getTargetType()) != null) {
            message = "expected " + expected(mi.getTargetType());
        } else {
            message = Objects.requireNonNullElse(e.getOriginalMessage(), e.getClass().getSimpleName());
        }
        message = firstLine(message);
        String where = e instanceof JsonMappingException m ? path(m) : "";
        return where.isEmpty() ? message : where + ": " + message;
    }

    /** What a value of {@code type} looks like in YAML, or null when Jackson's own words are better. */
    private static String expected(Class<?> type) {
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Duration.class) {
            return "a duration like 30m or 1h";
        }
        if (type == Curve.class) {
            return "a list of [value, score] pairs";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a text value";
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                parts.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                parts.add("[" + ref.getIndex() + "]");
            }
        }
        if (e instanceof UnrecognizedPropertyException && !parts.isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return String.join(".", parts).replace(".[", "[");
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The leading identifier of {@code message}, or null. */
    private static String firstWord(String message) {
        if (message == null) {
            return null;
        }
        int end = 0;
        while (end < message.length() && Character.isJavaIdentifierPart(message.charAt(end))) {
            end++;
        }
        return end == 0 ? null : message.substring(0, end);
    }

    private static String firstLine(String s) {
        String line = s.strip();
        int nl = line.indexOf('\n');
        line = nl >= 0 ? line.substring(0, nl) : line;
        int src = line.indexOf(" at [Source");
        return (src >= 0 ? line.substring(0, src) : line).strip();
    }

    /** {@code /home/a/.config/x} → {@code ~/.config/x}. */
    public static String shorten(Path file, Path home) {
        Path abs = file.toAbsolutePath().normalize();
        Path h = home.toAbsolutePath().normalize();
        if (abs.startsWith(h) && !abs.equals(h)) {
            return "~/" + h.relativize(abs).toString().replace('\\', '/');
        }
        return file.toString();
    }

    /** {@code "30m"}, {@code "1h"}, {@code "PT30M"}. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                throw JsonMappingException.from(p, "'" + p.getText()
                        + "' is not a duration: write the unit (examples: 90s, 30m, 1h, 1h30m, 7d)");
            }
            String text = p.getValueAsString();
            if (text == null) {
                throw JsonMappingException.from(p, "expected a duration like 30m or 1h");
            }
            try {
                return DurationText.parse(text);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }

    /** {@code [[40, 100], [85, 60], [100, 0]]}: (value, score) pairs with increasing values. */
    private static final class CurveDeserializer extends JsonDeserializer<Curve> {
        @Override
        public Curve deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw JsonMappingException.from(p, "a curve is a list of [value, score] pairs, e.g. [[40, 100], [100, 0]]");
            }
            List<Curve.Point> points = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    throw JsonMappingException.from(p, "each curve point is a [value, score] pair");
                }
                List<Double> pair = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (!p.currentToken().isNumeric()) {
                        throw JsonMappingException.from(p, "'" + p.getText() + "' is not a number in a curve point");
                    }
                    pair.add(p.getDoubleValue());
                }
                if (pair.size() != 2) {
                    throw JsonMappingException.from(p, "each curve point is a [value, score] pair, got " + pair.size()
                            + " number(s)");
                }
                points.add(new Curve.Point(pair.get(0), pair.get(1)));
            }
            try {
                return new Curve(points);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }
}
