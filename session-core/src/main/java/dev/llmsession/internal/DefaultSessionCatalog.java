package dev.llmsession.internal;

import dev.llmsession.api.RefreshStats;
import dev.llmsession.api.SessionCatalog;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.error.AmbiguousSessionIdException;
import dev.llmsession.error.SessionNotFoundException;
import dev.llmsession.error.UsageException;
import dev.llmsession.model.HealthPolicy;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.spi.FileChanges;
import dev.llmsession.spi.HealthScorer;
import dev.llmsession.spi.HostProbe;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges every discovery adapter. Reads the process table once per call and hands it to all of them;
 * an adapter that throws costs its own sessions and a warning, never the listing. Thread-safe.
 */
public final class DefaultSessionCatalog implements SessionCatalog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultSessionCatalog.class);

    private final Map<String, SessionDiscovery> discoveries;
    private final Optional<HostProbe> probe;
    private final Clock clock;
    private final Optional<SessionStore> store;
    private final HealthScorer scorer;
    private final TranscriptIndex index;
    private final IndexProgress progress;
    private final TokenEstimator estimator;
    private final Optional<TreeWatcher> watcher;
    /** One refresh per adapter at a time when watching: a change set is handed out once and applied in order. */
    private final Map<String, Object> refreshLocks = new java.util.concurrent.ConcurrentHashMap<>();
    /** What was last recorded per session: a resident catalog writes only what changed since. */
    private final Map<String, SnapshotHistory.Snapshot> recorded = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * The instance last listed per session: an unchanged session is handed out as that very instance again, so a
     * resident caller can keep work per instance (the CLI's rendered JSON) and comparisons stop at identity.
     */
    private final Map<String, Session> listed = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> tracked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastChange =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicLong refreshes = new java.util.concurrent.atomic.AtomicLong();
    /** Per adapter, the refreshes that may have left calls of sessions they did not list out of the ledger. */
    private final Map<String, java.util.concurrent.atomic.AtomicLong> unfiled =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Per adapter, the sessions its last watched refresh listed as running, and its count of calls moved away. */
    private final Map<String, Listed> lastListed = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param discoveries adapters by provider id, in priority order
     * @param probe       the process-table reader, or empty when none is installed
     * @param clock       the clock of "now"
     */
    public DefaultSessionCatalog(Map<String, SessionDiscovery> discoveries, Optional<HostProbe> probe, Clock clock) {
        this(discoveries, probe, clock, Optional.empty(), new CurveHealthScorer(HealthPolicy.DEFAULT),
                IndexProgress.NONE, TokenEstimator.charsPerToken());
    }

    /**
     * @param discoveries adapters by provider id, in priority order
     * @param probe       the process-table reader, or empty when none is installed
     * @param clock       the clock of "now"
     * @param store       where the index, latest states and samples are kept; empty keeps the index in memory
     * @param scorer      scores the sessions recorded in the store
     * @param progress    told how far a long first index has come
     * @param estimator   handed to adapters for tokens their assistant does not record
     */
    public DefaultSessionCatalog(Map<String, SessionDiscovery> discoveries, Optional<HostProbe> probe, Clock clock,
            Optional<SessionStore> store, HealthScorer scorer, IndexProgress progress, TokenEstimator estimator) {
        this(discoveries, probe, clock, store, scorer, progress, estimator, false);
    }

    /**
     * @param watchFiles whether to watch the adapters' roots and tell them what changed between refreshes (for a
     *                   resident engine; a one-shot command gains nothing from registering watches)
     */
    public DefaultSessionCatalog(Map<String, SessionDiscovery> discoveries, Optional<HostProbe> probe, Clock clock,
            Optional<SessionStore> store, HealthScorer scorer, IndexProgress progress, TokenEstimator estimator,
            boolean watchFiles) {
        this.discoveries = Map.copyOf(discoveries);
        this.probe = Objects.requireNonNull(probe, "probe");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.index = store.map(SessionStore::index).orElseGet(TranscriptIndex::inMemory);
        this.watcher = watchFiles ? openWatcher() : Optional.empty();
    }

    private static Optional<TreeWatcher> openWatcher() {
        try {
            return Optional.of(TreeWatcher.open());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("no file watcher here; every refresh walks the files", e);
            return Optional.empty();
        }
    }

    /** How this catalog keeps current: its watch mode, what it has seen, when something last changed. */
    public RefreshStats stats() {
        return new RefreshStats(watcher.filter(TreeWatcher::nativeEvents).map(w -> "events").orElse("walk"),
                tracked.size(), Optional.ofNullable(lastChange.get()), refreshes.get());
    }

    /**
     * Waits up to {@code timeout} for a file to change under an adapter's roots; true when one did. Returns false at
     * once when no native watcher runs (then only a timed refresh sees changes).
     */
    public boolean awaitChange(java.time.Duration timeout) throws InterruptedException {
        Optional<TreeWatcher> w = watcher.filter(TreeWatcher::nativeEvents);
        return w.isPresent() && w.get().awaitEvent(timeout);
    }

    @Override
    public void close() {
        watcher.ifPresent(TreeWatcher::close);
    }

    @Override
    public SessionListing list(SessionQuery query) {
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        query.assistant().filter(a -> !discoveries.containsKey(a)).ifPresent(a -> {
            throw new UsageException("unknown assistant '" + a + "'; known: " + String.join(", ",
                    discoveries.keySet().stream().sorted().toList()));
        });
        store.ifPresent(st -> warnings.addAll(st.takeNotices()));
        long started = System.nanoTime();
        ProcessTable processes = readProcesses(now, warnings);
        LOG.debug("process table read in {} ms", millisSince(started));
        SessionDiscovery.Request request = new SessionDiscovery.Request(processes, now, query.includeEnded(),
                query.since(), index, progress, estimator);
        List<Session> sessions = new ArrayList<>();
        discoveries.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            if (query.assistant().isPresent() && !query.assistant().get().equals(entry.getKey())) {
                return;
            }
            long discovering = System.nanoTime();
            try {
                List<Session> found = discover(entry.getKey(), entry.getValue(), request);
                LOG.debug("discovery {}: {} session(s) in {} ms", entry.getKey(), found.size(),
                        millisSince(discovering));
                for (Session s : found) {
                    boolean wanted = s.running() || query.includeEnded()
                            && query.since().map(since -> !s.lastActivityAt().isBefore(since)).orElse(true);
                    if (wanted) {
                        sessions.add(s);
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("discovery {} failed", entry.getKey(), e);
                warnings.add(entry.getKey() + ": " + ProviderRegistry.describe(e));
            }
        });
        sessions.replaceAll(this::sameAsListed);
        sessions.sort(Comparator.comparing(Session::lastActivityAt).reversed()
                .thenComparing(s -> s.id().value()));
        refreshes.incrementAndGet();
        sessions.forEach(s -> tracked.add(s.id().value()));
        long scoring = System.nanoTime();
        Map<SessionId, HealthReport> health = score(sessions, now);
        long recording = System.nanoTime();
        store.ifPresent(st -> record(st, sessions, health, now, warnings));
        LOG.debug("list: {} session(s) shown; scored in {} ms, recorded in the store in {} ms; whole refresh {} ms",
                sessions.size(), (recording - scoring) / 1_000_000, millisSince(recording), millisSince(started));
        return new SessionListing(now, sessions, warnings, health);
    }

    /**
     * A number that moves whenever a refresh of the adapters {@code assistant} selects (all when empty) may have left
     * calls of a session it did not list out of the usage ledger: a refresh without a watcher (it cannot tell), told
     * nothing certain, told of a change that can hold calls outside the files of the sessions it listed, one after
     * which a session listed running before is no longer listed, or is listed running anew (its calls filed earlier
     * weighed against others in another order), one whose adapter moved a call away from a running session, and a
     * failed one. While it stands still, listing the ended sessions again would file nothing new.
     */
    public long unfiledMark(Optional<String> assistant) {
        long mark = 0;
        for (String id : discoveries.keySet()) {
            if (assistant.isEmpty() || assistant.get().equals(id)) {
                mark += unfiled.computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicLong()).get();
            }
        }
        return mark;
    }

    /** One adapter's refresh, told what changed under its roots when a watcher runs. */
    private List<Session> discover(String id, SessionDiscovery discovery, SessionDiscovery.Request request) {
        java.util.concurrent.atomic.AtomicLong leftOut =
                unfiled.computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicLong());
        if (watcher.isEmpty()) {
            leftOut.incrementAndGet();
            return discovery.discover(request);
        }
        synchronized (refreshLocks.computeIfAbsent(id, k -> new Object())) {
            FileChanges changes = watcher.get().drain(id, discovery.watchRoots());
            if (!changes.known() || !changes.paths().orElseThrow().isEmpty()) {
                lastChange.set(clock.instant());
            }
            List<Session> found;
            try {
                found = discovery.discover(request.withChanges(changes));
            } catch (RuntimeException | Error e) {
                watcher.get().forget(id); // the changes it was told may not have been applied
                leftOut.incrementAndGet();
                throw e;
            }
            if (mayHaveLeftCallsOut(id, discovery, changes, found)) {
                leftOut.incrementAndGet();
            }
            return found;
        }
    }

    /** Whether a watched refresh of {@code discovery} may have left calls out of the ledger (see {@link #unfiledMark}). */
    private boolean mayHaveLeftCallsOut(String id, SessionDiscovery discovery, FileChanges changes,
            List<Session> found) {
        java.util.Set<String> listed = new java.util.HashSet<>();
        java.util.Set<String> running = new java.util.HashSet<>();
        java.util.Set<java.nio.file.Path> sources = new java.util.HashSet<>();
        for (Session s : found) {
            listed.add(s.id().value());
            if (s.running()) {
                running.add(s.id().value());
            }
            s.sources().forEach(p -> sources.add(p.toAbsolutePath().normalize()));
        }
        long moved;
        boolean outside = !changes.known();
        try {
            moved = discovery.callsMovedAway();
            for (java.nio.file.Path p : changes.paths().orElse(java.util.Set.of())) {
                outside = outside || !sources.contains(p) && discovery.holdsCalls(p);
            }
        } catch (RuntimeException e) {
            LOG.debug("discovery {} cannot tell what it left unfiled", id, e);
            lastListed.remove(id);
            return true;
        }
        Listed before = lastListed.put(id, new Listed(running, moved));
        // a session that ran and is not listed now ended since its last lines were filed; one that runs anew had its
        // calls filed weighed against the other sessions as they stood then
        return outside || before == null || before.moved() != moved || !listed.containsAll(before.running())
                || !before.running().containsAll(running);
    }

    /** What an adapter's last watched refresh listed running, and what its {@code callsMovedAway()} said then. */
    private record Listed(java.util.Set<String> running, long moved) {
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private void record(SessionStore st, List<Session> sessions, Map<SessionId, HealthReport> health, Instant now,
            List<String> warnings) {
        try {
            List<SnapshotHistory.Snapshot> changed = sessions.stream()
                    .map(s -> new SnapshotHistory.Snapshot(s, health.get(s.id())))
                    .filter(this::changedSinceRecorded)
                    .toList();
            st.history().record(changed, now);
            changed.forEach(s -> recorded.put(s.session().id().value(), s));
        } catch (RuntimeException e) {
            LOG.debug("recording the refresh failed", e);
            warnings.add("store: this refresh was not recorded: " + ProviderRegistry.describe(e));
        }
    }

    /** Each session's health, scored once, here: the store records these scores and the caller shows them. */
    private Map<SessionId, HealthReport> score(List<Session> sessions, Instant now) {
        Map<SessionId, HealthReport> health = new HashMap<>();
        sessions.forEach(s -> health.put(s.id(), scorer.score(s, now)));
        return health;
    }

    /** The instance listed before when it equals {@code s}; else {@code s}, now the one listed. */
    private Session sameAsListed(Session s) {
        Session before = listed.get(s.id().value());
        if (before != null && before.equals(s)) {
            return before;
        }
        listed.put(s.id().value(), s);
        return s;
    }

    /** Whether {@code s} differs from what this catalog last recorded of its session (figures, state, health). */
    private boolean changedSinceRecorded(SnapshotHistory.Snapshot s) {
        SnapshotHistory.Snapshot before = recorded.get(s.session().id().value());
        return before == null || before.session() != s.session() && !before.session().equals(s.session())
                || !before.health().score().equals(s.health().score())
                || before.health().level() != s.health().level();
    }

    private ProcessTable readProcesses(Instant now, List<String> warnings) {
        if (probe.isEmpty()) {
            warnings.add("no host probe installed: running sessions cannot be told from ended ones");
            return ProcessTable.empty(now);
        }
        try {
            return probe.get().processes();
        } catch (RuntimeException e) {
            LOG.debug("host probe failed", e);
            warnings.add("process table unreadable: " + ProviderRegistry.describe(e));
            return ProcessTable.empty(now);
        }
    }

    @Override
    public Session resolve(String idOrPrefix) {
        String query = idOrPrefix == null ? "" : idOrPrefix.strip();
        if (query.isEmpty()) {
            throw new UsageException("a session id is needed (llm-session list shows them)");
        }
        List<Session> all = list(SessionQuery.ALL).sessions();
        List<Session> matches = all.stream().filter(s -> s.id().matches(query)).toList();
        Optional<Session> exact = matches.stream()
                .filter(s -> s.id().value().equalsIgnoreCase(query) || s.id().nativeId().equalsIgnoreCase(query))
                .findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        if (matches.isEmpty()) {
            throw new SessionNotFoundException(query);
        }
        if (matches.size() > 1) {
            throw new AmbiguousSessionIdException(query, matches.stream().map(s -> s.id().value()).sorted().toList());
        }
        return matches.get(0);
    }
}
