package dev.llmsession.spi;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A persistent per-file index that lets a discovery adapter read only the bytes appended since its last
 * refresh. Entries are opaque to the store: the adapter decides what its parser state looks like.
 * Implementations are thread-safe; a store-backed one is also safe between processes.
 *
 * @since 0.1
 */
public interface TranscriptIndex {

    /** A process-local index (no store installed): appended bytes are still read only once per process. */
    static TranscriptIndex inMemory() {
        return new InMemoryTranscriptIndex();
    }

    /** Every entry an adapter has committed, keyed by {@link Entry#path()}. */
    Map<String, Entry> load(String adapterId);

    /**
     * The entries an adapter has committed for the given paths only, keyed by {@link Entry#path()}; paths without
     * an entry are absent from the result. Lets an adapter that knows which files changed avoid loading every
     * state. The default filters {@link #load(String)}; stores override it with a narrower query.
     *
     * @since 0.1
     */
    default Map<String, Entry> load(String adapterId, Collection<String> paths) {
        Objects.requireNonNull(paths, "paths");
        Set<String> wanted = new HashSet<>(paths);
        Map<String, Entry> out = new LinkedHashMap<>();
        load(adapterId).forEach((path, entry) -> {
            if (wanted.contains(path)) {
                out.put(path, entry);
            }
        });
        return out;
    }

    /**
     * Applies one refresh's changes atomically: {@code upserts} replace entries of the same path, every path
     * named in {@code usage} gets exactly those usage rows (an empty list drops its rows), {@code removed} paths
     * lose their entry and usage rows. All or nothing.
     */
    void commit(String adapterId, Commit commit);

    /**
     * One indexed file.
     *
     * @param path    absolute path of the file
     * @param fileKey identity of the file (inode where the platform has one), to notice replacement
     * @param size    size in bytes when read
     * @param mtime   last-modified time in milliseconds when read
     * @param offset  byte offset just after the last complete line read
     * @param state   the adapter's parser state at {@code offset}, in the adapter's own encoding
     * @since 0.1
     */
    record Entry(String path, String fileKey, long size, long mtime, long offset, byte[] state) {
        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(fileKey, "fileKey");
            Objects.requireNonNull(state, "state");
            if (offset < 0 || size < 0) {
                throw new IllegalArgumentException("offset and size must not be negative");
            }
        }
    }

    /**
     * The changes of one refresh.
     *
     * @param upserts entries written or updated
     * @param removed paths whose files vanished
     * @param usage   for each path named, the API calls filed under it (replaces the old rows of that path); a
     *                path need not be an entry's: an adapter may file a session's calls under one of its files
     * @since 0.1
     */
    record Commit(List<Entry> upserts, List<String> removed, Map<String, List<UsageRow>> usage) {
        public Commit {
            upserts = List.copyOf(upserts);
            removed = List.copyOf(removed);
            usage = Map.copyOf(usage);
        }

        public boolean isEmpty() {
            return upserts.isEmpty() && removed.isEmpty();
        }
    }

    /**
     * One API call as a usage report needs it. Reports sum the rows as they are: the adapter commits each call
     * once, already de-duplicated, with the session that owns it (SPEC §4 rule 8: one decision per call).
     *
     * @param sessionId  native session id the file belongs to
     * @param callKey    the call's key ({@code message.id|requestId}), unique within its path
     * @param at         epoch milliseconds of the call's first line
     * @param model      model id
     * @param input      input tokens
     * @param output     output tokens
     * @param cacheWrite cache-write tokens
     * @param cacheRead  cache-read tokens
     * @param costUsd    cost in USD, or {@code NaN} when the model has no price
     * @param sidechain  whether the call came from a sub-agent
     * @since 0.1
     */
    record UsageRow(String sessionId, String callKey, long at, String model, long input, long output,
            long cacheWrite, long cacheRead, double costUsd, boolean sidechain) {
        public UsageRow {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(callKey, "callKey");
            Objects.requireNonNull(model, "model");
        }
    }
}
