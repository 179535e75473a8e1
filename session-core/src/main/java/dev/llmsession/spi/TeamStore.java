package dev.llmsession.spi;

import dev.llmsession.model.SessionSample;
import dev.llmsession.model.TeamSession;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared team database several machines push to and everyone reads: sessions' latest state, their samples,
 * and the usage slices. Every row is keyed by the machine that pushed it, and every push replaces rows of the same
 * key, so pushing the same batch twice changes nothing. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface TeamStore extends AutoCloseable {

    /**
     * Writes one batch in one transaction: sessions and usage slices replace the rows of the same key (a session
     * only when the batch's state was recorded no earlier), samples are added unless present. All or nothing.
     *
     * @throws dev.llmsession.error.StoreException when the database cannot be reached or refuses the write
     */
    void push(Batch batch);

    /** Sessions of every machine, newest activity first, as last pushed. */
    List<TeamSession> sessions(Query query);

    /**
     * The sessions whose last pushed state is live (not ended) and was recorded at or after {@code recordedSince},
     * newest activity first: what a live view ({@code list --team}, {@code monitor --team}) reads, without the
     * month of ended sessions. Implementations should select them in the database; this default filters
     * {@link #sessions}.
     */
    default List<TeamSession> liveSessions(Instant recordedSince) {
        Objects.requireNonNull(recordedSince, "recordedSince");
        return sessions(Query.ALL).stream().filter(t -> t.state() != dev.llmsession.model.ActivityState.ENDED
                && !t.recordedAt().isBefore(recordedSince)).toList();
    }

    /** Samples of one session pushed by one machine, taken at or after {@code since}, oldest first. */
    List<SessionSample> samples(String machine, String sessionId, Instant since);

    /**
     * The usage slices of every machine matching {@code filter}, in no particular order. With {@code days} given the
     * store may sum the slices of one machine, assistant, project and model within one local day (one slice per
     * day, the session id empty): all a daily, weekly or monthly report needs, and far fewer rows to read. The
     * list holds the start of every day in range, ascending; a slice is summed into the day of its slot.
     */
    List<TeamUsageSlice> usage(UsageFilter filter, Optional<List<Instant>> days);

    /** The first and last slot pushed matching {@code filter}, if any (to compute day starts for {@link #usage}). */
    Optional<Range> usageRange(UsageFilter filter);

    /** Where the database is and what it holds, one line each, for {@code team status}. */
    List<String> describe();

    @Override
    void close();

    /**
     * What one machine pushes at once.
     *
     * @param machine  the machine every row belongs to
     * @param user     who works on it
     * @param sessions sessions' latest state
     * @param samples  new samples
     * @param usage    usage slices, each replacing the slice of the same key
     * @since 0.1
     */
    record Batch(String machine, String user, List<TeamSession> sessions, List<SessionSample> samples,
            List<UsageSlice> usage) {
        public Batch {
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(user, "user");
            sessions = List.copyOf(sessions);
            samples = List.copyOf(samples);
            usage = List.copyOf(usage);
            for (TeamSession s : sessions) {
                if (!s.machine().equals(machine)) {
                    throw new IllegalArgumentException("session " + s.id() + " belongs to " + s.machine()
                            + ", not to " + machine);
                }
            }
        }

        /** Rows in the batch. */
        public int size() {
            return sessions.size() + samples.size() + usage.size();
        }
    }

    /**
     * The first and last slot of the pushed usage.
     *
     * @param first earliest slot start
     * @param last  latest slot start
     * @since 0.1
     */
    record Range(Instant first, Instant last) {
        public Range {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
        }
    }

    /**
     * Which pushed sessions to return.
     *
     * @param since   only sessions active at or after this instant (empty: all)
     * @param project only this project (empty: all)
     * @param machine only this machine (empty: all)
     * @param user    only this user (empty: all)
     * @since 0.1
     */
    record Query(Optional<Instant> since, Optional<String> project, Optional<String> machine,
            Optional<String> user) {
        /** Every session. */
        public static final Query ALL = new Query(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        public Query {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(user, "user");
        }
    }
}
