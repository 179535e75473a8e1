package dev.llmsession.cli.context;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.error.InvalidInputException;
import dev.llmsession.model.Compaction;
import dev.llmsession.model.ContextError;
import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.FileActivity;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.TodoItem;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The file form of a context pack (docs/context-format.md): JSON, optionally gzip, with a SHA-256 over its
 * {@link Canonical canonical} content. Reading is defensive: at most {@value #MAX_BYTES} bytes (counted after
 * gunzip too, while reading), nesting at most {@value #MAX_DEPTH} levels, no duplicate keys, one JSON value, then
 * format, version, the shipped {@link PackSchema schema} and the checksum are checked in that order. Every
 * failure is one {@link InvalidInputException} line. Thread-safe.
 */
public final class PackCodec {
    /** Largest pack accepted, in bytes, before and after gunzip. */
    public static final long MAX_BYTES = 50L * 1024 * 1024;
    /** Longest string accepted, in characters (a pack's texts are trimmed to a few thousand). */
    public static final int MAX_STRING_CHARS = 4_000_000;
    /** Deepest nesting accepted (a valid pack needs 4). */
    public static final int MAX_DEPTH = 32;
    /**
     * Most JSON tokens accepted. The byte limits alone let 50 MiB of tiny values ({@code [0,0,…]}, or a small gzip
     * that inflates to it) grow into tens of millions of tree nodes and exhaust the heap; a real pack of 1,000
     * messages, thousands of files and their todos and errors stays far below this, and parsing stops at it.
     */
    public static final long MAX_TOKENS = 1_000_000;

    private static final ObjectMapper WRITER = new ObjectMapper(new JsonFactory()
            .setCharacterEscapes(dev.llmsession.cli.render.Printable.jsonEscapes()))
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(MAX_BYTES)
                    .maxTokenCount(MAX_TOKENS)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNumberLength(40)
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private PackCodec() {
    }

    /** A pack read from a file: the records, the checked checksum and the canonical JSON text. */
    public record Decoded(ContextPack pack, String sha256, String canonicalJson) {
    }

    /** The JSON tree of {@code pack}, with its checksum field. */
    public static ObjectNode tree(ContextPack pack) {
        ObjectNode o = WRITER.createObjectNode();
        o.put("format", ContextPack.FORMAT);
        o.put("version", pack.version());
        o.put("exportedAt", pack.exportedAt().toString());
        ContextPack.Source s = pack.source();
        ObjectNode source = o.putObject("source");
        source.put("assistant", s.assistant());
        source.put("id", s.id());
        source.put("cwd", s.cwd().orElse(null));
        source.put("gitBranch", s.gitBranch().orElse(null));
        source.put("model", s.model().orElse(null));
        source.put("title", s.title().orElse(null));
        source.put("startedAt", s.startedAt().toString());
        source.put("lastActivityAt", s.lastActivityAt().toString());
        ContextPack.Figures f = pack.figures();
        ObjectNode figures = o.putObject("figures");
        putInt(figures, "healthScore", f.healthScore());
        figures.put("healthLevel", f.healthLevel());
        putLong(figures, "contextTokens", f.contextTokens());
        figures.put("contextWindow", f.contextWindow());
        putLong(figures, "totalTokens", f.totalTokens());
        putLong(figures, "apiCalls", f.apiCalls());
        figures.put("tokenSource", f.tokenSource());
        figures.put("costUsd", f.costUsd().orElse(null));
        ObjectNode redaction = o.putObject("redaction");
        redaction.put("applied", pack.redaction().applied());
        redaction.put("count", pack.redaction().count());
        SessionContext c = pack.context();
        messages(o.putArray("goals"), c.goals());
        messages(o.putArray("messages"), c.messages());
        if (c.compaction().isPresent()) {
            Compaction k = c.compaction().get();
            ObjectNode compaction = o.putObject("compaction");
            compaction.put("at", k.at().map(Instant::toString).orElse(null));
            compaction.put("summary", k.summary());
            compaction.put("trimmed", k.trimmed());
        } else {
            o.putNull("compaction");
        }
        ArrayNode files = o.putArray("files");
        for (FileActivity a : c.files()) {
            files.addObject().put("path", a.path()).put("reads", a.reads()).put("edits", a.edits())
                    .put("writes", a.writes());
        }
        ArrayNode todos = o.putArray("todos");
        for (TodoItem t : c.todos()) {
            todos.addObject().put("content", t.content()).put("status", t.status())
                    .put("activeForm", t.activeForm().orElse(null));
        }
        ArrayNode errors = o.putArray("errors");
        for (ContextError e : c.errors()) {
            errors.addObject().put("at", e.at().map(Instant::toString).orElse(null)).put("kind", e.kind())
                    .put("text", e.text());
        }
        o.put(Canonical.CHECKSUM_FIELD, Canonical.sha256(o));
        return o;
    }

    /** The pack as pretty-printed UTF-8 JSON with a final newline, gzip-compressed when asked. */
    public static byte[] encode(ContextPack pack, boolean gzip) {
        try {
            byte[] json = (WRITER.writeValueAsString(tree(pack)) + "\n").getBytes(StandardCharsets.UTF_8);
            if (!gzip) {
                return json;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length / 4 + 64);
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(json);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the pack", e);
        }
    }

    /** What to do when the file is not JSON at all: usually a transcript or another file given by mistake. */
    private static final String NOT_JSON_HINT = "; give a pack written by llm-session export (.json or .json.gz)";

    /** Reads and checks the pack in {@code file}. */
    public static Decoded read(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // A FIFO would block the open, a device never end: only regular files are read.
            throw new InvalidInputException("cannot read " + file + ": not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads and checks a pack from {@code raw} (plain or gzip, told apart by the magic bytes). */
    public static Decoded read(InputStream raw, String name) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(new Limited(raw, MAX_BYTES, name, ""), 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        if (b1 < 0) {
            throw new InvalidInputException(name + " is not a context pack: the file is empty");
        }
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        JsonNode root;
        try {
            InputStream json = gzip ? new Limited(new GZIPInputStream(buffered, 1 << 16), MAX_BYTES, name,
                    " after gunzip") : buffered;
            root = READER.readTree(json);
        } catch (StreamConstraintsException e) {
            String why = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Token count")
                    ? String.format(java.util.Locale.ROOT, "it holds more than %,d JSON values", MAX_TOKENS)
                    : firstLine(e.getOriginalMessage());
            throw new InvalidInputException(name + " is not a usable context pack: " + why);
        } catch (JsonParseException e) {
            throw new InvalidInputException(name + " is not JSON (" + firstLine(e.getOriginalMessage()) + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")" + NOT_JSON_HINT);
        } catch (ZipException | EOFException e) {
            throw new InvalidInputException(name + " is not a readable gzip file (truncated or corrupt: "
                    + firstLine(e.getMessage()) + ")");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidInputException(name + " is not JSON (" + firstLine(e.getOriginalMessage()) + ")"
                    + NOT_JSON_HINT);
        }
        return check(root, name);
    }

    /** Format, version, schema, checksum, in that order; then the records. */
    static Decoded check(JsonNode root, String name) {
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new InvalidInputException(name + " is not a context pack: expected a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !ContextPack.FORMAT.equals(format.asText(null))) {
            throw new InvalidInputException(name + " is not a context pack: format is "
                    + (format == null ? "missing" : format.toString()) + ", expected \"" + ContextPack.FORMAT + "\"");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber()) {
            throw new InvalidInputException(name + " is not a valid context pack: version is "
                    + (version == null ? "missing" : version.toString()));
        }
        if (version.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(ContextPack.VERSION)) > 0) {
            throw new InvalidInputException(name + " is a context pack of format version " + version
                    + ", newer than this llm-session understands (version " + ContextPack.VERSION
                    + "); upgrade llm-session to import it");
        }
        Optional<String> violation = PackSchema.v1().firstViolation(root);
        if (violation.isPresent()) {
            throw new InvalidInputException(name + " is not a valid context pack: " + violation.get());
        }
        String stated = root.get(Canonical.CHECKSUM_FIELD).textValue();
        String computed = Canonical.sha256(root);
        if (!stated.equals(computed)) {
            throw new InvalidInputException(name + " failed its checksum: the content was changed after export"
                    + " (sha256 says " + stated.substring(0, 12) + "…, content is " + computed.substring(0, 12) + "…)");
        }
        return new Decoded(decode(root), computed, new String(Canonical.bytes(root), StandardCharsets.UTF_8));
    }

    /** The records of a checked pack tree. */
    static ContextPack decode(JsonNode o) {
        JsonNode s = o.get("source");
        ContextPack.Source source = new ContextPack.Source(s.get("assistant").textValue(), s.get("id").textValue(),
                text(s, "cwd"), text(s, "gitBranch"), text(s, "model"), text(s, "title"),
                Instant.parse(s.get("startedAt").textValue()), Instant.parse(s.get("lastActivityAt").textValue()));
        JsonNode f = o.get("figures");
        ContextPack.Figures figures = new ContextPack.Figures(
                f.get("healthScore").isNull() ? OptionalInt.empty() : OptionalInt.of(f.get("healthScore").intValue()),
                f.get("healthLevel").textValue(), optLong(f, "contextTokens"), f.get("contextWindow").longValue(),
                optLong(f, "totalTokens"), optLong(f, "apiCalls"), f.get("tokenSource").textValue(),
                text(f, "costUsd"));
        JsonNode r = o.get("redaction");
        ContextPack.Redaction redaction = new ContextPack.Redaction(r.get("applied").booleanValue(),
                r.get("count").intValue());
        JsonNode k = o.get("compaction");
        Optional<Compaction> compaction = k.isNull() ? Optional.empty()
                : Optional.of(new Compaction(instant(k, "at"), k.get("summary").textValue(),
                        k.get("trimmed").booleanValue()));
        SessionContext context = new SessionContext(list(o.get("goals"), PackCodec::message),
                list(o.get("messages"), PackCodec::message), compaction,
                list(o.get("files"), n -> new FileActivity(n.get("path").textValue(), n.get("reads").intValue(),
                        n.get("edits").intValue(), n.get("writes").intValue())),
                list(o.get("todos"), n -> new TodoItem(n.get("content").textValue(), n.get("status").textValue(),
                        text(n, "activeForm"))),
                list(o.get("errors"), n -> new ContextError(instant(n, "at"), n.get("kind").textValue(),
                        n.get("text").textValue())));
        int version = o.get("version").intValue();
        return new ContextPack(version, Instant.parse(o.get("exportedAt").textValue()), source, figures, context,
                redaction);
    }

    private static void messages(ArrayNode array, List<ContextMessage> messages) {
        for (ContextMessage m : messages) {
            array.addObject().put("role", m.role()).put("at", m.at().map(Instant::toString).orElse(null))
                    .put("text", m.text()).put("trimmed", m.trimmed());
        }
    }

    private static ContextMessage message(JsonNode n) {
        return new ContextMessage(n.get("role").textValue(), instant(n, "at"), n.get("text").textValue(),
                n.get("trimmed").booleanValue());
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
        List<T> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(item.apply(n)));
        return out;
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.textValue());
    }

    private static Optional<Instant> instant(JsonNode n, String field) {
        return text(n, field).map(Instant::parse);
    }

    private static OptionalLong optLong(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? OptionalLong.empty() : OptionalLong.of(v.longValue());
    }

    private static void putInt(ObjectNode n, String name, OptionalInt v) {
        if (v.isPresent()) {
            n.put(name, v.getAsInt());
        } else {
            n.putNull(name);
        }
    }

    private static void putLong(ObjectNode n, String name, OptionalLong v) {
        if (v.isPresent()) {
            n.put(name, v.getAsLong());
        } else {
            n.putNull(name);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return (nl >= 0 ? message.substring(0, nl) : message).strip();
    }

    /** Counts bytes as they pass and fails the read once more than the limit went through. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private final String name;
        private final String where;
        private long count;

        Limited(InputStream in, long limit, String name, String where) {
            super(in);
            this.limit = limit;
            this.name = name;
            this.where = where;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw new InvalidInputException(name + " is larger than the " + (limit >> 20) + " MiB a context pack"
                        + " may have" + where + "; it was not read further");
            }
        }
    }
}
