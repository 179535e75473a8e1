package dev.llmsession.discovery.opencode;

import static dev.llmsession.adapterkit.Json.count;
import static dev.llmsession.adapterkit.Json.nextField;
import static dev.llmsession.adapterkit.Json.text;

import com.fasterxml.jackson.core.JsonParser;
import dev.llmsession.adapterkit.FileStat;
import dev.llmsession.adapterkit.Json;
import dev.llmsession.adapterkit.JsonlEvents;
import dev.llmsession.adapterkit.ReadOnlySqlite;
import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.ConversationEvent.Kind;
import dev.llmsession.spi.EventStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An OpenCode session's conversation as events: its {@code text} parts — a user message's part is a prompt, an
 * assistant message's a reply — in part-id order (OpenCode's ids grow with time), from {@code opencode.db}'s
 * {@code part} table or, for a session only in the pre-1.2 files, from {@code storage/part/<message>/*.json}. A
 * reply still streaming (no {@code time.end}) waits, and everything after it, until it is finished. A poll reads
 * the database only when it (with its WAL) changed, at most {@code maxEvents} parts past the last one shown. Tool parts were not in the captured files and are not shown. Read-only. Not thread-safe.
 */
final class OpenCodeEvents implements EventStream {
    /** A part larger than this (none seen) is skipped. */
    static final int MAX_PART = OpenCodeDb.MAX_MESSAGE;

    /** One part as stored, with its message's role. */
    private record Part(String id, String role, byte[] data) {
    }

    private final Path db;
    private final Path legacySession;
    private final String sessionId;
    private final Map<String, String> roles = new HashMap<>();
    private String lastId = "";
    private FileStat seen;

    private OpenCodeEvents(Path db, Path legacySession, String sessionId) {
        this.db = db;
        this.legacySession = legacySession;
        this.sessionId = sessionId;
    }

    /** The session's events from the database. */
    static Optional<EventStream> fromDatabase(Path db, String sessionId) {
        return FileStat.of(db).isPresent() ? Optional.of(new OpenCodeEvents(db, null, sessionId)) : Optional.empty();
    }

    /** The session's events from the legacy files; {@code sessionFile} is its {@code storage/session/…/<id>.json}. */
    static Optional<EventStream> fromLegacy(Path sessionFile) {
        return FileStat.of(sessionFile).isPresent()
                ? Optional.of(new OpenCodeEvents(null, sessionFile, LegacyStorage.sessionId(sessionFile)))
                : Optional.empty();
    }

    @Override
    public List<ConversationEvent> poll(int maxEvents) {
        List<ConversationEvent> out = new ArrayList<>();
        try {
            // the database is read only when it changed; legacy files are listed every time (parts are files apart)
            FileStat now = db == null ? null : ReadOnlySqlite.stat(db).orElse(null);
            if (db != null && (now == null || now.equals(seen))) {
                return out;
            }
            boolean waiting = false;
            for (Part p : db != null ? fromDb(maxEvents) : fromFiles(maxEvents)) {
                if (!event(p, out)) {
                    waiting = true;
                    break;
                }
                lastId = p.id;
            }
            // read again next time while there may be more: a full batch, or a reply still streaming
            seen = waiting || out.size() >= maxEvents ? null : now;
        } catch (SQLException | IOException | UncheckedIOException e) {
            // a locked, damaged or vanished store ends this poll where it is
        }
        return out;
    }

    private List<Part> fromDb(int max) throws SQLException {
        List<Part> out = new ArrayList<>();
        try (ReadOnlySqlite.Handle h = ReadOnlySqlite.open(db);
                PreparedStatement ps = h.connection().prepareStatement("SELECT p.id, json_extract(m.data, '$.role'), "
                        + "CASE WHEN length(p.data) <= ? THEN p.data END FROM part p JOIN message m ON m.id = "
                        + "p.message_id WHERE p.session_id = ? AND p.id > ? ORDER BY p.id LIMIT ?")) {
            ps.setInt(1, MAX_PART);
            ps.setString(2, sessionId);
            ps.setString(3, lastId);
            ps.setInt(4, Math.max(1, max));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String data = rs.getString(3);
                    out.add(new Part(rs.getString(1), rs.getString(2),
                            data == null ? null : data.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }

    private List<Part> fromFiles(int max) throws IOException {
        Path storage = legacySession.getParent().getParent().getParent();
        List<Path> parts = new ArrayList<>();
        for (Path message : LegacyStorage.messageFiles(storage, sessionId)) {
            String messageId = name(message);
            Path dir = storage.resolve("part").resolve(messageId);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".json") && name(f).compareTo(lastId) > 0)
                        .forEach(parts::add);
            }
        }
        parts.sort(Comparator.comparing(OpenCodeEvents::name));
        List<Part> out = new ArrayList<>();
        for (Path f : parts.subList(0, Math.min(parts.size(), Math.max(1, max)))) {
            String messageId = f.getParent().getFileName().toString();
            String role = roles.computeIfAbsent(messageId, id -> role(storage.resolve("message").resolve(sessionId)
                    .resolve(id + ".json")));
            out.add(new Part(name(f), role, LegacyStorage.bounded(f)));
        }
        return out;
    }

    private static String role(Path messageFile) {
        try {
            byte[] bytes = LegacyStorage.bounded(messageFile);
            OcMessage m = bytes == null ? null : OcMessage.parse(null, null, "", bytes, bytes.length);
            return m == null ? null : m.role();
        } catch (IOException e) {
            return null;
        }
    }

    /** Adds the part's event, if it is one; false when it is a reply still being written (wait for it). */
    private static boolean event(Part p, List<ConversationEvent> out) {
        if (p.data == null) {
            return true;
        }
        String type = null;
        String text = null;
        long start = -1;
        long end = -1;
        boolean timed = false;
        try (JsonParser parser = Json.parser(p.data, p.data.length)) {
            if (!Json.enterObject(parser)) {
                return true;
            }
            for (String f = nextField(parser); f != null; f = nextField(parser)) {
                switch (f) {
                    case "type" -> type = text(parser);
                    case "text" -> text = JsonlEvents.cut(text(parser), ConversationEvent.MAX_TEXT);
                    case "time" -> {
                        timed = Json.isObject(parser);
                        if (timed) {
                            for (String t = nextField(parser); t != null; t = nextField(parser)) {
                                switch (t) {
                                    case "start" -> start = count(parser);
                                    case "end" -> end = count(parser);
                                    default -> parser.skipChildren();
                                }
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return true;
        }
        if (!"text".equals(type) || text == null || text.isBlank()) {
            return true;
        }
        if (timed && end <= 0) {
            return false;
        }
        Instant at = end > 0 ? Instant.ofEpochMilli(end) : start > 0 ? Instant.ofEpochMilli(start) : null;
        if ("user".equals(p.role)) {
            out.add(ConversationEvent.text(at, Kind.PROMPT, text.strip()));
        } else if ("assistant".equals(p.role)) {
            out.add(ConversationEvent.text(at, Kind.REPLY, text.strip()));
        }
        return true;
    }

    private static String name(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    @Override
    public void close() {
        // nothing held open between polls
    }
}
