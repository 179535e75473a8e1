package dev.llmsession.discovery.claudecode.transcript;

import dev.llmsession.adapterkit.LineScanner;
import dev.llmsession.spi.RegularFiles;
import dev.llmsession.adapterkit.Json;
import com.fasterxml.jackson.core.JsonParser;
import dev.llmsession.model.Compaction;
import dev.llmsession.model.ContextError;
import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.FileActivity;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.TodoItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the conversation content of a main transcript for a context export, in one streaming pass of bounded
 * memory: lines up to {@link TranscriptReader#DEFAULT_MAX_BUFFERED_LINE} bytes are parsed from a reused buffer,
 * longer ones straight from the file; every text is read only up to its limit; the last messages and errors
 * are kept in ring buffers. Sub-agent (sidechain) lines are left out: the context is the main conversation.
 * Read-only. Thread-safe (stateless apart from the kit's shared factory).
 */
public final class ContextReader {
    private static final Logger LOG = LoggerFactory.getLogger(ContextReader.class);
    /** Distinct files tracked; more are not counted (a bound for hostile transcripts). */
    static final int MAX_TRACKED_FILES = 10_000;
    /** Files listed in a context, most used first. */
    static final int MAX_FILES = 200;
    /** User texts that are not typed prompts: commands, notifications, injected reminders. */
    private static final List<String> NOT_PROMPTS = List.of("<command-name>", "<command-message>",
            "<local-command-", "<task-notification>", "<system-reminder>", "Caveat:", "<bash-input>",
            "<bash-stdout>", "<user-prompt-submit-hook>");
    private static final String INTERRUPT = "[Request interrupted";

    private final int maxBufferedLine;

    public ContextReader() {
        this(TranscriptReader.DEFAULT_MAX_BUFFERED_LINE);
    }

    /** @param maxBufferedLine longest line (bytes) parsed from memory; longer ones stream from the file */
    public ContextReader(int maxBufferedLine) {
        if (maxBufferedLine < 64) {
            throw new IllegalArgumentException("maxBufferedLine too small: " + maxBufferedLine);
        }
        this.maxBufferedLine = maxBufferedLine;
    }

    /** The context of the main transcript {@code path}; empty when it cannot be opened. */
    public Optional<SessionContext> read(Path path, ContextRequest request) {
        Fold fold = new Fold(request);
        try (FileChannel channel = RegularFiles.open(path)) {
            readLines(channel, fold);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {} for its context: {}", path, e.toString());
            if (!fold.anyLine) {
                return Optional.empty();
            }
        }
        return Optional.of(fold.result());
    }

    private void readLines(FileChannel channel, Fold fold) throws IOException {
        // to the end as it is while reading; an unterminated last line is still being written: it is left out
        new LineScanner(maxBufferedLine, channel.size()).scan(channel, 0, Long.MAX_VALUE, new LineScanner.Sink() {
            @Override
            public void line(byte[] buffer, int from, int to) {
                parseBuffered(buffer, from, to, fold);
            }

            @Override
            public void longLine(long start, long end) {
                parseRegion(channel, start, end, fold);
            }
        });
    }

    private void parseBuffered(byte[] line, int from, int to, Fold fold) {
        if (to == from) {
            return;
        }
        int max = fold.maxRead;
        // token byte offsets count from the parser's first byte, {@code from}
        try (JsonParser p = Json.FACTORY.createParser(line, from, to - from)) {
            fold.accept(ContextLine.parse(p, (jp, limit) -> {
                long at = jp.currentTokenLocation().getByteOffset();
                return at >= 0 ? JsonStringPeek.decode(line, from + (int) at, to, limit) : null;
            }, max));
            return;
        } catch (LineParser.NotAnObjectException e) {
            return;
        } catch (IOException | RuntimeException e) {
            LOG.trace("byte parse failed, retrying with replacement decoding: {}", e.toString());
        }
        try (Reader reader = replacing(new ByteArrayInputStream(line, from, to - from));
                JsonParser p = Json.FACTORY.createParser(reader)) {
            fold.accept(ContextLine.parse(p, ContextReader::bounded, max));
        } catch (IOException | RuntimeException e) {
            LOG.trace("line skipped: {}", e.toString());
        }
    }

    private void parseRegion(FileChannel channel, long start, long end, Fold fold) {
        try (InputStream in = new RegionInputStream(channel, start, end); JsonParser p = Json.FACTORY.createParser(in)) {
            fold.accept(ContextLine.parse(p, (jp, limit) -> {
                long at = jp.currentTokenLocation().getByteOffset();
                return at >= 0 ? TranscriptReader.peekRegion(channel, start + at, end, limit) : null;
            }, fold.maxRead));
        } catch (IOException | RuntimeException e) {
            LOG.trace("long line skipped: {}", e.toString());
        }
    }

    private static String bounded(JsonParser parser, int maxChars) throws IOException {
        // only for buffered lines, whose strings are bounded by the line buffer
        String text = parser.getText();
        return text == null || text.length() <= maxChars ? text : text.substring(0, maxChars);
    }

    private static Reader replacing(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** {@code text} cut to {@code max} characters, at a word boundary near the end, with the trim marker. */
    static ContextMessage trim(String role, Instant at, String text, int max) {
        String t = text.strip();
        if (t.length() <= max) {
            return new ContextMessage(role, Optional.ofNullable(at), t, false);
        }
        return new ContextMessage(role, Optional.ofNullable(at), cut(t, max) + ContextMessage.TRIM_MARKER, true);
    }

    /**
     * The first {@code max} characters, backed off to the last whitespace among the final 80, so a key or token
     * that straddles the cut is dropped whole rather than kept in part (a partial secret escapes redaction).
     */
    static String cut(String text, int max) {
        int end = Math.min(text.length(), max);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        for (int i = end - 1; i >= Math.max(0, end - 80); i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return text.substring(0, i).stripTrailing();
            }
        }
        return text.substring(0, Math.max(0, end - 80));
    }

    /** Folds lines into a context, keeping only what the request's limits allow. */
    private static final class Fold {
        final ContextRequest request;
        final int maxRead;
        final List<ContextMessage> goals = new ArrayList<>();
        final Deque<Entry> messages = new ArrayDeque<>();
        final Deque<ContextError> errors = new ArrayDeque<>();
        final Map<String, int[]> files = new LinkedHashMap<>();
        Compaction compaction;
        List<ContextLine.Todo> todos = List.of();
        boolean anyLine;

        Fold(ContextRequest request) {
            this.request = request;
            // one more character than kept, to know whether a text was cut
            this.maxRead = Math.max(request.maxTextChars(), request.maxSummaryChars()) + 1;
        }

        /** A message kept in the ring, with the API message id that joins per-block lines. */
        private record Entry(String messageId, ContextMessage message) {
        }

        void accept(ContextLine line) {
            anyLine = true;
            if (line.sidechain || line.type == null) {
                return;
            }
            if ("user".equals(line.type)) {
                user(line);
            } else if ("assistant".equals(line.type)) {
                assistant(line);
            }
        }

        private void user(ContextLine line) {
            line.toolErrors.forEach(e -> error(line.timestamp, "tool", e));
            String text = String.join("\n", line.texts).strip();
            if (text.isEmpty()) {
                return;
            }
            if (line.compactSummary) {
                String t = text.length() > request.maxSummaryChars() ? cut(text, request.maxSummaryChars())
                        + ContextMessage.TRIM_MARKER : text;
                compaction = new Compaction(Optional.ofNullable(line.timestamp), t,
                        text.length() > request.maxSummaryChars());
                return;
            }
            if (text.startsWith(INTERRUPT)) {
                error(line.timestamp, "interrupt", text);
                return;
            }
            if (line.meta || NOT_PROMPTS.stream().anyMatch(text::startsWith)) {
                return;
            }
            ContextMessage m = trim("user", line.timestamp, text, request.maxTextChars());
            if (goals.size() < request.goals()) {
                goals.add(m);
            }
            push(new Entry(null, m));
        }

        private void assistant(ContextLine line) {
            String text = String.join("\n", line.texts).strip();
            if (line.apiError) {
                error(line.timestamp, "api", text.isEmpty() ? "API error" : text);
                return;
            }
            for (ContextLine.ToolUse use : line.toolUses) {
                tool(use);
            }
            if (text.isEmpty()) {
                return;
            }
            Entry last = messages.peekLast();
            if (last != null && line.messageId != null && line.messageId.equals(last.messageId())) {
                // one API response is written as one line per block: join its texts
                messages.pollLast();
                String joined = last.message().text() + "\n\n" + text;
                push(new Entry(line.messageId, trim("assistant", last.message().at().orElse(line.timestamp),
                        joined, request.maxTextChars())));
                return;
            }
            push(new Entry(line.messageId, trim("assistant", line.timestamp, text, request.maxTextChars())));
        }

        private void tool(ContextLine.ToolUse use) {
            String name = use.name;
            if ("TodoWrite".equals(name) && use.todos != null) {
                todos = use.todos;
                return;
            }
            int slot = switch (name) {
                case "Read", "NotebookRead" -> 0;
                case "Edit", "MultiEdit", "NotebookEdit" -> 1;
                case "Write" -> 2;
                default -> -1;
            };
            if (slot < 0 || use.path == null || use.path.isBlank()) {
                return;
            }
            int[] counts = files.get(use.path);
            if (counts == null) {
                if (files.size() >= MAX_TRACKED_FILES) {
                    return;
                }
                counts = new int[3];
                files.put(use.path, counts);
            }
            counts[slot]++;
        }

        private void push(Entry e) {
            if (request.messages() == 0) {
                return;
            }
            messages.addLast(e);
            while (messages.size() > request.messages()) {
                messages.pollFirst();
            }
        }

        private void error(Instant at, String kind, String text) {
            if (request.errors() == 0) {
                return;
            }
            int max = Math.min(request.maxTextChars(), 500);
            String t = text.strip();
            errors.addLast(new ContextError(Optional.ofNullable(at), kind,
                    t.length() > max ? cut(t, max) + ContextMessage.TRIM_MARKER : t));
            while (errors.size() > request.errors()) {
                errors.pollFirst();
            }
        }

        SessionContext result() {
            List<ContextMessage> last = new ArrayList<>();
            messages.forEach(e -> last.add(e.message()));
            List<FileActivity> touched = new ArrayList<>();
            files.forEach((path, c) -> touched.add(new FileActivity(path, c[0], c[1], c[2])));
            touched.sort(Comparator.comparingInt(FileActivity::total).reversed()
                    .thenComparing(FileActivity::path));
            List<TodoItem> items = new ArrayList<>();
            for (ContextLine.Todo t : todos) {
                items.add(new TodoItem(t.content(), t.status().toLowerCase(Locale.ROOT),
                        Optional.ofNullable(t.activeForm())));
            }
            return new SessionContext(goals, last, Optional.ofNullable(compaction),
                    touched.subList(0, Math.min(MAX_FILES, touched.size())), items, List.copyOf(errors));
        }
    }
}
