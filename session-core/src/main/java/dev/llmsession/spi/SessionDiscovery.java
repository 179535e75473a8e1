package dev.llmsession.spi;

import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.PlanLimits;
import dev.llmsession.model.SessionControl;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the sessions of one assistant. Strictly read-only on the assistant's files and databases.
 * Implementations are thread-safe. A file that vanishes or cannot be parsed never escapes as an
 * exception: the session is reported from what was read, with the problem in its data-quality counters.
 *
 * @since 0.1
 */
public interface SessionDiscovery {

    /** The sessions matching {@code request}. */
    List<Session> discover(Request request);

    /** Where the adapter looked and what it found, for {@code llm-session doctor}. */
    default List<String> diagnostics() {
        return List.of();
    }

    /**
     * Reads the conversation content of {@code session} (one this adapter reported) within the limits of
     * {@code request}: goals, last messages, compaction summary, files touched, todos, errors. Streams the
     * assistant's files in bounded memory, read-only. Empty when this adapter cannot export conversations (the
     * default, so adapters built against the first SPI keep working) or the session's files are gone.
     *
     * @since 0.1
     */
    default Optional<SessionContext> readContext(Session session, ContextRequest request) {
        return Optional.empty();
    }

    /**
     * The subscriber's official plan limits as the assistant last reported them (e.g. through an opt-in status-line
     * bridge), or empty when this adapter has none (the default).
     *
     * @param now the refresh time; windows that have reset by then are left out
     * @since 0.1
     */
    default Optional<PlanLimits> planLimits(Instant now) {
        return Optional.empty();
    }

    /**
     * Opens the conversation of {@code session} (one this adapter reported) as a stream of events, read from the
     * assistant's files in bounded memory, read-only. Empty when this adapter cannot read conversations as events
     * (the default) or the session's files are gone.
     *
     * @since 0.1
     */
    default Optional<EventStream> events(Session session) {
        return Optional.empty();
    }

    /**
     * Where {@code session} lives and how its assistant attaches to, stops and resumes it. Empty when this adapter
     * knows none of it (the default); {@code llm-session} then falls back to the process alone.
     *
     * @since 0.1
     */
    default Optional<SessionControl> control(Session session) {
        return Optional.empty();
    }

    /**
     * The store's index was cleared ({@code doctor --rebuild-index}): forget what this adapter keeps in memory of
     * what it filed there, so that its next refresh reads and files everything again (a resident adapter trusting
     * its memory would leave the index, and the usage ledger, empty). The default keeps nothing.
     *
     * @since 0.3
     */
    default void indexCleared() {
    }

    /**
     * The directories whose changes can alter what this adapter reports (e.g. the assistant's transcript folder).
     * A resident engine watches them and tells the adapter in {@link Request#changes()} what changed between two
     * refreshes, so it need not walk them; an adapter that lists none always gets {@link FileChanges#unknown()}.
     * Roots that do not exist yet are watched once they appear. An adapter told of a change must take it into
     * account in that refresh (at least forget what it knew of the file): it is not told again.
     *
     * @since 0.2
     */
    default List<Path> watchRoots() {
        return List.of();
    }

    /**
     * Whether {@code changed}, a path under {@link #watchRoots()} the watcher told of, can hold calls of a session (a
     * transcript, or a folder that may hold one), as opposed to a file that never does (a registry of running
     * processes, settings). A resident engine lists the recently ended sessions again for the open usage block only
     * after a change that can hold calls of a session its refreshes did not list. The default: every path can.
     *
     * @since 0.3
     */
    default boolean holdsCalls(Path changed) {
        return true;
    }

    /**
     * How many times this adapter's refreshes of running sessions have taken a call from a running session they
     * listed and given it to a session they did not (counting rules that weigh sessions against each other, such
     * as one call copied into two sessions' files); each time, a listing of the ended sessions files it again. The
     * default, 0: never.
     *
     * @since 0.3
     */
    default long callsMovedAway() {
        return 0;
    }

    /**
     * One refresh.
     *
     * @param processes   the process table, read once for all adapters
     * @param now         the refresh time
     * @param includeEnded whether sessions without a live process are wanted
     * @param endedSince  when including ended sessions, only those active since then (empty: all)
     * @param index       where the adapter keeps per-file offsets and parser state between refreshes
     * @param progress    told how far a long read has come
     * @param estimator   estimates tokens an assistant does not record
     * @param changes     what changed under {@link #watchRoots()} since this adapter's previous refresh (since 0.2)
     * @since 0.1
     */
    record Request(ProcessTable processes, Instant now, boolean includeEnded, Optional<Instant> endedSince,
            TranscriptIndex index, IndexProgress progress, TokenEstimator estimator, FileChanges changes) {
        public Request {
            Objects.requireNonNull(processes, "processes");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(endedSince, "endedSince");
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(estimator, "estimator");
            Objects.requireNonNull(changes, "changes");
        }

        /** A refresh without a watcher: every file may have changed. */
        public Request(ProcessTable processes, Instant now, boolean includeEnded, Optional<Instant> endedSince,
                TranscriptIndex index, IndexProgress progress, TokenEstimator estimator) {
            this(processes, now, includeEnded, endedSince, index, progress, estimator, FileChanges.unknown());
        }

        /** This request for one adapter, with the changes the watcher saw under its roots. */
        public Request withChanges(FileChanges seen) {
            return new Request(processes, now, includeEnded, endedSince, index, progress, estimator, seen);
        }
    }
}
