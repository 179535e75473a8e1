package dev.llmsession.discovery.opencode;

import static dev.llmsession.adapterkit.Json.count;
import static dev.llmsession.adapterkit.Json.nextField;
import static dev.llmsession.adapterkit.Json.text;

import com.fasterxml.jackson.core.JsonParser;
import dev.llmsession.adapterkit.FileStat;
import dev.llmsession.adapterkit.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads OpenCode's storage from before 1.2 (seen first hand with 1.1.65; later versions leave it in place beside
 * {@code opencode.db}): {@code storage/session/<project>/<session>.json} holds a session's {@code directory},
 * {@code title}, {@code parentID} and {@code time}, and {@code storage/message/<session>/<message>.json} each
 * message, with the same JSON as a database row's {@code data} ({@link OcMessage}). {@code storage/part} repeats
 * the calls' tokens and is not read. Files are opened only when regular, and read up to a bound. Stateless.
 */
final class LegacyStorage {
    /** The largest session or message file read; a bigger one (none seen) counts as an invalid message. */
    static final int MAX_FILE = OpenCodeDb.MAX_MESSAGE;
    /** The most message files read per session. */
    static final int MAX_MESSAGES = 200_000;
    private static final Pattern SESSION_FILE = Pattern.compile("ses_[0-9A-Za-z]{1,100}\\.json");

    private LegacyStorage() {
    }

    /** The session id a session file names. */
    static String sessionId(Path sessionFile) {
        String name = sessionFile.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    /**
     * Every session file under {@code storage/session}, with a stat that also covers its message files (their
     * count, sizes and latest mtime), so a message added or rewritten marks the session changed.
     */
    static Map<Path, FileStat> sessions(Path storage, List<String> notes) {
        Map<Path, FileStat> out = new LinkedHashMap<>();
        Path root = storage.resolve("session");
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> files = Files.find(root, 2, (p, a) -> a.isRegularFile()
                && SESSION_FILE.matcher(p.getFileName().toString()).matches())) {
            files.sorted().forEach(f -> FileStat.of(f).ifPresent(stat -> out.put(f, withMessages(storage, f, stat))));
        } catch (IOException | UncheckedIOException e) {
            notes.add("could not list all of " + root + ": " + e.getMessage());
        }
        return out;
    }

    private static FileStat withMessages(Path storage, Path sessionFile, FileStat stat) {
        long size = stat.size();
        long mtime = stat.mtime();
        int n = 0;
        for (Path m : messageFiles(storage, sessionId(sessionFile))) {
            FileStat s = FileStat.of(m).orElse(null);
            if (s != null) {
                n++;
                size += s.size();
                mtime = Math.max(mtime, s.mtime());
            }
        }
        return new FileStat(size, mtime, stat.fileKey() + "+" + n);
    }

    static List<Path> messageFiles(Path storage, String sessionId) {
        Path dir = storage.resolve("message").resolve(sessionId);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().limit(MAX_MESSAGES)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** One session and its messages, in the order written; throws when the session file cannot be read. */
    static OcSession read(Path sessionFile) throws IOException {
        OcSession s = session(sessionFile);
        Path storage = sessionFile.getParent().getParent().getParent();
        List<OcMessage> messages = new ArrayList<>();
        for (Path file : messageFiles(storage, s.id)) {
            byte[] bytes;
            try {
                bytes = bounded(file);
            } catch (NoSuchFileException e) {
                continue; // deleted since listed
            } catch (IOException e) {
                bytes = null;
            }
            OcMessage m = bytes == null ? null : OcMessage.parse(null, null, s.id, bytes, bytes.length);
            if (m == null || m.id() == null) {
                s.invalidMessages++;
            } else {
                messages.add(m);
            }
        }
        messages.sort(Comparator.comparing((OcMessage m) -> m.created() == null ? Instant.EPOCH : m.created())
                .thenComparing(OcMessage::id));
        messages.forEach(m -> m.applyTo(s));
        return s;
    }

    private static OcSession session(Path file) throws IOException {
        byte[] bytes = bounded(file);
        if (bytes == null) {
            throw new IOException(file + ": larger than " + MAX_FILE + " bytes");
        }
        OcSession s = new OcSession();
        s.id = sessionId(file);
        try (JsonParser p = Json.parser(bytes, bytes.length)) {
            if (!Json.enterObject(p)) {
                throw new IOException(file + ": not a JSON object");
            }
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "directory" -> s.directory = text(p);
                    case "title" -> s.title = text(p);
                    case "parentID" -> s.parentId = text(p);
                    case "time" -> {
                        if (Json.isObject(p)) {
                            for (String f = nextField(p); f != null; f = nextField(p)) {
                                switch (f) {
                                    case "created" -> s.created = millis(count(p));
                                    case "updated" -> s.updated = millis(count(p));
                                    default -> p.skipChildren();
                                }
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (s.created == null) {
            throw new IOException(file + ": no time.created");
        }
        return s;
    }

    /** The file's bytes when it is a regular file of at most {@link #MAX_FILE} bytes; null when it is bigger. */
    static byte[] bounded(Path file) throws IOException {
        if (FileStat.of(file).isEmpty()) {
            throw new NoSuchFileException(file.toString(), null, "not a regular file");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_FILE + 1);
            return bytes.length > MAX_FILE ? null : bytes;
        }
    }

    private static Instant millis(long value) {
        return value > 0 ? Instant.ofEpochMilli(value) : null;
    }
}
