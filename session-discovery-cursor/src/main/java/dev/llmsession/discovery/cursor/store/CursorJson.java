package dev.llmsession.discovery.cursor.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.adapterkit.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Streaming readers of Cursor's JSON values. Values can be tens of MB, so nothing builds a tree: each reader walks
 * the tokens once, keeps the few fields llm-session uses and skips every other subtree unread (the encryption-key
 * fields among them — they are never turned into strings). Unknown fields are ignored. Stateless and thread-safe.
 */
public final class CursorJson {
    /** The adapter kit's one streaming factory and its read limits. */
    private static final JsonFactory FACTORY = Json.FACTORY;
    /** Characters of a message kept for a title. */
    static final int TEXT_START = 120;

    private CursorJson() {
    }

    /** A {@code composerData:<id>} value, a header of the Cursor 3 catalogue or a legacy composer/chat tab. */
    public static Composer composer(String id, byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            return composer(p, id);
        }
    }

    /** A {@code bubbleId:<composer>:<bubble>} value. */
    public static Bubble bubble(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            return bubble(p);
        }
    }

    /**
     * A bubble from the JSON array SQLite's multi-path {@code json_extract} returned ({@link KvStore#BUBBLE_PATHS}, in
     * that order); the same rules as {@link #bubble(byte[])}: {@code {0,0}} token counts are unknown, dates are
     * epoch ms or ISO-8601. The text is not among the fields: titles read it separately, and only when needed.
     */
    static Bubble bubble(String extracted) throws IOException {
        try (JsonParser p = FACTORY.createParser(extracted)) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            JsonToken t = p.nextToken();
            boolean user = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() == 1
                    : t == JsonToken.VALUE_STRING && p.getText().equals("user");
            p.skipChildren();
            Long created = time(p, p.nextToken());
            Long in = positive(p, p.nextToken());
            Long out = positive(p, p.nextToken());
            Long used = positive(p, p.nextToken());
            Long limit = positive(p, p.nextToken());
            String model = p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            p.skipChildren();
            String legacyModel = p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            p.skipChildren();
            boolean toolError = p.nextToken() == JsonToken.VALUE_STRING && p.getText().equals("error");
            p.skipChildren();
            List<String> files = new ArrayList<>();
            JsonToken f = p.nextToken();
            if (f == JsonToken.START_ARRAY) {
                selections(p, files);
            } else {
                p.skipChildren();
            }
            if (in != null || out != null) {
                in = in == null ? 0L : in;
                out = out == null ? 0L : out;
            }
            return new Bubble(user, optional(created), "", optional(in), optional(out), optional(used),
                    optional(limit), Optional.ofNullable(model != null ? model : legacyModel).filter(m -> !m.isBlank()),
                    toolError, files);
        }
    }

    /**
     * The composers of {@code {"allComposers":[…]}} (the workspace {@code composer.composerData} up to Cursor 2.6,
     * the global {@code composer.composerHeaders} from Cursor 3) or of the legacy chat panel's {@code {"tabs":[…]}}.
     * Entries without an id are dropped.
     */
    public static List<Composer> composerList(byte[] json) throws IOException {
        List<Composer> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ((field.equals("allComposers") || field.equals("tabs")) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        Composer c = composer(p, null);
                        if (c != null) {
                            out.add(c);
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return out;
    }

    /** The ids of {@code selectedComposerIds} and {@code lastFocusedComposerIds} of a workspace list. */
    public static List<String> selectedComposerIds(byte[] json) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ((field.equals("selectedComposerIds") || field.equals("lastFocusedComposerIds"))
                        && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() == JsonToken.VALUE_STRING && !out.contains(p.getText())) {
                            out.add(p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return out;
    }

    /** The folder of a {@code workspaceStorage/<id>/workspace.json} ({@code folder}, else {@code workspace}). */
    public static Optional<String> workspaceFolder(byte[] json) throws IOException {
        String folder = null;
        String workspace = null;
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_STRING && field.equals("folder")) {
                    folder = p.getText();
                } else if (t == JsonToken.VALUE_STRING && field.equals("workspace")) {
                    workspace = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        return Optional.ofNullable(folder != null ? folder : workspace).flatMap(CursorJson::uriToPath);
    }

    /**
     * The folders of the windows {@code storage.json} lists as open ({@code windowsState.lastActiveWindow} and
     * {@code windowsState.openedWindows[]}, each {@code folder} a file URI).
     */
    public static List<String> openedWindowFolders(byte[] json) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("windowsState") && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String w = p.currentName();
                        JsonToken wt = p.nextToken();
                        if (w.equals("lastActiveWindow") && wt == JsonToken.START_OBJECT) {
                            windowFolder(p).ifPresent(f -> addOnce(out, f));
                        } else if (w.equals("openedWindows") && wt == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                windowFolder(p).ifPresent(f -> addOnce(out, f));
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return out;
    }

    /** A {@code file://} URI as a local path; other schemes (remote SSH, …) are returned as the URI text. */
    public static Optional<String> uriToPath(String uri) {
        if (uri == null || uri.isBlank()) {
            return Optional.empty();
        }
        if (!uri.startsWith("file:")) {
            return Optional.of(uri);
        }
        try {
            return Optional.of(Path.of(URI.create(uri)).toString());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.of(uri);
        }
    }

    /** The {@code folder} of a window object (the parser is at its start). */
    private static Optional<String> windowFolder(JsonParser p) throws IOException {
        return Optional.ofNullable(field(p, JsonToken.START_OBJECT, "folder", CursorJson::string))
                .flatMap(CursorJson::uriToPath);
    }

    private static Composer composer(JsonParser p, String knownId) throws IOException {
        String id = knownId;
        String name = null;
        Long created = null;
        Long updated = null;
        String status = null;
        String unified = null;
        String force = null;
        String model = null;
        Long used = null;
        Long breakdown = null;
        Long limit = null;
        boolean generating = false;
        String workspace = null;
        List<Composer.Header> headers = new ArrayList<>();
        List<Bubble> inline = new ArrayList<>();
        List<String> files = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "composerId", "tabId" -> {
                    if (knownId == null && t == JsonToken.VALUE_STRING) {
                        id = p.getText();
                    }
                }
                case "name", "chatTitle" -> name = t == JsonToken.VALUE_STRING ? p.getText() : name;
                case "createdAt" -> created = time(p, t);
                case "lastUpdatedAt", "lastSendTime" -> updated = max(updated, time(p, t));
                case "status" -> status = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "unifiedMode" -> unified = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "forceMode" -> force = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "modelConfig" -> model = stringField(p, t, "modelName");
                case "contextTokensUsed" -> used = positive(p, t);
                case "contextTokenLimit" -> limit = positive(p, t);
                case "promptTokenBreakdown" -> breakdown = field(p, t, "totalUsedTokens", CursorJson::positive);
                case "generatingBubbleIds" -> generating = nonEmptyArray(p, t);
                case "workspaceIdentifier" -> workspace = uriPath(p, t);
                case "fullConversationHeadersOnly" -> headers(p, t, headers);
                case "conversation", "bubbles" -> {
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            inline.add(bubble(p));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "context" -> fileSelections(p, t, files);
                default -> p.skipChildren();
            }
        }
        if (id == null || id.isEmpty()) {
            return null;
        }
        Long context = used != null ? used : breakdown;
        return new Composer(id, Optional.ofNullable(name).filter(n -> !n.isBlank()), optional(created),
                optional(updated), Optional.ofNullable(status), Optional.ofNullable(unified != null ? unified : force),
                Optional.ofNullable(model).filter(m -> !m.isBlank()), optional(context), optional(limit), generating,
                Optional.ofNullable(workspace).filter(w -> !w.isBlank()), headers, inline, files);
    }

    private static Bubble bubble(JsonParser p) throws IOException {
        boolean user = false;
        Long created = null;
        String text = "";
        Long in = null;
        Long out = null;
        Long used = null;
        Long limit = null;
        String model = null;
        boolean toolError = false;
        List<String> files = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "type" -> user = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() == 1
                        : t == JsonToken.VALUE_STRING && p.getText().equals("user");
                case "createdAt" -> created = time(p, t);
                case "text" -> {
                    if (t == JsonToken.VALUE_STRING && text.isEmpty()) {
                        String s = p.getText();
                        text = s.length() > TEXT_START ? s.substring(0, TEXT_START) : s;
                    }
                }
                case "tokenCount" -> {
                    if (t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken v = p.nextToken();
                            if (f.equals("inputTokens")) {
                                in = positive(p, v);
                            } else if (f.equals("outputTokens")) {
                                out = positive(p, v);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "contextWindowStatusAtCreation" -> {
                    if (t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken v = p.nextToken();
                            if (f.equals("tokensUsed")) {
                                used = positive(p, v);
                            } else if (f.equals("tokenLimit")) {
                                limit = positive(p, v);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "modelInfo" -> model = orElse(stringField(p, t, "modelName"), model);
                case "modelType" -> model = t == JsonToken.VALUE_STRING ? orElse(model, p.getText()) : model;
                case "toolFormerData" -> toolError = "error".equals(stringField(p, t, "status")) || toolError;
                case "context" -> fileSelections(p, t, files);
                default -> p.skipChildren();
            }
        }
        // {0,0} means "not recorded": both halves are then unknown, a lone zero beside a real count is a real 0
        if (in != null || out != null) {
            in = in == null ? 0L : in;
            out = out == null ? 0L : out;
        }
        return new Bubble(user, optional(created), text, optional(in), optional(out), optional(used),
                optional(limit), Optional.ofNullable(model).filter(m -> !m.isBlank()), toolError, files);
    }

    private static void headers(JsonParser p, JsonToken t, List<Composer.Header> out) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = null;
            int type = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                if (f.equals("bubbleId") && v == JsonToken.VALUE_STRING) {
                    id = p.getText();
                } else if (f.equals("type") && v == JsonToken.VALUE_NUMBER_INT) {
                    type = p.getIntValue();
                } else {
                    p.skipChildren();
                }
            }
            if (id != null) {
                out.add(new Composer.Header(id, type));
            }
        }
    }

    /** {@code context.fileSelections[].uri.fsPath}. */
    private static void fileSelections(JsonParser p, JsonToken t, List<String> out) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (f.equals("fileSelections") && v == JsonToken.START_ARRAY) {
                selections(p, out);
            } else {
                p.skipChildren();
            }
        }
    }

    /** The elements of a {@code fileSelections} array (the parser is at its start): each {@code uri.fsPath}. */
    private static void selections(JsonParser p, List<String> out) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String path = uriPath(p, t);
            if (path != null && !path.isBlank()) {
                addOnce(out, path);
            }
        }
    }

    /** {@code uri.fsPath} of the object at {@code t} (a workspace identifier or a file selection). */
    private static String uriPath(JsonParser p, JsonToken t) throws IOException {
        return field(p, t, "uri", (q, v) -> stringField(q, v, "fsPath"));
    }

    /** The string field {@code name} of the object at {@code t}; the rest of the object is skipped. */
    private static String stringField(JsonParser p, JsonToken t, String name) throws IOException {
        return field(p, t, name, CursorJson::string);
    }

    /** Reads one JSON value whose first token is {@code t}, leaving the parser at its last token. */
    @FunctionalInterface
    private interface ValueReader<T> {
        T read(JsonParser p, JsonToken t) throws IOException;
    }

    /**
     * The field {@code name} of the object at {@code t}, read by {@code value}; every other field is skipped, as is
     * a value that is not an object (then {@code null}).
     */
    private static <T> T field(JsonParser p, JsonToken t, String name, ValueReader<T> value) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        T out = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (f.equals(name)) {
                out = value.read(p, v);
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    /** A string value, else {@code null} (and the value is skipped). */
    private static String string(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static boolean nonEmptyArray(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return false;
        }
        boolean any = false;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            any = true;
            p.skipChildren();
        }
        return any;
    }

    /** A positive number; 0, negatives, null and non-numbers are "unknown". */
    private static Long positive(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            long v = p.getValueAsLong();
            return v > 0 ? v : null;
        }
        p.skipChildren();
        return null;
    }

    /** Epoch ms as a number, or an ISO-8601 string (bubbles of newer builds). */
    private static Long time(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            long v = p.getValueAsLong();
            return v > 0 ? v : null;
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().strip();
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    long v = Long.parseLong(s);
                    return v > 0 ? v : null;
                } catch (NumberFormatException n) {
                    return null;
                }
            }
        }
        p.skipChildren();
        return null;
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Math.max(a, b);
    }

    private static String orElse(String a, String b) {
        return a != null ? a : b;
    }

    private static OptionalLong optional(Long v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static void addOnce(List<String> out, String s) {
        if (!out.contains(s)) {
            out.add(s);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, "expected " + expected + ", found " + actual);
        }
    }
}
