package dev.llmsession.spi;

import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store's memory of sessions over time: each session's latest recorded state, and a sample of its figures
 * whenever they changed. What {@code history}, the monitor's trend and the team sync read. Implementations are
 * thread-safe; a store-backed one is also safe between processes.
 *
 * @since 0.1
 */
public interface SnapshotHistory {

    /** A history in this process's memory only. */
    static SnapshotHistory inMemory() {
        return new InMemorySnapshotHistory();
    }

    /**
     * Records the latest state of the snapshots' sessions seen at {@code at}; writes a sample only for a session
     * whose figures (context tokens, total tokens, health score) changed since its previous sample. One
     * transaction; at most one snapshot per session counts (the last given).
     */
    void record(List<Snapshot> snapshots, Instant at);

    /** Sessions seen, newest activity first (then by id), as last recorded. */
    List<Session> sessions(Query query);

    /** Samples of one session taken at or after {@code since}, oldest first. */
    List<SessionSample> samples(SessionId id, Instant since);

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
    record Query(Optional<Instant> since, Optional<String> project, Optional<String> assistant) {
        /** Every recorded session. */
        public static final Query ALL = new Query(Optional.empty(), Optional.empty(), Optional.empty());

        public Query {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(assistant, "assistant");
        }
    }
}
