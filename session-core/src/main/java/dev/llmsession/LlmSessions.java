package dev.llmsession;

import dev.llmsession.api.ContextImports;
import dev.llmsession.api.Diagnostics;
import dev.llmsession.api.FileTokens;
import dev.llmsession.api.IndexedUsage;
import dev.llmsession.api.ProviderStatus;
import dev.llmsession.api.RefreshStats;
import dev.llmsession.api.Refreshed;
import dev.llmsession.api.SecretRedactor;
import dev.llmsession.api.SessionCatalog;
import dev.llmsession.api.SessionContexts;
import dev.llmsession.api.SessionHealth;
import dev.llmsession.api.SessionHistory;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.api.SessionTrends;
import dev.llmsession.error.DiscoveryException;
import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.StoreException;
import dev.llmsession.error.UsageException;
import dev.llmsession.internal.CachingTokenEstimator;
import dev.llmsession.internal.CurveHealthScorer;
import dev.llmsession.internal.DefaultSessionCatalog;
import dev.llmsession.internal.GuardedDiscovery;
import dev.llmsession.internal.IndexedUsageReports;
import dev.llmsession.internal.ProviderRegistry;
import dev.llmsession.internal.ProviderRegistry.Candidate;
import dev.llmsession.internal.RecordedHistory;
import dev.llmsession.internal.StoreDiagnostics;
import dev.llmsession.internal.StoreOpening;
import dev.llmsession.internal.UsageEngine;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.HealthPolicy;
import dev.llmsession.model.PlanLimits;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import dev.llmsession.model.SessionId;
import dev.llmsession.spi.EventStream;
import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.HealthScorer;
import dev.llmsession.spi.HostProbe;
import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.Provider;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SessionStoreProvider;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.Tokenizer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The library's entry point. Explicit first: register the providers you want; {@link Builder#discoverProviders}
 * is the opt-in convenience that finds them with {@code ServiceLoader}.
 *
 * <pre>{@code
 * LlmSessions sessions = LlmSessions.builder()
 *         .discovery(new ClaudeCodeDiscoveryProvider())
 *         .hostProbe(new OshiHostProbeProvider())
 *         .build();
 * sessions.catalog().list(SessionQuery.RUNNING).sessions().forEach(s -> ...);
 * }</pre>
 *
 * Thread-safe once built.
 *
 * @since 0.1
 */
public final class LlmSessions implements AutoCloseable {
    private final SessionCatalog catalog;
    private final SessionHealth health;
    private final SessionContexts contexts;
    private final HealthScorer scorer;
    private final Clock clock;
    private final CachingTokenEstimator tokenEstimator;
    private final FileTokenCache fileTokenCache;
    private final Map<String, SessionDiscovery> discoveries;
    private final List<ProviderStatus> providers;
    private final Map<String, GuardedDiscovery> guarded;
    private final Optional<SessionStore> store;
    private final DefaultSessionCatalog refresher;
    private final Optional<IndexedUsage> usage;
    private final Optional<SessionHistory> history;
    private final ContextImports imports;
    private final SessionTrends trends;
    private final Diagnostics diagnostics;

    private LlmSessions(Builder b) {
        List<ProviderStatus> statuses = new ArrayList<>();
        // The store opens on a thread of its own while the adapters and the probe are created: opening it (SQLite's
        // native library, the schema check, JDBI's first use) and creating them are each a good part of a short
        // command's time, and neither needs the other.
        ProviderRegistry.Selection<SessionStoreProvider> ss =
                ProviderRegistry.select("SessionStore", b.storeCandidates, b.context);
        List<ProviderStatus> storeStatuses = new ArrayList<>(ss.statuses());
        StoreOpening opening = ss.active().isEmpty() ? StoreOpening.none() : StoreOpening.start(() -> {
            Optional<SessionStore> opened = Optional.empty();
            for (SessionStoreProvider p : ss.active()) {
                opened = opened.isPresent() ? opened : create(p, "SessionStore", b.context, storeStatuses);
            }
            return opened;
        });
        Map<String, SessionDiscovery> created = new LinkedHashMap<>();
        Map<String, GuardedDiscovery> guarded = new LinkedHashMap<>();
        Optional<HostProbe> probe = Optional.empty();
        try {
            ProviderRegistry.Selection<SessionDiscoveryProvider> ds =
                    ProviderRegistry.select("SessionDiscovery", b.discoveryCandidates, b.context);
            ProviderRegistry.Selection<HostProbeProvider> hs =
                    ProviderRegistry.select("HostProbe", b.probeCandidates, b.context);
            statuses.addAll(ds.statuses());
            statuses.addAll(hs.statuses());
            statuses.addAll(b.pluginProblems);
            Map<String, String> prefixes = new LinkedHashMap<>();
            for (SessionDiscoveryProvider p : ds.active()) {
                Optional<String> clash = prefixClash(p, prefixes);
                if (clash.isPresent()) {
                    deactivate(statuses, "SessionDiscovery", p.id(), clash.get());
                    continue;
                }
                create(p, "SessionDiscovery", b.context, statuses).ifPresent(d -> {
                    GuardedDiscovery g = new GuardedDiscovery(d, GuardedDiscovery.isPlugin(p));
                    guarded.put(p.id(), g);
                    created.put(p.id(), g);
                });
            }
            for (HostProbeProvider p : hs.active()) {
                probe = probe.isPresent() ? probe : create(p, "HostProbe", b.context, statuses);
            }
        } catch (RuntimeException | Error e) {
            opening.abandon();
            throw e;
        }
        this.guarded = java.util.Collections.unmodifiableMap(guarded);
        Optional<SessionStore> openedStore = opening.await();
        statuses.addAll(storeStatuses);
        this.store = openedStore;
        this.discoveries = java.util.Collections.unmodifiableMap(created);
        this.providers = List.copyOf(statuses);
        this.scorer = new CurveHealthScorer(b.policy);
        this.clock = b.context.clock();
        // File counts outlive the run when the store keeps them; otherwise they last as long as this instance.
        this.fileTokenCache = openedStore.map(SessionStore::fileTokenCache).orElseGet(FileTokenCache::inMemory);
        this.tokenEstimator = new CachingTokenEstimator(Tokenizer.charsPerToken(), fileTokenCache);
        DefaultSessionCatalog catalog = new DefaultSessionCatalog(created, probe, b.context.clock(), openedStore,
                scorer, b.progress, tokenEstimator, b.watchFiles);
        this.refresher = catalog;
        // A store that was installed but could not be opened (newer schema, unwritable directory) must not pass
        // silently: every listing says so once, and works on with an in-memory index.
        Optional<String> storeProblem = openedStore.isPresent() ? Optional.empty() : statuses.stream()
                .filter(st -> st.port().equals("SessionStore") && st.reason().isPresent())
                .map(st -> "store " + st.id() + " not in use, the index lives in memory for this run: "
                        + st.reason().get())
                .findFirst();
        this.catalog = storeProblem.isEmpty() ? catalog : new SessionCatalog() {
            @Override
            public SessionListing list(SessionQuery query) {
                SessionListing listing = catalog.list(query);
                List<String> warnings = new ArrayList<>(listing.warnings());
                warnings.add(0, storeProblem.get());
                return new SessionListing(listing.takenAt(), listing.sessions(), warnings, listing.health());
            }

            @Override
            public Session resolve(String idOrPrefix) {
                return catalog.resolve(idOrPrefix);
            }
        };
        this.health = session -> scorer.score(session, b.context.clock().instant());
        this.usage = openedStore.map(st -> new IndexedUsageReports(this.catalog,
                new UsageEngine(st.ledger(), b.context.clock()), b.context.clock(), catalog::unfiledMark));
        this.history = openedStore.map(st -> new RecordedHistory(this.catalog, st.history(), st.contexts()));
        Optional<SessionStore> st = openedStore;
        this.imports = context -> {
            st.ifPresent(s -> s.contexts().record(context));
            return st.isPresent();
        };
        this.trends = (id, since) -> st.map(s -> s.history().samples(id, since)).orElse(List.of());
        this.diagnostics = new StoreDiagnostics(this.catalog, created, st, this::providers);
        this.contexts = (session, request, redact) -> {
            SessionDiscovery adapter = created.get(session.assistant());
            if (adapter == null) {
                throw new UsageException("cannot export " + session.id() + ": no active adapter for "
                        + session.assistant());
            }
            ContextPack pack = ContextPack.of(session, health.assess(session),
                    adapter.readContext(session, request).orElseThrow(() -> new DiscoveryException("cannot export "
                            + session.id() + ": " + session.assistant() + " has no readable conversation for it"
                            + " (its transcript is gone, or this adapter cannot export)", null)),
                    b.context.clock().instant());
            return redact ? SecretRedactor.standard().redact(pack) : pack;
        };
    }

    /**
     * Creates the port of an active provider; a provider whose {@code create} throws is marked inactive with the
     * reason instead of failing the whole build (a broken adapter is a diagnostic, not a crash).
     */
    private static <P> Optional<P> create(Provider<P> provider, String port, ProviderContext context,
            List<ProviderStatus> statuses) {
        try {
            return Optional.of(Objects.requireNonNull(provider.create(context), "create() returned null"));
        } catch (RuntimeException e) {
            deactivate(statuses, port, provider.id(), "create() failed: " + ProviderRegistry.describe(e));
            return Optional.empty();
        } catch (LinkageError e) {
            // A plugin built against classes this installation lacks is a diagnostic; a built-in one is a broken
            // installation and fails the run, as before.
            if (!GuardedDiscovery.isPlugin(provider)) {
                throw e;
            }
            deactivate(statuses, port, provider.id(), "create() failed: " + ProviderRegistry.describe(e));
            return Optional.empty();
        }
    }

    /** Marks the active status of {@code id} inactive with {@code reason}. */
    private static void deactivate(List<ProviderStatus> statuses, String port, String id, String reason) {
        for (int i = 0; i < statuses.size(); i++) {
            ProviderStatus s = statuses.get(i);
            if (s.active() && s.port().equals(port) && s.id().equals(id)) {
                statuses.set(i, new ProviderStatus(s.port(), s.id(), s.version(), s.source(), false,
                        Optional.of(reason)));
            }
        }
    }

    /**
     * Two adapters with one id prefix would mint colliding session ids; the one of higher priority (met first)
     * keeps the prefix. A prefix that cannot be read or is not a valid one also disqualifies the adapter.
     */
    private static Optional<String> prefixClash(SessionDiscoveryProvider p, Map<String, String> taken) {
        String prefix;
        try {
            prefix = Objects.requireNonNull(p.idPrefix(), "idPrefix() returned null");
            new SessionId(prefix, "x");
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("unusable id prefix: " + ProviderRegistry.describe(e));
        }
        String owner = taken.putIfAbsent(prefix, p.id());
        return owner == null ? Optional.empty()
                : Optional.of("id prefix '" + prefix + "' is already used by " + owner);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Lists and resolves sessions. */
    public SessionCatalog catalog() {
        return catalog;
    }

    /** Scores sessions with the configured policy at the context's clock. */
    public SessionHealth health() {
        return health;
    }

    /** Builds context packs of sessions (export). */
    public SessionContexts contexts() {
        return contexts;
    }

    /** The health scorer, for callers that choose their own "now". */
    public HealthScorer healthScorer() {
        return scorer;
    }

    /**
     * The default estimator: four characters per token, each file's count cached by path, size and modification
     * time (in the store when one is installed, so it survives restarts).
     */
    public TokenEstimator tokenEstimator() {
        return tokenEstimator;
    }

    /** Per-file token estimates, four characters per token, sharing {@link #tokenEstimator()}'s cache. */
    public FileTokens fileTokens() {
        return tokenEstimator;
    }

    /**
     * Per-file token estimates by {@code tokenizer} (e.g. a byte-pair encoder), cached like the default's under
     * the tokenizer's id.
     *
     * @since 0.1
     */
    public FileTokens fileTokens(Tokenizer tokenizer) {
        return new CachingTokenEstimator(Objects.requireNonNull(tokenizer, "tokenizer"), fileTokenCache);
    }

    /**
     * The newest official plan limits any adapter knows (see {@link SessionDiscovery#planLimits}), without the
     * windows that have reset by {@code now}; empty when none is known.
     *
     * @since 0.1
     */
    public Optional<PlanLimits> planLimits(Instant now) {
        return newestLimits(discoveries.values(), now);
    }

    /**
     * The official plan limits the adapter {@code assistant} (a provider id, as {@link
     * dev.llmsession.model.Session#assistant()}) knows, as {@link #planLimits(Instant)}; empty when it knows none
     * or is not active.
     *
     * @since 0.1
     */
    public Optional<PlanLimits> planLimits(String assistant, Instant now) {
        SessionDiscovery d = discoveries.get(assistant);
        return d == null ? Optional.empty() : newestLimits(List.of(d), now);
    }

    private static Optional<PlanLimits> newestLimits(java.util.Collection<SessionDiscovery> adapters, Instant now) {
        Optional<PlanLimits> newest = Optional.empty();
        for (SessionDiscovery d : adapters) {
            Optional<PlanLimits> p;
            try {
                p = d.planLimits(now);
            } catch (RuntimeException e) {
                continue; // an adapter's failure costs its limits, not the listing
            }
            if (p.isPresent() && (newest.isEmpty() || p.get().observedAt().isAfter(newest.get().observedAt()))) {
                newest = p;
            }
        }
        return newest.map(p -> p.current(now)).filter(p -> !p.empty());
    }

    /**
     * Token and cost reports from the store's index (daily, weekly, monthly, session, 5-hour blocks), when a store
     * is installed; the reports bring the index up to date themselves ({@link IndexedUsage#refreshAndReport}).
     *
     * @since 0.1
     */
    public Optional<IndexedUsage> usage() {
        return usage;
    }

    /**
     * How this library keeps current: whether a native file watcher tells the adapters what changed (see
     * {@link Builder#watchFiles}), how many sessions it has seen, when a file last changed.
     *
     * @since 0.2
     */
    public RefreshStats refreshStats() {
        return refresher.stats();
    }

    /**
     * Waits up to {@code timeout} for a file to change under an assistant's folders (with {@link Builder#watchFiles}
     * on a platform with native file events); true when one did, and the next listing sees it. False at once
     * without a watcher. For a screen that redraws on change rather than on a timer.
     *
     * @since 0.2
     */
    public boolean awaitChange(java.time.Duration timeout) throws InterruptedException {
        return refresher.awaitChange(timeout);
    }

    /** Every session the store has seen and the packs imported from them, when a store is installed. */
    public Optional<SessionHistory> history() {
        return history;
    }

    /** Remembers imported context packs (in the store, when one is installed). */
    public ContextImports imports() {
        return imports;
    }

    /** The samples of sessions' figures over time (empty without a store). */
    public SessionTrends trends() {
        return trends;
    }

    /** Where every adapter looked, what it found, and the store ({@code doctor}). */
    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** Whether a store is in use, so what is indexed and counted outlives this instance. */
    public boolean storeInUse() {
        return store.isPresent();
    }

    /**
     * How to reach and steer {@code session}: what its adapter knows (pid, tmux pane, resume command…), or what
     * the session itself says (its pid and cwd) when the adapter knows none.
     *
     * @since 0.1
     */
    public SessionControl control(Session session) {
        SessionDiscovery adapter = discoveries.get(session.assistant());
        return (adapter == null ? Optional.<SessionControl>empty() : adapter.control(session))
                .orElseGet(() -> SessionControl.resumeOnly(session, List.of()));
    }

    /**
     * The conversation of {@code session} as events (prompts, replies, tool calls…), when its adapter can read it.
     * The caller closes the stream.
     *
     * @throws DiscoveryException when no adapter of the session's assistant is active
     * @since 0.1
     */
    public Optional<EventStream> events(Session session) {
        SessionDiscovery adapter = discoveries.get(session.assistant());
        if (adapter == null) {
            throw new DiscoveryException("no active adapter for " + session.assistant(), null);
        }
        return adapter.events(session);
    }

    /**
     * The team sync of this machine's store (see {@link TeamSync}), after a refresh of every session (ended ones
     * included), so what was written since the last refresh is part of the push.
     *
     * @param ledgerFile where the acknowledged state lives (beside the local store)
     * @param target     the team database's identity (its URL)
     * @param machine    this machine's name, part of every key
     * @param user       who works on this machine
     * @throws StoreException when no store is in use: the store is what a sync pushes
     * @since 0.1
     */
    public Refreshed<TeamSync> teamSync(Path ledgerFile, String target, String machine, String user) {
        SessionStore st = store.orElseThrow(() -> new StoreException(ErrorCode.IO,
                "team sync needs the local store, and none is active (llm-session providers says why)"));
        TeamSync sync = new TeamSync(st.history(), st.ledger(), health, ledgerFile, target, machine, user, clock);
        SessionListing refresh = catalog.list(new SessionQuery(true, Optional.empty(), Optional.empty()));
        return new Refreshed<>(sync, refresh.warnings());
    }

    /** Closes the store, if any, and the file watcher. */
    @Override
    public void close() {
        refresher.close();
        store.ifPresent(SessionStore::close);
    }

    /**
     * Every provider considered and what became of it. A discovery adapter whose latest {@code discover} failed
     * stays active (the next refresh tries again) and carries the failure as its reason.
     */
    public List<ProviderStatus> providers() {
        if (guarded.values().stream().allMatch(g -> g.lastFailure().isEmpty())) {
            return providers;
        }
        List<ProviderStatus> out = new ArrayList<>(providers.size());
        for (ProviderStatus s : providers) {
            GuardedDiscovery g = s.active() && s.port().equals("SessionDiscovery") ? guarded.get(s.id()) : null;
            Optional<String> failure = g == null ? Optional.empty() : g.lastFailure();
            out.add(failure.isEmpty() ? s
                    : new ProviderStatus(s.port(), s.id(), s.version(), s.source(), true, failure));
        }
        return List.copyOf(out);
    }

    /** Configures an {@link LlmSessions}; each option may be set once. */
    public static final class Builder {
        private final List<Candidate<SessionDiscoveryProvider>> discoveryCandidates = new ArrayList<>();
        private final List<Candidate<HostProbeProvider>> probeCandidates = new ArrayList<>();
        private final List<Candidate<SessionStoreProvider>> storeCandidates = new ArrayList<>();
        private final List<ProviderStatus> pluginProblems = new ArrayList<>();
        private IndexProgress progress = IndexProgress.NONE;
        private ProviderContext context = ProviderContext.system();
        private HealthPolicy policy = HealthPolicy.DEFAULT;
        private boolean contextSet;
        private boolean policySet;
        private boolean watchFiles;

        private Builder() {
        }

        /** Registers a discovery adapter explicitly. */
        public Builder discovery(SessionDiscoveryProvider provider) {
            discoveryCandidates.add(Candidate.of(Objects.requireNonNull(provider, "provider")));
            return this;
        }

        /** Registers a host probe explicitly. */
        public Builder hostProbe(HostProbeProvider provider) {
            probeCandidates.add(Candidate.of(Objects.requireNonNull(provider, "provider")));
            return this;
        }

        /** Registers a storage adapter explicitly. */
        public Builder store(SessionStoreProvider provider) {
            storeCandidates.add(Candidate.of(Objects.requireNonNull(provider, "provider")));
            return this;
        }

        /** Told how far a long first index has come (a terminal draws a progress bar with it). */
        public Builder progress(IndexProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Adds every provider {@code ServiceLoader} finds through {@code loader}. */
        public Builder discoverProviders(ClassLoader loader) {
            return providers(FoundProviders.load(loader));
        }

        /** Adds providers found earlier, including the entries that failed to load (reported, not used). */
        public Builder providers(FoundProviders found) {
            Objects.requireNonNull(found, "found");
            found.discoveries().forEach(this::discovery);
            found.probes().forEach(this::hostProbe);
            found.stores().forEach(this::store);
            for (FoundProviders.Failure f : found.failures()) {
                switch (f.port()) {
                    case "SessionDiscovery" -> discoveryCandidates.add(Candidate.broken(f.reason(), f.source()));
                    case "HostProbe" -> probeCandidates.add(Candidate.broken(f.reason(), f.source()));
                    case FoundProviders.PLUGIN -> pluginProblems.add(new ProviderStatus(FoundProviders.PLUGIN,
                            pluginName(f.source()), "unknown", f.source(), false, Optional.of(f.reason())));
                    default -> storeCandidates.add(Candidate.broken(f.reason(), f.source()));
                }
            }
            return this;
        }

        private static String pluginName(String source) {
            int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
            String name = slash >= 0 ? source.substring(slash + 1) : source;
            return name.isEmpty() ? "(plugin)" : name;
        }

        /** Home, environment, clock and settings the providers see; defaults to the real ones. */
        public Builder context(ProviderContext context) {
            if (contextSet) {
                throw new IllegalStateException("context is already set");
            }
            this.context = Objects.requireNonNull(context, "context");
            contextSet = true;
            return this;
        }

        /** The health policy; defaults to SPEC §5's. */
        public Builder healthPolicy(HealthPolicy policy) {
            if (policySet) {
                throw new IllegalStateException("healthPolicy is already set");
            }
            this.policy = Objects.requireNonNull(policy, "policy");
            policySet = true;
            return this;
        }

        /**
         * Whether to watch the assistants' folders and tell each adapter what changed between refreshes, so a
         * refresh need not walk every file. For an instance that lives long (an engine, a monitor); a one-shot
         * command gains nothing from registering watches. Off by default.
         *
         * @since 0.2
         */
        public Builder watchFiles(boolean watch) {
            this.watchFiles = watch;
            return this;
        }

        public LlmSessions build() {
            return new LlmSessions(this);
        }
    }
}
