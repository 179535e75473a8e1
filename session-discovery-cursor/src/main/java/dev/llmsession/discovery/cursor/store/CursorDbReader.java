package dev.llmsession.discovery.cursor.store;

import dev.llmsession.discovery.cursor.store.KvStore.KeyStat;
import dev.llmsession.discovery.cursor.store.KvStore.KvException;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Cursor's databases and remembers what it read, so that a refresh reads only what changed: a database whose
 * file and WAL have the size and mtime they had is not opened at all; in one that changed, only the composers whose
 * value length or {@code lastUpdatedAt} moved are fetched and parsed (with Jackson, streaming), and their bubbles are
 * summarised by SQLite in place (of which, for recently changed conversations, only new or resized ones). A database that is busy or unreadable yields the last state
 * read from it and a problem line. Thread-safe (one refresh at a time).
 */
public final class CursorDbReader {
    /** Composer values above this are not fetched (counted as oversized). */
    public static final long MAX_COMPOSER_BYTES = 64L << 20;
    /** Bubble values above this are not fetched: the message counts, its content does not. */
    public static final long MAX_BUBBLE_BYTES = 8L << 20;
    /** ItemTable values above this are not fetched. */
    public static final long MAX_ITEM_BYTES = 64L << 20;
    /**
     * A fetched value exists on the heap as bytes and, for a TEXT value, once more as a String: under a small heap
     * ({@code -Xmx64m}) one 50 MB value would throw OutOfMemoryError and lose the whole database. So no value above
     * a sixteenth of the maximum heap is fetched, whatever the limits above say.
     */
    static final long HEAP_SHARE = 16;
    /** How many conversations keep their per-bubble memo (the ones that changed last). */
    static final int BUBBLE_MEMOS = 32;

    static final String COMPOSER_PREFIX = "composerData:";
    static final String BUBBLE_PREFIX = "bubbleId:";
    static final String HEADERS_KEY = "composer.composerHeaders";
    static final String WORKSPACE_COMPOSERS_KEY = "composer.composerData";
    static final String CHAT_TABS_KEY = "workbench.panel.aichat.view.aichat.chatdata";

    private static final Logger LOG = LoggerFactory.getLogger(CursorDbReader.class);

    private final Map<Path, GlobalMemo> globals = new HashMap<>();
    private final Map<Path, WorkspaceRead> workspaces = new HashMap<>();
    private long composersParsed;
    private long bubblesParsed;

    /** What one global database holds, as of its last successful read. */
    public record GlobalRead(Path db, DbStamp stamp, Map<String, Conversation> conversations, Optional<String> problem,
            int composersParsed, boolean unchanged, List<String> skipped) {
        public GlobalRead {
            skipped = List.copyOf(skipped);
        }
    }

    /** What one {@code workspaceStorage/<id>/} holds. */
    public record WorkspaceRead(Path dir, DbStamp stamp, long workspaceJsonMtime, Optional<String> folder,
            List<Composer> listed, List<String> selected, List<Composer> chatTabs, Optional<String> problem) {
    }

    /** Test and benchmark seam: composer values parsed since this reader was made. */
    public synchronized long composersParsed() {
        return composersParsed;
    }

    /** Test and benchmark seam: bubble values parsed since this reader was made. */
    public synchronized long bubblesParsed() {
        return bubblesParsed;
    }

    /** Every conversation of the global {@code state.vscdb} at {@code db}. */
    public GlobalRead readGlobal(Path db) {
        return readGlobal(db, Long.MIN_VALUE, null);
    }

    /** The index namespace of conversation summaries: one entry per {@code <db>#<composer id>}. */
    static final String INDEX_ID = "cursor/conversations";

    /**
     * As {@link #readGlobal(Path, long)}, and kept in {@code index} between processes: a process that has not read
     * {@code db} yet starts from the stored summaries, so only conversations whose fingerprint moved are read again.
     * A store that cannot be read or written costs only this saving.
     */
    public GlobalRead readGlobal(Path db, long since, TranscriptIndex index) {
        synchronized (this) {
            if (index != null && !globals.containsKey(db)) {
                globals.put(db, seed(db, index));
            }
        }
        GlobalMemo before;
        synchronized (this) {
            before = globals.get(db);
        }
        GlobalRead read = readGlobal(db, since);
        if (index != null) {
            synchronized (this) {
                store(db, before, globals.get(db), index);
            }
        }
        return read;
    }

    private static GlobalMemo seed(Path db, TranscriptIndex index) {
        GlobalMemo memo = new GlobalMemo(null, Long.MAX_VALUE);
        String prefix = db + "#";
        try {
            index.load(INDEX_ID).forEach((path, entry) -> {
                if (path.startsWith(prefix)) {
                    ConversationCodec.decode(entry.state()).ifPresent(c -> memo.composers.put(
                            path.substring(prefix.length()), new ComposerMemo(entry.fileKey(), c)));
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot load the stored Cursor conversations, reading them again: {}", e.toString());
        }
        return memo;
    }

    private static void store(Path db, GlobalMemo before, GlobalMemo after, TranscriptIndex index) {
        if (after == null || after == before) {
            return;
        }
        List<TranscriptIndex.Entry> upserts = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        after.composers.forEach((id, m) -> {
            ComposerMemo old = before == null ? null : before.composers.get(id);
            if (m.conversation != null && m != old) {
                upserts.add(new TranscriptIndex.Entry(db + "#" + id, m.fingerprint, 0,
                        m.conversation.composer().lastUpdatedAt().orElse(0), 0, ConversationCodec.encode(m.conversation)));
            }
        });
        if (before != null) {
            before.composers.keySet().stream().filter(id -> !after.composers.containsKey(id))
                    .forEach(id -> removed.add(db + "#" + id));
        }
        if (upserts.isEmpty() && removed.isEmpty()) {
            return;
        }
        try {
            index.commit(INDEX_ID, new TranscriptIndex.Commit(upserts, removed, Map.of()));
        } catch (RuntimeException e) {
            LOG.warn("cannot store the Cursor conversations: {}", e.toString());
        }
    }

    /**
     * The conversations of the global {@code state.vscdb} at {@code db} updated at or after {@code since} (epoch ms),
     * plus those whose update time cannot be told without reading them. Older conversations are neither fetched nor
     * parsed: a refresh of running sessions reads only what was used since Cursor started.
     */
    public synchronized GlobalRead readGlobal(Path db, long since) {
        DbStamp stamp = DbStamp.of(db);
        GlobalMemo memo = globals.get(db);
        if (memo != null && stamp.equals(memo.stamp) && memo.coveredSince <= since) {
            return new GlobalRead(db, stamp, memo.conversationsView(), Optional.empty(), 0, true, memo.skipped);
        }
        GlobalMemo next = new GlobalMemo(stamp, since);
        if (memo != null) {
            next.bubbles.putAll(memo.bubbles);
        }
        int parsed = 0;
        try (KvStore kv = KvStore.open(db)) {
            Map<String, Composer> headers = new LinkedHashMap<>();
            if (kv.hasTable("ItemTable")) {
                Optional<byte[]> catalogue = kv.item(HEADERS_KEY, fetchLimit(MAX_ITEM_BYTES));
                if (catalogue.isPresent()) {
                    try {
                        CursorJson.composerList(catalogue.get()).forEach(h -> headers.put(h.id(), h));
                    } catch (IOException e) {
                        LOG.debug("unreadable {} in {}: {}", HEADERS_KEY, db, e.toString());
                    }
                }
            }
            if (kv.hasTable("cursorDiskKV")) {
                for (KeyStat stat : composerStats(kv, headers)) {
                    String id = stat.key().substring(COMPOSER_PREFIX.length());
                    if (id.isEmpty()) {
                        continue;
                    }
                    if (stat.length() > fetchLimit(MAX_COMPOSER_BYTES)) {
                        next.skipped.add(db + ": " + stat.key() + " is " + megabytes(stat.length())
                                + ", above the " + megabytes(fetchLimit(MAX_COMPOSER_BYTES))
                                + " read at once: not read, its conversation shows without details");
                    }
                    String fingerprint = stat.length() + ":" + stat.lastUpdatedAt();
                    ComposerMemo old = memo == null ? null : memo.composers.get(id);
                    if (old != null && old.fingerprint.equals(fingerprint) && old.conversation != null) {
                        next.composers.put(id, old);
                        continue;
                    }
                    Composer header = headers.get(id);
                    long last = Math.max(stat.lastUpdatedAt() == null ? Long.MAX_VALUE : stat.lastUpdatedAt(),
                            header == null ? Long.MIN_VALUE : header.lastUpdatedAt().orElse(Long.MIN_VALUE));
                    if (last < since) {
                        next.composers.put(id, new ComposerMemo(fingerprint, null));
                        continue;
                    }
                    parsed++;
                    Conversation read = readComposer(kv, db, id, stat, memo == null ? null : memo.bubbles.get(id), next);
                    if (read.composer().name().isEmpty() && (header == null || header.name().isEmpty())) {
                        read = withFirstUserText(kv, read);
                    }
                    next.composers.put(id, new ComposerMemo(fingerprint, read));
                }
            }
            // Cursor 3's catalogue: names, times and folders for every conversation, even those whose data failed
            for (Composer header : headers.values()) {
                ComposerMemo found = next.composers.get(header.id());
                if (found != null && found.conversation == null) {
                    continue;
                }
                if (found == null && header.lastUpdatedAt().orElse(Long.MAX_VALUE) < since) {
                    continue;
                }
                Conversation merged = found == null ? Conversation.of(header, db, List.of(), 0, 0, 0)
                        : withHeader(found.conversation, header);
                next.composers.put(header.id(), new ComposerMemo(found == null ? "header" : found.fingerprint, merged));
            }
        } catch (KvException e) {
            String when = memo == null || memo.stamp == null && memo.composers.isEmpty() ? "nothing read yet"
                    : memo.stamp == null ? "showing the state an earlier run stored" : "showing the state read before";
            String problem = e.getMessage() + "; " + when;
            LOG.debug("{}", problem, e);
            return new GlobalRead(db, stamp, memo == null ? Map.of() : memo.conversationsView(),
                    Optional.of(problem), 0, false, memo == null ? List.of() : memo.skipped);
        }
        globals.put(db, next);
        return new GlobalRead(db, stamp, next.conversationsView(), Optional.empty(), parsed, false, next.skipped);
    }

    /** The folder and conversation lists of one {@code workspaceStorage/<id>/} directory. */
    public synchronized WorkspaceRead readWorkspace(Path dir) {
        Path db = dir.resolve("state.vscdb");
        Path json = dir.resolve("workspace.json");
        DbStamp stamp = DbStamp.of(db);
        long jsonMtime = mtime(json);
        WorkspaceRead old = workspaces.get(dir);
        if (old != null && old.stamp().equals(stamp) && old.workspaceJsonMtime() == jsonMtime) {
            return old;
        }
        Optional<String> folder = Optional.empty();
        try {
            if (Files.isRegularFile(json) && Files.size(json) < (1 << 20)) {
                folder = CursorJson.workspaceFolder(Files.readAllBytes(json));
            }
        } catch (IOException e) {
            LOG.debug("unreadable {}: {}", json, e.toString());
        }
        List<Composer> listed = new ArrayList<>();
        List<String> selected = new ArrayList<>();
        List<Composer> tabs = new ArrayList<>();
        Optional<String> problem = Optional.empty();
        if (stamp.exists()) {
            try (KvStore kv = KvStore.open(db)) {
                if (kv.hasTable("ItemTable")) {
                    Optional<byte[]> list = kv.item(WORKSPACE_COMPOSERS_KEY, fetchLimit(MAX_ITEM_BYTES));
                    if (list.isPresent()) {
                        listed.addAll(parseOr(() -> CursorJson.composerList(list.get()), db, WORKSPACE_COMPOSERS_KEY));
                        selected.addAll(parseOr(() -> CursorJson.selectedComposerIds(list.get()), db,
                                WORKSPACE_COMPOSERS_KEY));
                    }
                    Optional<byte[]> chat = kv.item(CHAT_TABS_KEY, fetchLimit(MAX_ITEM_BYTES));
                    if (chat.isPresent()) {
                        tabs.addAll(parseOr(() -> CursorJson.composerList(chat.get()), db, CHAT_TABS_KEY));
                    }
                }
            } catch (KvException e) {
                if (old != null) {
                    return new WorkspaceRead(dir, old.stamp(), old.workspaceJsonMtime(), old.folder(), old.listed(),
                            old.selected(), old.chatTabs(), Optional.of(e.getMessage() + "; showing the state read before"));
                }
                problem = Optional.of(e.getMessage());
            }
        }
        WorkspaceRead read = new WorkspaceRead(dir, stamp, jsonMtime, folder, listed, selected, tabs, problem);
        if (problem.isEmpty()) {
            workspaces.put(dir, read);
        }
        return read;
    }

    private Conversation readComposer(KvStore kv, Path db, String id, KeyStat stat, Map<String, BubbleMemo> oldBubbles,
            GlobalMemo next) throws KvException {
        Composer composer;
        long limit = fetchLimit(MAX_COMPOSER_BYTES);
        if (stat.length() > limit) {
            return Conversation.of(minimal(id, stat), db, List.of(), 0, 1, 0);
        }
        // bounded again in SQL: the value may have grown since the length scan
        Optional<byte[]> value = kv.value(COMPOSER_PREFIX + id, limit);
        if (value.isEmpty()) {
            return Conversation.of(minimal(id, stat), db, List.of(), 0, 0, 0);
        }
        composersParsed++;
        try {
            composer = CursorJson.composer(id, value.get());
        } catch (IOException e) {
            return Conversation.of(minimal(id, stat), db, List.of(), 1, 0, 0);
        }
        // bubbles: lengths first, then only the values that are new or changed since the last read
        String prefix = BUBBLE_PREFIX + id + ":";
        Map<String, BubbleMemo> memo = new LinkedHashMap<>();
        List<String> wanted = new ArrayList<>();
        int oversized = 0;
        for (KeyStat b : kv.lengths(prefix)) {
            BubbleMemo known = oldBubbles == null ? null : oldBubbles.get(b.key());
            if (known != null && known.length == b.length()) {
                memo.put(b.key(), known);
            } else if (b.length() > MAX_BUBBLE_BYTES) {
                memo.put(b.key(), new BubbleMemo(b.length(), null, false));
                oversized++;
            } else {
                memo.put(b.key(), null);
                wanted.add(b.key());
            }
        }
        if (!wanted.isEmpty()) {
            // one range query when most bubbles are wanted; exact keys when only a few changed
            if (wanted.size() > 16) {
                for (KvStore.BubbleRow row : kv.bubbles(prefix, null, MAX_BUBBLE_BYTES)) {
                    if (memo.containsKey(row.key()) && memo.get(row.key()) == null) {
                        memo.put(row.key(), summarised(row));
                    }
                }
            } else {
                for (String key : wanted) {
                    for (KvStore.BubbleRow row : kv.bubbles(prefix, key, MAX_BUBBLE_BYTES)) {
                        memo.put(key, summarised(row));
                    }
                }
            }
        }
        memo.values().removeIf(java.util.Objects::isNull); // deleted between the two queries
        List<Bubble> ordered = new ArrayList<>();
        int unparsed = 0;
        int unread = 0;
        List<String> order = new ArrayList<>();
        composer.headers().forEach(h -> order.add(prefix + h.bubbleId()));
        Set<String> headed = new HashSet<>(order); // List.contains made this quadratic in the bubble count
        memo.keySet().stream().filter(k -> !headed.contains(k)).forEach(order::add);
        for (String key : order) {
            BubbleMemo b = memo.get(key);
            if (b == null) {
                continue;
            }
            if (b.bubble != null) {
                ordered.add(b.bubble);
            } else if (b.malformed) {
                unparsed++;
            } else {
                unread++;
            }
        }
        next.remember(id, memo);
        return Conversation.of(composer, db, ordered, unparsed, oversized, unread);
    }

    private BubbleMemo summarised(KvStore.BubbleRow row) {
        if (row.bubble() != null) {
            bubblesParsed++;
        }
        return new BubbleMemo(row.length(), row.bubble(), row.malformed());
    }

    /**
     * Every composer key with its value length and update time. When the Cursor 3 catalogue dates every composer, its
     * {@code lastUpdatedAt} stands in and no composer value is parsed; otherwise SQLite reads each value's
     * {@code lastUpdatedAt} in place.
     */
    private static List<KeyStat> composerStats(KvStore kv, Map<String, Composer> headers) throws KvException {
        if (!headers.isEmpty()) {
            List<KeyStat> lengths = kv.lengths(COMPOSER_PREFIX);
            List<KeyStat> dated = new ArrayList<>(lengths.size());
            for (KeyStat l : lengths) {
                Composer h = headers.get(l.key().substring(COMPOSER_PREFIX.length()));
                if (h == null || h.lastUpdatedAt().isEmpty()) {
                    return kv.scan(COMPOSER_PREFIX);
                }
                dated.add(new KeyStat(l.key(), l.length(), h.lastUpdatedAt().getAsLong()));
            }
            return dated;
        }
        return kv.scan(COMPOSER_PREFIX);
    }

    /** An untitled conversation gets the start of its first user message (one short query, the text cut in SQL). */
    private static Conversation withFirstUserText(KvStore kv, Conversation c) throws KvException {
        if (c.firstUserText().isPresent()) {
            return c;
        }
        Optional<Composer.Header> first = c.composer().headers().stream().filter(h -> h.type() == 1).findFirst();
        if (first.isEmpty()) {
            return c;
        }
        Optional<String> text = kv.bubbleTextStart(BUBBLE_PREFIX + c.id() + ":" + first.get().bubbleId(),
                CursorJson.TEXT_START).map(String::strip);
        return text.isEmpty() ? c : new Conversation(c.composer(), c.source(), c.messages(), c.userMessages(),
                c.measuredInput(), c.measuredOutput(), c.measuredCalls(), c.contextUsed(), c.contextLimit(),
                c.firstMessageAt(), c.lastMessageAt(), c.toolErrors(), c.latestModel(), text, c.attachedFiles(),
                c.unparsed(), c.oversized());
    }

    private static Conversation withHeader(Conversation c, Composer h) {
        Composer m = c.composer();
        Composer merged = new Composer(m.id(), m.name().or(h::name), m.createdAt().isPresent() ? m.createdAt()
                : h.createdAt(), max(m.lastUpdatedAt(), h.lastUpdatedAt()), m.status(), m.mode().or(h::mode),
                m.model(), m.contextUsed(), m.contextLimit(), m.generating(), m.workspacePath().or(h::workspacePath),
                m.headers(), m.inline(), m.attachedFiles());
        return new Conversation(merged, c.source(), c.messages(), c.userMessages(), c.measuredInput(),
                c.measuredOutput(), c.measuredCalls(), c.contextUsed(), c.contextLimit(), c.firstMessageAt(),
                c.lastMessageAt(), c.toolErrors(), c.latestModel(), c.firstUserText(), c.attachedFiles(), c.unparsed(),
                c.oversized());
    }

    private static java.util.OptionalLong max(java.util.OptionalLong a, java.util.OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : java.util.OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong()));
    }

    private static Composer minimal(String id, KeyStat stat) {
        return new Composer(id, Optional.empty(), java.util.OptionalLong.empty(), optional(stat.lastUpdatedAt()),
                Optional.empty(), Optional.empty(), Optional.empty(), java.util.OptionalLong.empty(),
                java.util.OptionalLong.empty(), false, Optional.empty(), List.of(), List.of(), List.of());
    }

    private static java.util.OptionalLong optional(Long v) {
        return v == null || v <= 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(v);
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    private static <T> List<T> parseOr(JsonCall<List<T>> call, Path db, String key) {
        try {
            return call.get();
        } catch (IOException e) {
            LOG.debug("unreadable {} in {}: {}", key, db, e.toString());
            return List.of();
        }
    }

    @FunctionalInterface
    private interface JsonCall<T> {
        T get() throws IOException;
    }

    /** A composer's fingerprint (value length and {@code lastUpdatedAt}) and, when it was read, its conversation. */
    private record ComposerMemo(String fingerprint, Conversation conversation) {
    }

    /** A parsed bubble ({@code bubble} null when oversized or malformed) and the value length it was parsed at. */
    private record BubbleMemo(long length, Bubble bubble, boolean malformed) {
    }

    /** The state of one global DB: its stamp, each composer, and the bubble memos of the last changed ones. */
    /** {@code cap}, or less when the heap is small (see {@link #HEAP_SHARE}). */
    static long fetchLimit(long cap) {
        return Math.min(cap, Runtime.getRuntime().maxMemory() / HEAP_SHARE);
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static final class GlobalMemo {
        final DbStamp stamp;
        /** One line per composer value too large to fetch, for the provider's diagnostics. */
        final List<String> skipped = new ArrayList<>();
        /** Every composer updated at or after this (epoch ms) is parsed; older ones may be stat only. */
        final long coveredSince;
        final Map<String, ComposerMemo> composers = new LinkedHashMap<>();
        final LinkedHashMap<String, Map<String, BubbleMemo>> bubbles = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, BubbleMemo>> eldest) {
                return size() > BUBBLE_MEMOS;
            }
        };

        GlobalMemo(DbStamp stamp, long coveredSince) {
            this.stamp = stamp;
            this.coveredSince = coveredSince;
        }

        void remember(String composerId, Map<String, BubbleMemo> memo) {
            bubbles.put(composerId, memo);
        }

        Map<String, Conversation> conversationsView() {
            Map<String, Conversation> out = new LinkedHashMap<>();
            composers.forEach((id, m) -> {
                if (m.conversation != null) {
                    out.put(id, m.conversation);
                }
            });
            return out;
        }
    }
}
