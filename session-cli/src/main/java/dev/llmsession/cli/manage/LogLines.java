package dev.llmsession.cli.manage;

import dev.llmsession.cli.render.Printable;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.ConversationEvent.Kind;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns conversation events into the lines {@code logs} prints: one per prompt, reply, error and compaction, and one
 * per tool call with its target and the status of its result. A call is held until its result arrives (a few lines
 * later in every assistant's transcript), so call and status share a line; calls still open when something else
 * happens, or when the reader reaches the end, are written with what is known then. Every text passes through
 * {@link Printable}. Not thread-safe.
 */
public final class LogLines {
    /** Open calls held at most; beyond this the oldest is written as it is (a bound for hostile transcripts). */
    static final int MAX_OPEN_CALLS = 64;
    /** Characters of a failed result's text shown after its status. */
    static final int ERROR_CHARS = 120;
    /** Characters of a call's target on the human line (JSON keeps what the adapter read). */
    static final int TARGET_CHARS = 160;

    /** One rendered event: the fields of the JSON form; {@link #text()} gives the human line. */
    public record Entry(Optional<Instant> at, String kind, String text, Optional<String> tool, Optional<String> target,
            Optional<String> status) {
    }

    private final Consumer<Entry> sink;
    private final Map<String, ConversationEvent> open = new LinkedHashMap<>();

    /** @param sink where finished entries go, in order */
    public LogLines(Consumer<Entry> sink) {
        this.sink = sink;
    }

    /** Takes one event in. */
    public void accept(ConversationEvent e) {
        switch (e.kind()) {
            case TOOL_CALL -> {
                if (e.toolId().isEmpty()) {
                    sink.accept(call(e, "sent"));
                    return;
                }
                if (open.size() >= MAX_OPEN_CALLS) {
                    Iterator<ConversationEvent> oldest = open.values().iterator();
                    sink.accept(call(oldest.next(), "no result"));
                    oldest.remove();
                }
                open.put(e.toolId().get(), e);
            }
            case TOOL_RESULT -> {
                ConversationEvent c = e.toolId().map(open::remove).orElse(null);
                String status = e.failed() ? "error" + (e.text().isBlank() ? "" : ": " + cut(e.text(), ERROR_CHARS)) : "ok";
                if (c != null) {
                    sink.accept(call(c, status));
                } else {
                    // the call was written earlier (still running then) or is not in this file
                    sink.accept(new Entry(e.at(), "tool", "result " + status, Optional.empty(), Optional.empty(),
                            Optional.of(Printable.inline(status))));
                }
            }
            default -> {
                flush("no result");
                sink.accept(new Entry(e.at(), label(e.kind()), Printable.collapsed(e.text()), Optional.empty(),
                        Optional.empty(), Optional.empty()));
            }
        }
    }

    /** Writes the calls still open with {@code status} ({@code running} while following, {@code no result} at the end). */
    public void flush(String status) {
        List<ConversationEvent> calls = new ArrayList<>(open.values());
        open.clear();
        calls.forEach(c -> sink.accept(call(c, status)));
    }

    private static Entry call(ConversationEvent c, String status) {
        String tool = Printable.inline(c.tool().orElse("tool"));
        Optional<String> target = c.target().map(Printable::collapsed).filter(t -> !t.isEmpty());
        String s = Printable.inline(status);
        return new Entry(c.at(), "tool", tool + target.map(t -> " " + cut(t, TARGET_CHARS)).orElse("") + " -> " + s,
                Optional.of(tool), target, Optional.of(s));
    }

    private static String label(Kind kind) {
        return switch (kind) {
            case PROMPT -> "user";
            case REPLY -> "assistant";
            case ERROR -> "error";
            case COMPACTION -> "compact";
            case TOOL_CALL, TOOL_RESULT -> "tool";
        };
    }

    private static String cut(String text, int max) {
        String t = Printable.collapsed(text);
        return t.length() <= max ? t : t.substring(0, max) + "...";
    }

    /** The human line: local time, the kind in a fixed column, the text. */
    public static String human(Entry e, ZoneId zone) {
        String time = e.at().map(at -> TIME.withZone(zone).format(at)).orElse("                   ");
        return time + "  " + String.format(Locale.ROOT, "%-9s", e.kind()) + "  " + e.text();
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** The JSON form on one line (NDJSON with {@code --json}). */
    public static String jsonLine(Entry e) {
        try {
            return COMPACT.writeValueAsString(json(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("cannot write JSON", ex);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper COMPACT =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The JSON form (one object per line with {@code --json}). */
    public static ObjectNode json(Entry e) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("at", e.at().map(Instant::toString).orElse(null));
        n.put("kind", e.kind());
        e.tool().ifPresent(t -> n.put("tool", t));
        e.target().ifPresent(t -> n.put("target", t));
        e.status().ifPresent(s -> n.put("status", s));
        if (e.tool().isEmpty()) {
            n.put("text", e.text());
        }
        return n;
    }
}
