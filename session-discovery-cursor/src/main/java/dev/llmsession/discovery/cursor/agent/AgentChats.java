package dev.llmsession.discovery.cursor.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.discovery.cursor.store.DbStamp;
import dev.llmsession.discovery.cursor.store.KvStore;
import dev.llmsession.discovery.cursor.store.KvStore.KvException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads cursor-agent's chats read-only, memoised per store by size and mtime of the file and its WAL. The
 * {@code meta} row's {@code blobEncryptionKey} is skipped unread. Thread-safe (one refresh at a time).
 */
public final class AgentChats {
    private static final Logger LOG = LoggerFactory.getLogger(AgentChats.class);
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** Transcript files above this are not read line by line; the store's message count stands. */
    static final long MAX_TRANSCRIPT_BYTES = 256L << 20;
    /** How many dash-separated slug parts one folder name may join (bounds the file-system probes). */
    private static final int MAX_PARTS_PER_NAME = 6;

    private final Map<Path, Memo> memo = new HashMap<>();

    private record Memo(DbStamp stamp, long transcriptMtime, AgentChat chat) {
    }

    /** Hex MD5 of a working directory: the name of its folder under {@code chats/}. */
    public static String cwdHash(String cwd) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(cwd.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    /** Every chat under {@code root} ({@code ~/.cursor}). */
    public synchronized List<AgentChat> read(Path root) {
        Map<String, Path> transcripts = transcripts(root.resolve("projects"));
        List<AgentChat> out = new ArrayList<>();
        Path chats = root.resolve("chats");
        if (!Files.isDirectory(chats)) {
            return out;
        }
        try (DirectoryStream<Path> hashes = Files.newDirectoryStream(chats, Files::isDirectory)) {
            for (Path hashDir : hashes) {
                try (DirectoryStream<Path> ids = Files.newDirectoryStream(hashDir, Files::isDirectory)) {
                    for (Path dir : ids) {
                        Path store = dir.resolve("store.db");
                        if (Files.isRegularFile(store)) {
                            out.add(chat(store, hashDir.getFileName().toString(), dir.getFileName().toString(),
                                    transcripts.get(dir.getFileName().toString()), root));
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", chats, e.toString());
        }
        return out;
    }

    private AgentChat chat(Path store, String hash, String id, Path transcript, Path root) {
        DbStamp stamp = DbStamp.of(store);
        long transcriptMtime = transcript == null ? -1 : mtime(transcript);
        Memo old = memo.get(store);
        if (old != null && old.stamp.equals(stamp) && old.transcriptMtime == transcriptMtime) {
            return old.chat;
        }
        Meta meta = Meta.EMPTY;
        Map<String, Long> roles = Map.of();
        Optional<String> problem = Optional.empty();
        try (KvStore kv = KvStore.open(store)) {
            if (kv.hasTable("meta")) {
                meta = kv.agentMetaHex().map(AgentChats::meta).orElse(Meta.EMPTY);
            }
            if (kv.hasTable("blobs")) {
                roles = kv.agentMessagesByRole();
            }
        } catch (KvException e) {
            if (old != null) {
                return new AgentChat(old.chat.id(), store, hash, old.chat.name(), old.chat.createdAt(),
                        old.chat.lastWriteAt(), old.chat.model(), old.chat.messages(), old.chat.userMessages(),
                        old.chat.transcript(), old.chat.slugCwd(),
                        Optional.of(e.getMessage() + "; showing the state read before"));
            }
            problem = Optional.of(e.getMessage());
        }
        int users = (int) (long) roles.getOrDefault("user", 0L);
        int messages = users + (int) (long) roles.getOrDefault("assistant", 0L);
        if (transcript != null) {
            int[] counted = countTranscript(transcript);
            if (counted != null && counted[0] >= messages) {
                messages = counted[0];
                users = counted[1];
            }
        }
        long last = Math.max(stamp.lastWrite(), Math.max(transcriptMtime, 0));
        Optional<String> slugCwd = transcript == null ? Optional.empty()
                : slugPath(transcript, root.resolve("projects"));
        AgentChat chat = new AgentChat(id, store, hash, meta.name, meta.createdAt, last, meta.model, messages, users,
                Optional.ofNullable(transcript), slugCwd, problem);
        if (problem.isEmpty()) {
            memo.put(store, new Memo(stamp, transcriptMtime, chat));
        }
        return chat;
    }

    /** {@code <id>} → transcript under {@code projects/<slug>/agent-transcripts/}: {@code <id>/<id>.jsonl}, {@code <id>.jsonl}, {@code <id>.txt}. */
    private static Map<String, Path> transcripts(Path projects) {
        Map<String, Path> out = new HashMap<>();
        if (!Files.isDirectory(projects)) {
            return out;
        }
        try (DirectoryStream<Path> slugs = Files.newDirectoryStream(projects, Files::isDirectory)) {
            for (Path slug : slugs) {
                Path dir = slug.resolve("agent-transcripts");
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path e : entries) {
                        String n = e.getFileName().toString();
                        if (Files.isDirectory(e) && Files.isRegularFile(e.resolve(n + ".jsonl"))) {
                            out.put(n, e.resolve(n + ".jsonl"));
                        } else if (n.endsWith(".jsonl") && Files.isRegularFile(e)) {
                            out.putIfAbsent(n.substring(0, n.length() - 6), e);
                        } else if (n.endsWith(".txt") && Files.isRegularFile(e)) {
                            out.putIfAbsent(n.substring(0, n.length() - 4), e);
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", projects, e.toString());
        }
        return out;
    }

    /** Messages and user messages of a JSONL transcript ({@code {"role": …}} per line); null when not JSONL. */
    private static int[] countTranscript(Path transcript) {
        if (!transcript.toString().endsWith(".jsonl")) {
            return null;
        }
        try {
            if (Files.size(transcript) > MAX_TRANSCRIPT_BYTES) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        int messages = 0;
        int users = 0;
        try (BufferedReader in = Files.newBufferedReader(transcript, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String role = role(line);
                if ("user".equals(role) || "assistant".equals(role)) {
                    messages++;
                    users += "user".equals(role) ? 1 : 0;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
        return new int[] {messages, users};
    }

    private static String role(String line) {
        if (line.isBlank()) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                if (f.equals("role") && t == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /**
     * The folder a transcript's {@code <slug>} names, when exactly that folder exists: the slug replaced
     * {@code /} and {@code .} by {@code -}, so the file system decides which dashes were separators.
     */
    private static Optional<String> slugPath(Path transcript, Path projects) {
        Path rel = projects.relativize(transcript);
        if (rel.getNameCount() < 2) {
            return Optional.empty();
        }
        String slug = rel.getName(0).toString();
        return resolveSlug(Path.of("/"), slug.split("-"), 0);
    }

    private static Optional<String> resolveSlug(Path base, String[] parts, int from) {
        if (from >= parts.length) {
            return Optional.of(base.toString());
        }
        return extend(base, parts, from, parts[from], from + 1);
    }

    /** Tries {@code name} (parts {@code from..next-1}) as the next folder, then longer names joined by - or . */
    private static Optional<String> extend(Path base, String[] parts, int from, String name, int next) {
        if (!name.isEmpty() && Files.isDirectory(base.resolve(name))) {
            Optional<String> rest = resolveSlug(base.resolve(name), parts, next);
            if (rest.isPresent()) {
                return rest;
            }
        }
        if (next < parts.length && next - from < MAX_PARTS_PER_NAME) {
            for (String sep : new String[] {"-", "."}) {
                Optional<String> r = extend(base, parts, from, name + sep + parts[next], next + 1);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        return Optional.empty();
    }

    private record Meta(Optional<String> name, OptionalLong createdAt, Optional<String> model) {
        static final Meta EMPTY = new Meta(Optional.empty(), OptionalLong.empty(), Optional.empty());
    }

    /** The hex-encoded meta JSON; {@code blobEncryptionKey} and every unknown field are skipped unread. */
    private static Meta meta(String hex) {
        byte[] json;
        try {
            json = HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            json = hex.getBytes(StandardCharsets.UTF_8); // some versions store the JSON itself
        }
        String name = null;
        Long created = null;
        String model = null;
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Meta.EMPTY;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                if (f.equals("name") && t == JsonToken.VALUE_STRING) {
                    name = p.getText();
                } else if (f.equals("lastUsedModel") && t == JsonToken.VALUE_STRING) {
                    model = p.getText();
                } else if (f.equals("createdAt") && (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_STRING)) {
                    created = epochMs(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            LOG.debug("unreadable cursor-agent meta: {}", e.toString());
        }
        return new Meta(Optional.ofNullable(name).filter(n -> !n.isBlank()),
                created == null ? OptionalLong.empty() : OptionalLong.of(created),
                Optional.ofNullable(model).filter(m -> !m.isBlank()));
    }

    private static Long epochMs(String text) {
        try {
            long v = Long.parseLong(text.strip());
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(text.strip()).toEpochMilli();
            } catch (java.time.format.DateTimeParseException d) {
                return null;
            }
        }
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }
}
