package dev.llmsession.spi;

import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.StoreException;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import dev.llmsession.model.StoredContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Persists what discovery saw: the per-file index, the sessions' latest state, and time-series samples.
 * The assistants' files stay the source of truth; a store can always be rebuilt from them. Implementations
 * are thread-safe and safe to share between processes (a monitor and a {@code list} at once).
 *
 * @since 0.1
 */
public interface SessionStore extends AutoCloseable {

    /** The per-file index discovery adapters resume from. */
    TranscriptIndex index();

    /**
     * Records the latest state of {@code sessions} seen at {@code at}; writes a sample only for a session whose
     * figures changed since its previous sample. One transaction.
     */
    void record(List<Snapshot> snapshots, Instant at);

    /** Sessions seen, newest activity first, as last recorded. */
    List<Session> history(HistoryQuery query);

    /** Samples of one session taken at or after {@code since}, oldest first. */
    List<SessionSample> samples(SessionId id, Instant since);

    /**
     * The indexed API calls matching {@code filter}, de-duplicated across files by their call key and summed per
     * assistant, session, model and 15-minute UTC slot, in no particular order: what the usage reports read.
     * A store that keeps no usage rows says so rather than answering with nothing.
     *
     * @throws StoreException when this store keeps no usage rows, or the query fails
     * @since 0.1
     */
    default List<UsageSlice> usage(UsageFilter filter) {
        throw new StoreException(ErrorCode.INTERNAL, getClass().getSimpleName() + " keeps no usage rows");
    }

    /** Forgets the per-file index and usage rows, so the next refresh reads every file again. */
    void clearIndex();

    /**
     * One-line notices the user should see once, e.g. that a corrupt store was moved aside and rebuilt;
     * returned once, then forgotten.
     */
    default List<String> takeNotices() {
        return List.of();
    }

    /**
     * The store's memory of file token counts, so a re-run of {@code tokens} over an unchanged tree opens no
     * file; empty when this store keeps none (then counts live in memory for the run).
     *
     * @since 0.1
     */
    default Optional<FileTokenCache> fileTokenCache() {
        return Optional.empty();
    }

    /**
     * Records an imported context pack; a pack with the same checksum is replaced (importing twice keeps one
     * record). Returns false when this store does not keep contexts (the default, for stores built against the
     * first SPI).
     *
     * @since 0.1
     */
    default boolean recordContext(StoredContext context) {
        return false;
    }

    /**
     * Imported context packs, newest import first; only those exported from {@code sourceId} when given.
     *
     * @since 0.1
     */
    default List<StoredContext> contexts(Optional<String> sourceId) {
        return List.of();
    }

    /** Where the store lives and what it holds, one line each, for {@code doctor}. */
    List<String> describe();

    @Override
    void close();

    /**
     * A session with its health at one refresh.
     *
     * @param session the session
     * @param health  its health report
     * @since 0.1
     */
    record Snapshot(Session session, HealthReport health) {
        public Snapshot {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(health, "health");
        }
    }

    /**
     * Which recorded sessions to return.
     *
     * @param since     only sessions active at or after this instant (empty: all)
     * @param project   only sessions whose project (last element of the cwd) equals this (empty: all)
     * @param assistant only sessions of this assistant id (empty: all)
     * @since 0.1
     */
    record HistoryQuery(Optional<Instant> since, Optional<String> project, Optional<String> assistant) {
        public HistoryQuery {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(assistant, "assistant");
        }
    }
}
