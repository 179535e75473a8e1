package dev.llmsession.discovery.claudecode.transcript;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation content of one transcript line, for a context export: the texts, tool calls (with the file
 * they touch or the todo list they write) and tool errors. Parsed from a streaming parser with every text read
 * through a bounded {@link LineParser.TextReader}, so a line of any size costs bounded memory. Field order is not
 * assumed. Mutable while parsed, then only read.
 */
final class ContextLine {
    /** Todo items kept of one TodoWrite call. */
    static final int MAX_TASKS = 200;
    /** Characters kept of a todo's text, a file path or an error. */
    static final int SHORT_TEXT = 1_000;
    /** Texts kept of one line (a real line holds one block; this bounds a hostile one). */
    static final int MAX_TEXTS = 16;

    String type;
    Instant timestamp;
    boolean sidechain;
    boolean meta;
    boolean compactSummary;
    boolean apiError;
    String messageId;
    /** Texts of the message (string content or text blocks), each at most the reader's limit. */
    final List<String> texts = new ArrayList<>();
    final List<ToolUse> toolUses = new ArrayList<>();
    /** Texts of tool results that are errors. */
    final List<String> toolErrors = new ArrayList<>();

    /** One tool call: its name, the file it names and the todos it writes. */
    static final class ToolUse {
        String name;
        String path;
        List<Todo> todos;
    }

    /** One todo item as written. */
    record Todo(String content, String status, String activeForm) {
    }

    /**
     * Parses one line; the parser must be positioned before the first token.
     *
     * @param maxText characters kept of one text
     */
    static ContextLine parse(JsonParser p, LineParser.TextReader text, int maxText) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new LineParser.NotAnObjectException("line is not a JSON object");
        }
        ContextLine line = new ContextLine();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> line.type = LineParser.string(p);
                case "timestamp" -> line.timestamp = LineParser.instant(LineParser.string(p));
                case "isSidechain" -> line.sidechain = value == JsonToken.VALUE_TRUE;
                case "isMeta" -> line.meta = value == JsonToken.VALUE_TRUE;
                case "isCompactSummary" -> line.compactSummary = value == JsonToken.VALUE_TRUE;
                case "isApiErrorMessage" -> line.apiError = value == JsonToken.VALUE_TRUE;
                case "message" -> {
                    if (value == JsonToken.START_OBJECT) {
                        line.message(p, text, maxText);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw new LineParser.NotAnObjectException("trailing content after the JSON object");
        }
        return line;
    }

    private void message(JsonParser p, LineParser.TextReader text, int maxText) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("id".equals(name)) {
                messageId = LineParser.string(p);
            } else if ("content".equals(name) && value == JsonToken.VALUE_STRING) {
                add(texts, text.read(p, maxText));
            } else if ("content".equals(name) && value == JsonToken.START_ARRAY) {
                blocks(p, text, maxText);
            } else {
                p.skipChildren();
            }
        }
    }

    private void blocks(JsonParser p, LineParser.TextReader text, int maxText) throws IOException {
        while (LineParser.nextObject(p)) {
            String type = null;
            String blockText = null;
            boolean error = false;
            ToolUse use = new ToolUse();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> type = LineParser.string(p);
                    case "name" -> use.name = LineParser.string(p);
                    case "is_error" -> error = value == JsonToken.VALUE_TRUE;
                    case "text" -> blockText = value == JsonToken.VALUE_STRING ? text.read(p, maxText) : skip(p);
                    case "content" -> blockText = resultText(p, text);
                    case "input" -> input(p, text, use);
                    default -> p.skipChildren();
                }
            }
            if ("text".equals(type)) {
                add(texts, blockText);
            } else if ("tool_use".equals(type) && use.name != null) {
                toolUses.add(use);
            } else if ("tool_result".equals(type) && error) {
                add(toolErrors, blockText);
            }
        }
    }

    /** A tool result's content: a string, or the first text block of a list. */
    private static String resultText(JsonParser p, LineParser.TextReader text) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return text.read(p, SHORT_TEXT);
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        String found = null;
        while (LineParser.nextObject(p)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("text".equals(name) && value == JsonToken.VALUE_STRING && found == null) {
                    found = text.read(p, SHORT_TEXT);
                } else {
                    p.skipChildren();
                }
            }
        }
        return found;
    }

    /** A tool call's input: the path it names and the todo list it writes; everything else is skipped. */
    private static void input(JsonParser p, LineParser.TextReader text, ToolUse use) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (("file_path".equals(name) || "notebook_path".equals(name)) && value == JsonToken.VALUE_STRING) {
                use.path = text.read(p, SHORT_TEXT);
            } else if ("todos".equals(name) && value == JsonToken.START_ARRAY) {
                use.todos = todos(p, text);
            } else {
                p.skipChildren();
            }
        }
    }

    private static List<Todo> todos(JsonParser p, LineParser.TextReader text) throws IOException {
        List<Todo> todos = new ArrayList<>();
        while (LineParser.nextObject(p)) {
            String content = null;
            String status = null;
            String active = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value != JsonToken.VALUE_STRING) {
                    p.skipChildren();
                    continue;
                }
                switch (name) {
                    case "content" -> content = text.read(p, SHORT_TEXT);
                    case "status" -> status = text.read(p, 40);
                    case "activeForm" -> active = text.read(p, SHORT_TEXT);
                    default -> p.skipChildren();
                }
            }
            if (content != null && todos.size() < MAX_TASKS) {
                todos.add(new Todo(content, status == null ? "pending" : status, active));
            }
        }
        return todos;
    }

    private static void add(List<String> to, String text) {
        if (text != null && !text.isBlank() && to.size() < MAX_TEXTS) {
            to.add(text);
        }
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }
}
