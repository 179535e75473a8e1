package dev.llmsession.discovery.cursor.agent;

import com.fasterxml.jackson.core.JsonParser;
import dev.llmsession.adapterkit.FileStat;
import dev.llmsession.adapterkit.IndexedFiles;
import dev.llmsession.adapterkit.Json;
import dev.llmsession.adapterkit.JsonlTail;
import dev.llmsession.discovery.cursor.store.DbStamp;
import dev.llmsession.discovery.cursor.store.KvStore;
import dev.llmsession.discovery.cursor.store.KvStore.KvException;
import dev.llmsession.model.DataQuality;
import dev.llmsession.spi.TranscriptIndex;
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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads cursor-agent's chats read-only. A chat's {@code store.db} is memoised by size and mtime of the file and its
 * WAL; its JSONL transcript is read through the adapter kit ({@link JsonlTail} into an {@link IndexedFiles} state,
 * kept in the {@code TranscriptIndex}), so an append reads only the new lines and a new process re-reads nothing
 * unchanged. The {@code meta} row's {@code blobEncryptionKey} is skipped unread. Thread-safe (one refresh at a time).
 */
public final class AgentChats {
    private static final Logger LOG = LoggerFactory.getLogger(AgentChats.class);
    /** The index namespace of transcript counts. */
    static final String INDEX_ID = "cursor-agent";
    /** Transcript files above this are not read line by line; the store's message count stands. */
    static final long MAX_TRANSCRIPT_BYTES = 256L << 20;
    /** How many dash-separated slug parts one folder name may join (bounds the file-system probes). */
    private static final int MAX_PARTS_PER_NAME = 6;

    private final Map<Path, StoreMemo> stores = new HashMap<>();
    private final IndexedFiles<TranscriptCount> transcripts;

    /** What one read of a {@code store.db} found. */
    private record StoreMemo(DbStamp stamp, Meta meta, int messages, int users) {
    }

    public AgentChats() {
        JsonlTail tail = new JsonlTail();
        this.transcripts = new IndexedFiles<>(INDEX_ID, new TranscriptCount.Codec(), TranscriptCount::new,
                (file, from, state) -> {
                    JsonlTail.Result r = tail.read(file, from, (b, n, complete) -> state.line(b, n));
                    return new IndexedFiles.Read(r.offset(), r.partialTail());
                }, IndexedFiles.Mode.APPEND_ONLY);
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

    /**
     * Every chat under {@code root} ({@code ~/.cursor}). Transcript counts are read from and committed to
     * {@code index}; with {@code fullListing} the index forgets transcripts that are gone. Problems go to
     * {@code notes}.
     */
    public synchronized List<AgentChat> read(Path root, TranscriptIndex index, boolean fullListing,
            List<String> notes) {
        Map<String, Path> transcriptOf = transcripts(root.resolve("projects"));
        Map<Path, FileStat> wanted = new HashMap<>();
        Set<Path> present = new HashSet<>();
        Map<Path, FileStat> stats = new HashMap<>();
        transcriptOf.values().forEach(t -> FileStat.of(t).ifPresent(stat -> {
            stats.put(t, stat);
            if (t.toString().endsWith(".jsonl")) {
                present.add(t);
                if (stat.size() <= MAX_TRANSCRIPT_BYTES) {
                    wanted.put(t, stat);
                }
            }
        }));
        Map<Path, IndexedFiles.Tracked<TranscriptCount>> counted = transcripts.refresh(index, wanted, notes);
        transcripts.commit(index, present, fullListing, t -> List.of(), notes);
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
                            Path transcript = transcriptOf.get(dir.getFileName().toString());
                            out.add(chat(store, hashDir.getFileName().toString(), dir.getFileName().toString(),
                                    transcript, transcript == null ? null : stats.get(transcript),
                                    transcript == null ? null : counted.get(transcript), root));
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", chats, e.toString());
        }
        stores.keySet().retainAll(out.stream().map(AgentChat::store).toList());
        return out;
    }

    private AgentChat chat(Path store, String hash, String id, Path transcript, FileStat transcriptStat,
            IndexedFiles.Tracked<TranscriptCount> count, Path root) {
        DbStamp stamp = DbStamp.of(store);
        StoreMemo read = stores.get(store);
        Optional<String> problem = Optional.empty();
        if (read == null || !read.stamp.equals(stamp)) {
            try {
                read = readStore(store, stamp);
                stores.put(store, read);
            } catch (KvException e) {
                problem = Optional.of(e.getMessage() + (read == null ? "" : "; showing the state read before"));
            }
        }
        Meta meta = read == null ? Meta.EMPTY : read.meta;
        int messages = read == null ? 0 : read.messages;
        int users = read == null ? 0 : read.users;
        if (count != null && count.state().messages >= messages) {
            messages = count.state().messages;
            users = count.state().users;
        }
        long transcriptMtime = transcriptStat == null ? 0 : transcriptStat.mtime();
        long last = Math.max(stamp.lastWrite(), transcriptMtime);
        Optional<String> slugCwd = transcript == null ? Optional.empty()
                : slugPath(transcript, root.resolve("projects"));
        int unreadable = (problem.isPresent() ? 1 : 0) + (count != null && count.unreadable() ? 1 : 0);
        DataQuality quality = count == null ? new DataQuality(0, 0, 0, unreadable)
                : new DataQuality(count.state().malformedLines, 0, count.partialTail(), unreadable);
        return new AgentChat(id, store, hash, meta.name, meta.createdAt, last, meta.model, messages, users,
                Optional.ofNullable(transcript), slugCwd, problem, quality);
    }

    private static StoreMemo readStore(Path store, DbStamp stamp) throws KvException {
        try (KvStore kv = KvStore.open(store)) {
            Meta meta = kv.hasTable("meta") ? kv.agentMetaHex().map(AgentChats::meta).orElse(Meta.EMPTY) : Meta.EMPTY;
            Map<String, Long> roles = kv.hasTable("blobs") ? kv.agentMessagesByRole() : Map.of();
            int users = (int) (long) roles.getOrDefault("user", 0L);
            return new StoreMemo(stamp, meta, users + (int) (long) roles.getOrDefault("assistant", 0L), users);
        }
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
        try (JsonParser p = Json.parser(json, json.length)) {
            if (!Json.enterObject(p)) {
                return Meta.EMPTY;
            }
            for (String f = Json.nextField(p); f != null; f = Json.nextField(p)) {
                switch (f) {
                    case "name" -> name = Json.text(p);
                    case "lastUsedModel" -> model = Json.text(p);
                    case "createdAt" -> created = p.currentToken().isScalarValue() ? epochMs(p.getText()) : skip(p);
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            LOG.debug("unreadable cursor-agent meta: {}", e.toString());
        }
        return new Meta(Optional.ofNullable(name).filter(n -> !n.isBlank()),
                created == null ? OptionalLong.empty() : OptionalLong.of(created),
                Optional.ofNullable(model).filter(m -> !m.isBlank()));
    }

    private static Long skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static Long epochMs(String text) {
        try {
            long v = Long.parseLong(text.strip());
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            Instant at = Json.instant(text.strip());
            return at == null ? null : at.toEpochMilli();
        }
    }
}
