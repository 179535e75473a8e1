package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.Inventory.MainFile;
import dev.llmsession.discovery.claudecode.LiveSessions.Live;
import dev.llmsession.discovery.claudecode.SessionMapper.Candidate;
import dev.llmsession.discovery.claudecode.events.TranscriptFollower;
import dev.llmsession.discovery.claudecode.live.ClaudeProcesses;
import dev.llmsession.discovery.claudecode.live.ProcessRegistry;
import dev.llmsession.discovery.claudecode.live.RegistryControl;
import dev.llmsession.discovery.claudecode.live.StatusLineFeed;
import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.ContextReader;
import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.PlanLimits;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.SessionControl;
import dev.llmsession.spi.EventStream;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TranscriptIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Claude Code sessions: live ones from the process registry checked against the process table (or,
 * for processes the registry does not cover, from the process's working directory), ended ones from the
 * transcripts nobody owns. Strictly read-only. Each refresh brings the files of the projects it needs up to date
 * through {@link TranscriptCache} against the request's {@link dev.llmsession.spi.TranscriptIndex} (unchanged files
 * are not read, grown files only from their stored offset) and commits the index before it returns (a full
 * listing on a thread of its own while it reads, {@link IndexWrites}). Thread-safe: per-file
 * summaries are memoised in a concurrent map; everything else is computed per call.
 */
public final class ClaudeCodeSessionDiscovery implements SessionDiscovery {

    /** The assistant id sessions carry. */
    public static final String ASSISTANT = "claude-code";
    /** The prefix of session ids. */
    public static final String ID_PREFIX = "claude";

    private static final Logger LOG = LoggerFactory.getLogger(ClaudeCodeSessionDiscovery.class);
    private static final String JSONL = ".jsonl";
    /** The index namespace of the project memo: one entry per project directory (see {@link ProjectCodec}). */
    static final String PROJECTS_ID = "claude-code/projects";
    /** The index namespace of what each project's files claim: one entry per project directory ({@link ProjectClaims}). */
    static final String CLAIMS_ID = "claude-code/claims";
    /** Usage rows pending while files are read that make a commit. */
    static final int LEDGER_BATCH = 4096;

    private final ProviderContext context;
    private final TranscriptCache cache;
    private final PriceTable prices;
    private final SessionAssembler assembler;
    private final UsageLedger ledger;
    private final ProcessRegistry registry = new ProcessRegistry();
    private final ContextReader contextReader = new ContextReader();
    private final Inventory inventory = new Inventory();
    /** Every project assembled or decoded by this instance, so a resident one never decodes its memo again. */
    private final Map<Path, DecodedProject> decoded = new java.util.concurrent.ConcurrentHashMap<>();
    private final SessionMapper mapper;
    private final WindowResolver windows;
    private final StatusLineFeed statusLine;
    private volatile List<String> diagnostics = List.of();
    private final AtomicLong projectsAssembled = new AtomicLong();
    /** The last running-only assembly of each project with live sessions, for a resident process. */
    private final Map<Path, PartialAssembly> partials = new java.util.concurrent.ConcurrentHashMap<>();
    /** What this (resident) instance filed in the usage ledger per project assembled whole. */
    private final FiledCalls filed = new FiledCalls();
    /**
     * Usage rows pending while files are read that make a commit (few transactions, each of thousands of rows); 0
     * when projects are filed only after the last read (see {@link Filing}).
     */
    private final int ledgerBatch;
    /**
     * A watched instance's last running-only result per project with live sessions, under the inventory's stamp of
     * the project it came from: a project nothing changed in since is neither listed into jobs, nor brought up to
     * date, nor assembled again.
     */
    private final Map<Path, KeptProject> keptProjects = new java.util.concurrent.ConcurrentHashMap<>();
    /** Running-only assemblies in which a live session lost a call it had to another session (rule 5's order). */
    private final AtomicLong callsMovedAway = new AtomicLong();

    public ClaudeCodeSessionDiscovery(ProviderContext context) {
        this(context, new TranscriptReader(), PriceTable.embedded());
    }

    ClaudeCodeSessionDiscovery(ProviderContext context, TranscriptReader reader, PriceTable prices) {
        this(context, reader, prices, LEDGER_BATCH);
    }

    /**
     * Test seam: a full listing commits the projects filed so far (usage rows, memos, claims) while it reads once
     * {@code ledgerBatch} usage rows are pending; 0 files every project after the last file is read.
     */
    ClaudeCodeSessionDiscovery(ProviderContext context, TranscriptReader reader, PriceTable prices, int ledgerBatch) {
        this.ledgerBatch = ledgerBatch;
        this.context = context;
        this.cache = new TranscriptCache(reader);
        this.prices = prices;
        this.assembler = new SessionAssembler(prices);
        this.ledger = new UsageLedger(prices);
        this.windows = new WindowResolver(context);
        this.statusLine = new StatusLineFeed(context.setting(StatusLineFeed.DIR_SETTING).map(Path::of).orElse(null));
        this.mapper = new SessionMapper();
    }

    /** The newest {@code rate_limits} Claude Code gave llm-session's status-line command, if it is installed. */
    @Override
    public Optional<PlanLimits> planLimits(Instant now) {
        return statusLine.newestLimits();
    }

    @Override
    public List<String> diagnostics() {
        List<String> last = diagnostics;
        if (!last.isEmpty()) {
            return last;
        }
        List<String> out = new ArrayList<>();
        out.add(rootsLine());
        out.add("no discovery run yet");
        return out;
    }

    /**
     * Streams the session's main transcript (its first source) for the context: sub-agent files are left out,
     * the context is the main conversation.
     */
    @Override
    public Optional<SessionContext> readContext(Session session, ContextRequest request) {
        if (!ASSISTANT.equals(session.assistant()) || session.sources().isEmpty()) {
            return Optional.empty();
        }
        Path main = session.sources().get(0);
        if (!main.getFileName().toString().endsWith(JSONL) || !Files.isRegularFile(main)) {
            return Optional.empty();
        }
        return contextReader.read(main, request);
    }

    /** Follows the session's main transcript: the conversation, without its sub-agents' files. */
    @Override
    public Optional<EventStream> events(Session session) {
        if (!ASSISTANT.equals(session.assistant()) || session.sources().isEmpty()
                || !session.sources().get(0).getFileName().toString().endsWith(JSONL)) {
            return Optional.empty();
        }
        return TranscriptFollower.open(session.sources().get(0));
    }

    /** The tmux pane, background job and recorded process start from the registry; the resume command. */
    @Override
    public Optional<SessionControl> control(Session session) {
        if (!ASSISTANT.equals(session.assistant())) {
            return Optional.empty();
        }
        return Optional.of(RegistryControl.of(session, ClaudeRoots.existing(context)));
    }

    /** The projects assembled, the files read and the partial assemblies kept in memory all go: read it all again. */
    @Override
    public void indexCleared() {
        filed.clear();
        decoded.clear();
        partials.clear();
        keptProjects.clear();
        cache.forgetAll();
    }

    /**
     * The roots' {@code projects/} folders (what the inventory lists) and {@code sessions/} folders (the registry),
     * those that exist: a root that does not would make the watcher answer "unknown" until it appears.
     */
    @Override
    public List<Path> watchRoots() {
        List<Path> out = new ArrayList<>();
        for (Path root : ClaudeRoots.existing(context)) {
            for (String folder : List.of("projects", "sessions")) {
                if (Files.isDirectory(root.resolve(folder))) {
                    out.add(root.resolve(folder));
                }
            }
        }
        return out;
    }

    /** The registry ({@code sessions/}) and files other than transcripts hold no calls; folders may hold some. */
    @Override
    public boolean holdsCalls(Path changed) {
        for (Path root : ClaudeRoots.existing(context)) {
            if (changed.startsWith(root.resolve("sessions"))) {
                return false;
            }
        }
        Path name = changed.getFileName();
        return name == null || name.toString().endsWith(JSONL)
                || !Files.isRegularFile(changed, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public long callsMovedAway() {
        return callsMovedAway.get();
    }

    @Override
    public List<Session> discover(Request request) {
        Diagnostics diag = new Diagnostics();
        try {
            return run(request, diag);
        } catch (RuntimeException e) {
            // Recorded for doctor, and rethrown so the catalog shows it as this adapter's one-line warning.
            diag.problems.add("discovery failed: " + e);
            throw e;
        } finally {
            diagnostics = diag.lines(rootsLine());
        }
    }

    private List<Session> run(Request request, Diagnostics diag) {
        long started = System.nanoTime();
        // noted first: a refresh that ends early must still account for what it was told
        inventory.note(request.changes());
        List<Path> roots = ClaudeRoots.existing(context);
        // Every live session needs a claude process (registry entries are checked against it): without one,
        // a listing of running sessions is empty, and walking a large history would only cost time.
        if (!request.includeEnded() && request.processes().all().stream().noneMatch(ClaudeProcesses::looksLikeClaude)) {
            return List.of();
        }
        Inventory.Listing listing = inventory.list(roots);
        ProcessTable table = request.processes();
        List<LiveSessions.Registered> registered = LiveSessions.registered(roots, registry, table, diag.stale::add);
        diag.valid = registered.size();
        Map<Path, Live> live = LiveSessions.match(listing, registered, table);
        if (request.changes().known() && !live.isEmpty()) {
            // the watcher's events may lag a moment behind a running session's writes: its files are looked at
            listing = inventory.restat(roots, LiveSessions.transcripts(live.values()));
            live = LiveSessions.match(listing, registered, table);
        }
        diag.projects = listing.projectDirs.size();
        diag.transcripts = listing.mains.size();

        List<Candidate> wanted = new ArrayList<>();
        for (Live l : live.values()) {
            wanted.add(new Candidate(l.file(), l));
        }
        if (request.includeEnded()) {
            for (MainFile m : listing.mains) {
                if (live.containsKey(m.path())) {
                    continue;
                }
                if (request.endedSince().isPresent() && m.modified().isBefore(request.endedSince().get())) {
                    continue;
                }
                wanted.add(new Candidate(m, null));
            }
        }

        Set<Path> projectsToRead = new java.util.LinkedHashSet<>();
        for (Candidate c : wanted) {
            if (c.file() != null) {
                projectsToRead.add(c.file().projectDir());
            }
        }
        // A running-only refresh (what a resident monitor repeats) assembles the live sessions only and never
        // uses the project memo: no memo load, fingerprint, decode nor write. It does not look for vanished
        // files either; their index entries only cost space until the next full listing drops them.
        boolean runningOnly = !request.includeEnded();
        // A running-only refresh needs the figures of the live sessions alone: their projects are assembled
        // partially, and such a result is never written to the project memo (which holds complete projects only).
        Map<Path, Set<String>> liveByProject = new HashMap<>();
        if (runningOnly) {
            for (Candidate c : wanted) {
                if (c.file() != null) {
                    liveByProject.computeIfAbsent(c.file().projectDir(), k -> new HashSet<>()).add(c.file().sessionId());
                }
            }
        }
        // Without a watcher (a command run on its own, which remembers nothing), the other sessions of a live
        // session's project are weighed by their stored claims: only the live sessions' file states are decoded,
        // not the whole project's. A resident process keeps every summary in memory and neither reads nor writes
        // claims. They are loaded and decoded on a thread of their own while the projects' sub-agent folders are
        // walked below: each is a good part of a `list`, and neither needs the other.
        boolean withoutWatcher = !request.changes().known();
        TranscriptIndex index = request.index();
        Set<Path> liveProjects = Set.copyOf(projectsToRead);
        CompletableFuture<Map<Path, ProjectClaims>> claimsLoading =
                runningOnly && withoutWatcher && !liveProjects.isEmpty()
                        ? CompletableFuture.supplyAsync(() -> loadClaims(index, liveProjects),
                                daemon("claude-code-claims"))
                        : CompletableFuture.completedFuture(Map.of());
        // A watched running-only refresh takes a project unchanged since its last one (same stamp, same live
        // sessions) as it was: told every change and having looked at the live sessions' files again, nothing its
        // figures depend on moved.
        // (A full listing in between changes no file: what was kept stays valid; one without a watcher lists every
        // folder anew, under new stamps.)
        Map<Path, KeptProject> reused = new HashMap<>();
        if (runningOnly && !withoutWatcher) {
            keptProjects.keySet().retainAll(liveByProject.keySet());
            for (Path dir : projectsToRead) {
                KeptProject k = keptProjects.get(dir);
                if (k != null && k.stamp() == listing.stamp(dir) && k.live().equals(liveByProject.get(dir))) {
                    reused.put(dir, k);
                }
            }
        }
        List<Path> mainsToRead = new ArrayList<>();
        for (Path dir : projectsToRead) {
            if (!reused.containsKey(dir)) {
                listing.mains(dir).forEach(m -> mainsToRead.add(m.path()));
            }
        }
        // (walked on this thread alone while the claims load: their thread has the other core)
        Map<Path, java.util.SortedMap<Path, FileStat>> subagentFiles = inventory.subagentsOf(mainsToRead,
                !claimsLoading.isDone());
        Map<Path, List<Path>> subagents = new HashMap<>();
        Map<Path, List<TranscriptCache.Job>> jobsByProject = new LinkedHashMap<>();
        for (Path dir : projectsToRead) {
            if (reused.containsKey(dir)) {
                continue;
            }
            List<TranscriptCache.Job> jobs = new ArrayList<>();
            for (Path agent : listing.flatAgents.getOrDefault(dir, List.of())) {
                jobs.add(new TranscriptCache.Job(agent, true, null, listing.stats.get(agent)));
            }
            for (MainFile m : listing.mains(dir)) {
                jobs.add(new TranscriptCache.Job(m.path(), false, m.sessionId(), m.stat()));
                Map<Path, FileStat> subs = subagentFiles.getOrDefault(m.path(), java.util.Collections.emptySortedMap());
                subagents.put(m.path(), List.copyOf(subs.keySet()));
                for (Map.Entry<Path, FileStat> sub : subs.entrySet()) {
                    jobs.add(new TranscriptCache.Job(sub.getKey(), true, m.sessionId(), sub.getValue()));
                }
            }
            jobsByProject.put(dir, jobs);
        }
        List<Path> scannedProjects = roots.stream().map(r -> r.resolve("projects")).toList();
        Set<Path> listedProjects = new HashSet<>(listing.projectDirs);
        Set<Path> topLevel = new HashSet<>(listing.byPath.keySet());
        listing.flatAgents.values().forEach(topLevel::addAll);

        // project memo: a project whose files all have the stat they had when it was last assembled is not
        // loaded, decoded nor assembled again
        Map<Path, ProjectClaims> claims = claimsLoading.join();
        // The store's memos are loaded only when a project is not in this instance's decoded memo (a resident
        // engine keeps every project decoded: decoding the whole history's memo was most of a warm `list --all`).
        StoredMemos memos = new StoredMemos(index);
        Map<Path, ProjectResults> byProject = new HashMap<>();
        reused.forEach((dir, k) -> byProject.put(dir, k.results()));
        Map<Path, String> fingerprints = new HashMap<>();
        List<Path> misses = new ArrayList<>();
        Set<String> hitPaths = new HashSet<>();
        for (Map.Entry<Path, List<TranscriptCache.Job>> e : jobsByProject.entrySet()) {
            Path dir = e.getKey();
            if (runningOnly) {
                misses.add(dir);
                continue;
            }
            DecodedProject kept = decoded.get(dir);
            // The same files with the same stats under the same prices: the fingerprint is the one kept (hashing
            // every project's stats was 40 % of a resident engine's `usage` when nothing had changed).
            boolean unchanged = kept != null && kept.jobs().equals(e.getValue())
                    && kept.prices().equals(prices.fingerprint());
            TranscriptIndex.Entry stored = unchanged ? null : memos.get().get(dir.toString());
            if (kept == null && stored == null) {
                // nothing to compare it with (a first index): the fingerprint is taken when the project is filed,
                // while the others are read, instead of before the first read (SHA-256 over ~1.3 MB under C1)
                misses.add(dir);
                continue;
            }
            String fingerprint = unchanged ? kept.fingerprint()
                    : ProjectCodec.fingerprint(dir, e.getValue(), prices.fingerprint());
            fingerprints.put(dir, fingerprint);
            ProjectResults hit = fingerprint != null && kept != null && kept.fingerprint().equals(fingerprint)
                    ? kept.results() : null;
            if (hit == null && fingerprint != null) {
                hit = stored != null && stored.fileKey().equals(fingerprint)
                        ? ProjectCodec.decode(dir, stored.state()).orElse(null) : null;
                if (hit != null) {
                    decoded.put(dir, new DecodedProject(fingerprint, e.getValue(), prices.fingerprint(), hit));
                }
            }
            if (hit == null) {
                misses.add(dir);
                continue;
            }
            byProject.put(dir, hit);
            diag.read.addAll(hit.files());
            hit.files().forEach(f -> hitPaths.add(f.toString()));
        }
        List<String> goneProjects = new ArrayList<>();
        for (String stored : runningOnly ? List.<String>of() : memos.loaded() ? memos.get().keySet()
                : decoded.keySet().stream().map(Path::toString).toList()) {
            Path dir = Path.of(stored);
            if (!listedProjects.contains(dir) && scannedProjects.contains(dir.getParent())) {
                goneProjects.add(stored);
            }
        }
        List<TranscriptCache.Job> jobs = new ArrayList<>();
        // the claims standing for the files not read, keyed by the listing's own path objects: the assembly finds
        // each again by the same object, its hash kept in it (a lookup in the stored claims compares ~100 bytes of
        // path; 6,600 files in the benchmark)
        Map<Path, ProjectClaims.FileClaim> standIns = new HashMap<>();
        for (Path dir : misses) {
            for (TranscriptCache.Job j : jobsByProject.get(dir)) {
                ProjectClaims.FileClaim standIn = claimed(dir, j, claims.get(dir), liveByProject.get(dir));
                if (standIn != null) {
                    standIns.put(j.path(), standIn);
                } else {
                    jobs.add(j);
                }
            }
        }
        Predicate<Path> gone = path -> {
            if (hitPaths.contains(path.toString())) {
                return false;
            }
            for (Path projects : scannedProjects) {
                if (!path.startsWith(projects) || path.getNameCount() < projects.getNameCount() + 2) {
                    continue;
                }
                Path projectDir = projects.resolve(path.getName(projects.getNameCount()));
                boolean directChild = path.getNameCount() == projects.getNameCount() + 2;
                // every file of a read project was listed; a top-level file not listed is gone; a project
                // directory that is not listed is gone with all its files
                return !listedProjects.contains(projectDir) || projectsToRead.contains(projectDir)
                        || (directChild && !topLevel.contains(path));
            }
            return false;
        };
        Set<String> vanished = runningOnly ? Set.of() : vanishedFiles(memos, misses, jobsByProject, goneProjects,
                listedProjects, projectsToRead, topLevel);
        long reading = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debug("claude-code: {} files to read, {} projects answered by their memo; listed and planned in {} ms",
                    jobs.size(), byProject.size(), millisSince(started));
        }
        // A full listing files each project while the others are still read: assembled on this thread as soon as
        // its last file is summarised (the readers read project by project, biggest first), and committed on a
        // thread of its own while this one goes on filing and then maps the sessions; every commit is made before
        // this refresh returns. A first index otherwise left the last projects' filing, and all its commits, for
        // after the last read, with one core idle.
        boolean whileReading = !runningOnly && ledgerBatch > 0;
        IndexWrites writes = whileReading ? IndexWrites.onThreadOfTheirOwn() : IndexWrites.INLINE;
        Filing filing = new Filing(listing, subagents, diag, liveByProject, claims, standIns, withoutWatcher,
                jobsByProject, fingerprints, byProject, index, writes);
        List<Session> sessions = new ArrayList<>();
        long read;
        long committed;
        try {
            TranscriptCache.Sink sink = whileReading ? filing.whileReading(misses) : TranscriptCache.Sink.NONE;
            Map<Path, FileSummary> summaries;
            if (vanished != null) {
                List<String> only = new ArrayList<>(jobs.size());
                jobs.forEach(j -> only.add(j.path().toString()));
                summaries = cache.refresh(index, request.progress(), jobs, only, path -> false, vanished, sink);
            } else {
                summaries = cache.refresh(index, request.progress(), jobs, null, gone, List.of(), sink);
            }
            read = System.nanoTime();
            if (runningOnly) {
                partials.keySet().retainAll(liveByProject.keySet());
            }
            for (Path dir : misses) {
                if (!filing.assembled(dir)) {
                    filing.assemble(dir, summaries);
                }
            }
            filing.commitFiled(goneProjects);
            committed = System.nanoTime();
            StatusLineFeed.Snapshot spool = statusLine.snapshot();
            WindowResolver.Pass windowPass = windows.pass();
            for (Candidate c : wanted) {
                TranscribedSession parsed = null;
                if (c.file() != null) {
                    parsed = byProject.get(c.file().projectDir()).sessions().get(c.file().sessionId());
                }
                Session s = mapper.map(c, parsed, request.now(), spool, windowPass, diag.problems, diag.unpriced);
                if (s == null) {
                    continue;
                }
                if (c.live() == null && request.endedSince().isPresent()
                        && s.lastActivityAt().isBefore(request.endedSince().get())) {
                    continue;
                }
                sessions.add(s);
            }
        } finally {
            writes.finish();
        }
        if (filing.ledgerStored) {
            filed.filed(filing.filings);
            keptProjects.putAll(filing.keeping);
        } else {
            filed.forget(filing.filings.keySet());
            keptProjects.keySet().removeAll(filing.keeping.keySet());
        }
        if (request.includeEnded() && request.endedSince().isEmpty()) {
            // a full run read every listed file: drop memoised files that are gone
            cache.retainOnly(diag.read);
        }
        sessions.sort(Comparator.comparing(Session::lastActivityAt).reversed());
        if (LOG.isDebugEnabled()) {
            LOG.debug("claude-code: read (projects filed meanwhile) in {} ms, the rest filed in {} ms, sessions mapped "
                    + "and the last commits made in {} ms", (read - reading) / 1_000_000, (committed - read) / 1_000_000,
                    millisSince(committed));
        }
        return sessions;
    }

    /**
     * Assembles and files the projects of one refresh that the project memo did not answer: their sessions, usage
     * rows, memo entries and claims. A full listing files a project as soon as its last file is summarised, while the
     * others are still read ({@link #whileReading}); every call runs on the refreshing thread.
     */
    private final class Filing {
        private final Inventory.Listing listing;
        private final Map<Path, List<Path>> subagents;
        private final Diagnostics diag;
        private final Map<Path, Set<String>> liveByProject;
        private final Map<Path, ProjectClaims> claims;
        private final Map<Path, ProjectClaims.FileClaim> standIns;
        private final boolean withoutWatcher;
        private final Map<Path, List<TranscriptCache.Job>> jobsByProject;
        private final Map<Path, String> fingerprints;
        private final Map<Path, ProjectResults> byProject;
        private final TranscriptIndex index;
        private final IndexWrites writes;
        private final Set<Path> assembled = new HashSet<>();
        private Map<String, List<TranscriptIndex.UsageRow>> pendingRows = new HashMap<>();
        final List<TranscriptIndex.Entry> memoUpserts = new ArrayList<>();
        final List<TranscriptIndex.Entry> claimUpserts = new ArrayList<>();
        final Map<Path, FiledCalls.Project> filings = new HashMap<>();
        /** The running-only results a watched refresh keeps, once the ledger holds their rows. */
        final Map<Path, KeptProject> keeping = new HashMap<>();
        /** False once a commit of usage rows failed: then no project memo is stored this refresh. Set by the writes. */
        volatile boolean ledgerStored = true;

        Filing(Inventory.Listing listing, Map<Path, List<Path>> subagents, Diagnostics diag,
                Map<Path, Set<String>> liveByProject, Map<Path, ProjectClaims> claims,
                Map<Path, ProjectClaims.FileClaim> standIns, boolean withoutWatcher,
                Map<Path, List<TranscriptCache.Job>> jobsByProject, Map<Path, String> fingerprints,
                Map<Path, ProjectResults> byProject, TranscriptIndex index, IndexWrites writes) {
            this.listing = listing;
            this.subagents = subagents;
            this.diag = diag;
            this.liveByProject = liveByProject;
            this.claims = claims;
            this.standIns = standIns;
            this.withoutWatcher = withoutWatcher;
            this.jobsByProject = jobsByProject;
            this.fingerprints = fingerprints;
            this.byProject = byProject;
            this.index = index;
            this.writes = writes;
        }

        /**
         * What the transcript cache tells while it reads the files of {@code projects}: the files are read project
         * by project, biggest project first, and each project is filed once all its files are summarised (its usage
         * rows committed once a few thousand are pending).
         */
        TranscriptCache.Sink whileReading(List<Path> projects) {
            Map<Path, Path> owner = new HashMap<>();
            Map<Path, Integer> left = new HashMap<>();
            Map<Path, Long> bytes = new HashMap<>();
            for (Path dir : projects) {
                for (TranscriptCache.Job j : jobsByProject.get(dir)) {
                    if (owner.putIfAbsent(j.path(), dir) == null) {
                        left.merge(dir, 1, Integer::sum);
                        bytes.merge(dir, j.stat() == null ? 0 : j.stat().size(), Long::sum);
                    }
                }
            }
            Map<Path, Long> rank = new HashMap<>();
            bytes.entrySet().stream().sorted(Map.Entry.<Path, Long>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> rank.put(e.getKey(), (long) rank.size()));
            Map<Path, FileSummary> known = new HashMap<>();
            return new TranscriptCache.Sink() {
                @Override
                public long group(Path path) {
                    Path dir = owner.get(path);
                    return dir == null ? Long.MAX_VALUE : rank.get(dir);
                }

                @Override
                public void summarised(Path path, FileSummary summary) {
                    Path dir = owner.get(path);
                    if (dir == null || summary == null) {
                        return;
                    }
                    if (known.put(path, summary) == null && left.merge(dir, -1, Integer::sum) == 0) {
                        assemble(dir, known);
                        // the projects filed so far are committed (rows, memos, claims) on the writes' thread while
                        // the others are read: what is left for the end is the last few projects'
                        if (pendingRows.values().stream().mapToInt(List::size).sum() >= ledgerBatch) {
                            commitFiled(List.of());
                        }
                    }
                }

                @Override
                public IndexWrites writes() {
                    return writes;
                }
            };
        }

        boolean assembled(Path dir) {
            return assembled.contains(dir);
        }

        /** Assembles {@code dir} from {@code summaries}; its usage rows wait for {@link #commitLedger()}. */
        void assemble(Path dir, Map<Path, FileSummary> summaries) {
            assembled.add(dir);
            projectsAssembled.incrementAndGet();
            List<TranscriptCache.Job> projectJobs = jobsByProject.get(dir);
            int unreadableBefore = diag.unreadable.size();
            Set<String> only = liveByProject.get(dir);
            ProjectClaims kept = claims.get(dir);
            ProjectAssembly assembly = parseProject(listing, dir, summaries, subagents, diag, only, kept, standIns);
            if (withoutWatcher && diag.unreadable.size() == unreadableBefore
                    && (only == null || readOthers(projectJobs, summaries, only))) {
                // every file of a whole project was read, or files a later running-only refresh would have to
                // decode again were: their claims are stored
                claimUpserts.add(claimsEntry(dir, projectJobs, summaries, kept));
            }
            Map<String, TranscribedSession> sessions = new HashMap<>();
            List<Map.Entry<TranscriptSet, SessionAssembler.SessionFigures>> decided = new ArrayList<>();
            assembly.sessions().forEach((id, p) -> {
                sessions.put(id, TranscribedSession.of(p.set, p.figures));
                decided.add(Map.entry(p.set, p.figures));
            });
            if (assembly.fresh()) {
                if (only == null) {
                    fileWhole(dir, projectJobs, decided, pendingRows, filings, !withoutWatcher);
                } else {
                    // no file keeps rows of its own (an older build filed calls per file): a running-only assembly
                    // clears the files of the sessions it decided
                    decided.forEach(d -> d.getKey().agents().forEach(a -> pendingRows.put(a.path().toString(),
                            List.of())));
                    pendingRows.putAll(ledger.rows(decided));
                    filed.forgetSessions(dir, decided.stream().map(d -> d.getKey().main().path().toString())
                            .toList());
                }
            }
            List<Path> files = new ArrayList<>(projectJobs.size());
            long bytes = 0;
            long mtime = 0;
            for (TranscriptCache.Job j : projectJobs) {
                files.add(j.path());
                if (j.stat() != null) {
                    bytes += j.stat().size();
                    mtime = Math.max(mtime, Math.max(0, j.stat().mtimeMillis()));
                }
            }
            ProjectResults results = new ProjectResults(files, sessions);
            byProject.put(dir, results);
            if (only != null) {
                // a file that could not be stat-ed or read is looked at again next time
                if (!withoutWatcher && diag.unreadable.size() == unreadableBefore
                        && projectJobs.stream().allMatch(j -> j.stat() != null)) {
                    keeping.put(dir, new KeptProject(listing.stamp(dir), Set.copyOf(only), results));
                }
                return;
            }
            // a project with an unreadable file keeps only its file list: its key never matches
            String fingerprint = fingerprints.containsKey(dir) ? fingerprints.get(dir)
                    : ProjectCodec.fingerprint(dir, projectJobs, prices.fingerprint());
            String key = fingerprint == null || diag.unreadable.size() != unreadableBefore ? "" : fingerprint;
            memoUpserts.add(new TranscriptIndex.Entry(dir.toString(), key, bytes, mtime, 0,
                    ProjectCodec.encode(dir, results)));
            if (!key.isEmpty()) {
                decoded.put(dir, new DecodedProject(key, jobsByProject.get(dir), prices.fingerprint(), results));
            } else {
                decoded.remove(dir);
            }
        }

        /**
         * Hands what was filed so far to the writes: the pending usage rows, then the project memos (stored only if
         * every commit of usage rows so far was: a memo stands for rows in the ledger), then the claims, dropping
         * the memos and claims of {@code goneProjects}.
         */
        void commitFiled(List<String> goneProjects) {
            commitLedger();
            List<TranscriptIndex.Entry> memos = List.copyOf(memoUpserts);
            List<TranscriptIndex.Entry> claimed = List.copyOf(claimUpserts);
            memoUpserts.clear();
            claimUpserts.clear();
            if (!memos.isEmpty() || !goneProjects.isEmpty()) {
                writes.submit(() -> {
                    if (ledgerStored) {
                        commit(PROJECTS_ID, new TranscriptIndex.Commit(memos, goneProjects, Map.of()), "project memo");
                    }
                });
            }
            if (!claimed.isEmpty() || !goneProjects.isEmpty()) {
                writes.submit(() -> commit(CLAIMS_ID, new TranscriptIndex.Commit(claimed, goneProjects, Map.of()),
                        "projects' claims"));
            }
        }

        /** Hands the pending usage rows to the writes, to be committed in one transaction. */
        void commitLedger() {
            if (pendingRows.isEmpty()) {
                return;
            }
            Map<String, List<TranscriptIndex.UsageRow>> rows = pendingRows;
            writes.submit(() -> {
                // without the memo the next run assembles these projects again and files their calls then
                if (!commit(TranscriptCache.ADAPTER_ID, new TranscriptIndex.Commit(List.of(), List.of(), rows),
                        "usage ledger")) {
                    ledgerStored = false;
                }
            });
            pendingRows = new HashMap<>();
        }

        /** Commits {@code commit} under {@code id}; false, with a warning naming {@code what}, when it failed. */
        private boolean commit(String id, TranscriptIndex.Commit commit, String what) {
            try {
                index.commit(id, commit);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("cannot store the {}: {}", what, e.toString());
                return false;
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** Runs each task on a daemon thread of its own named {@code name} (a command's JVM must not wait for it). */
    static java.util.concurrent.Executor daemon(String name) {
        java.util.concurrent.ThreadFactory threads = daemonThreads(name);
        return task -> threads.newThread(task).start();
    }

    /** Makes daemon threads named {@code name}, for this adapter's pools: a command's JVM must not wait for them. */
    static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The stored claims of {@code projects} that decode; none when the store cannot be read. */
    private static Map<Path, ProjectClaims> loadClaims(TranscriptIndex index, Set<Path> projects) {
        Map<String, TranscriptIndex.Entry> stored;
        try {
            stored = index.load(CLAIMS_ID, projects.stream().map(Path::toString).toList());
        } catch (RuntimeException e) {
            LOG.warn("cannot load the projects' claims, reading their files: {}", e.toString());
            return Map.of();
        }
        Map<Path, ProjectClaims> out = new HashMap<>();
        for (Path dir : projects) {
            TranscriptIndex.Entry e = stored.get(dir.toString());
            if (e != null) {
                // located here, on the claims' own thread: the refresh's thread then looks files up by their paths
                ProjectClaims.decode(e.state()).ifPresent(c -> out.put(dir, c.locatedIn(dir)));
            }
        }
        return out;
    }

    /**
     * The claim that stands for {@code job} in a running-only refresh: the file is unchanged since it was recorded
     * and belongs to no live session (whose figures need its whole summary). Null when the file must be read.
     */
    private static ProjectClaims.FileClaim claimed(Path dir, TranscriptCache.Job job, ProjectClaims claims,
            Set<String> live) {
        if (claims == null || live == null) {
            return null;
        }
        ProjectClaims.FileClaim c = claims.of(dir, job.path());
        if (c == null || !c.holdsFor(job.stat(), job.sidechain())) {
            return null;
        }
        // a flat sub-agent file belongs to the session its own lines name, as recorded
        String owner = job.sessionId() != null ? job.sessionId() : c.sessionId();
        return owner != null && live.contains(owner) ? null : c;
    }

    /** Whether a running-only refresh read a file of a session it does not show (it had no valid claim). */
    private static boolean readOthers(List<TranscriptCache.Job> jobs, Map<Path, FileSummary> summaries,
            Set<String> live) {
        for (TranscriptCache.Job j : jobs) {
            FileSummary s = summaries.get(j.path());
            if (s != null) {
                String owner = j.sessionId() != null ? j.sessionId() : s.sessionId();
                if (owner == null || !live.contains(owner)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The claims of one project's files as this refresh saw them: each file read now by its summary (at the stat
     * it was read at), each other one by its still valid stored claim.
     */
    private static TranscriptIndex.Entry claimsEntry(Path dir, List<TranscriptCache.Job> jobs,
            Map<Path, FileSummary> summaries, ProjectClaims kept) {
        Map<String, ProjectClaims.FileClaim> files = new HashMap<>();
        long bytes = 0;
        long mtime = 0;
        for (TranscriptCache.Job j : jobs) {
            String name = ProjectClaims.relative(dir, j.path());
            FileSummary s = summaries.get(j.path());
            ProjectClaims.FileClaim c = null;
            if (name == null) {
                continue;
            } else if (s != null && j.stat() != null && !s.unreadable()) {
                c = ProjectClaims.FileClaim.of(j.stat(), j.sidechain(),
                        j.sessionId() != null ? j.sessionId() : s.sessionId(), s);
            } else if (s == null && kept != null) {
                c = kept.files().get(name);
                c = c != null && c.holdsFor(j.stat(), j.sidechain()) ? c : null;
            }
            if (c != null) {
                files.put(name, c);
                bytes += c.stat().size();
                mtime = Math.max(mtime, Math.max(0, c.stat().mtimeMillis()));
            }
        }
        return new TranscriptIndex.Entry(dir.toString(), "", bytes, mtime, 0,
                ProjectClaims.encode(new ProjectClaims(files)));
    }

    /**
     * The usage ledger's rows for a project assembled whole. No file keeps rows of its own (an older build filed
     * calls per file), so a first filing clears all the project's files and files every session; a resident
     * instance that filed the project before files only the sessions whose calls changed since (one appended line
     * rewrote every session's rows of its project, most of a command's time) and clears those decided no more.
     */
    private void fileWhole(Path dir, List<TranscriptCache.Job> jobs,
            List<Map.Entry<TranscriptSet, SessionAssembler.SessionFigures>> decided,
            Map<String, List<TranscriptIndex.UsageRow>> rows, Map<Path, FiledCalls.Project> filings,
            boolean resident) {
        FiledCalls.Delta delta = null;
        if (resident) {
            Map<String, FiledCalls.Digest> digests = new HashMap<>();
            decided.forEach(d -> digests.put(d.getKey().main().path().toString(),
                    FiledCalls.Digest.of(d.getValue().calls())));
            FiledCalls.Project now = new FiledCalls.Project(prices.fingerprint(), digests);
            delta = filed.delta(dir, now);
            filings.put(dir, now);
        }
        if (delta == null) {
            jobs.forEach(j -> rows.put(j.path().toString(), List.of()));
            rows.putAll(ledger.rows(decided));
            return;
        }
        Set<String> changed = delta.changed();
        delta.gone().forEach(main -> rows.put(main, List.of()));
        rows.putAll(ledger.rows(decided.stream()
                .filter(d -> changed.contains(d.getKey().main().path().toString())).toList()));
    }

    /** Test seam: how many project directories this discovery has assembled from file summaries. */
    long projectsAssembled() {
        return projectsAssembled.get();
    }

    /** Test seam: how many directory listings and stats the inventory has taken. */
    long inventoryLooks() {
        return inventory.looks();
    }

    /** Test seam: how many stored file states this discovery has decoded. */
    long statesDecoded() {
        return cache.statesDecoded();
    }

    private static Map<String, TranscriptIndex.Entry> loadProjectMemos(TranscriptIndex index) {
        try {
            return index.load(PROJECTS_ID);
        } catch (RuntimeException e) {
            LOG.warn("cannot load the project memo, assembling every project: {}", e.toString());
            return Map.of();
        }
    }

    /**
     * The indexed files that vanished since their projects were last assembled, told by the project memo alone;
     * null when the memo cannot tell (a project without a readable memo entry), and every file entry must be
     * loaded to find them.
     */
    private Set<String> vanishedFiles(StoredMemos memos, List<Path> misses,
            Map<Path, List<TranscriptCache.Job>> jobsByProject, List<String> goneProjects, Set<Path> listedProjects,
            Set<Path> projectsToRead, Set<Path> topLevel) {
        Set<String> vanished = new java.util.LinkedHashSet<>();
        for (Path dir : misses) {
            List<Path> old = memoFiles(memos, dir);
            if (old == null) {
                return null;
            }
            Set<Path> current = new HashSet<>();
            jobsByProject.get(dir).forEach(j -> current.add(j.path()));
            old.stream().filter(p -> !current.contains(p)).forEach(p -> vanished.add(p.toString()));
        }
        for (String stored : goneProjects) {
            List<Path> old = memoFiles(memos, Path.of(stored));
            if (old == null) {
                return null;
            }
            old.forEach(p -> vanished.add(p.toString()));
        }
        for (Path dir : listedProjects) {
            if (projectsToRead.contains(dir)) {
                continue;
            }
            List<Path> old = memoFiles(memos, dir);
            if (old == null) {
                return null;
            }
            old.stream().filter(p -> dir.equals(p.getParent()) && !topLevel.contains(p))
                    .forEach(p -> vanished.add(p.toString()));
        }
        return vanished;
    }

    /** The files of {@code dir} when it was last assembled: from the decoded memo, else the stored one. */
    private List<Path> memoFiles(StoredMemos memos, Path dir) {
        DecodedProject kept = decoded.get(dir);
        if (kept != null) {
            return kept.results().files();
        }
        TranscriptIndex.Entry stored = memos.get().get(dir.toString());
        return stored == null ? null : ProjectCodec.files(dir, stored.state()).orElse(null);
    }

    /** A running-only result of one project: the inventory's stamp it was made at, its live sessions, the results. */
    private record KeptProject(long stamp, Set<String> live, ProjectResults results) {
    }

    /** A project's assembled results, the fingerprint of the files they came from, and those files' jobs. */
    private record DecodedProject(String fingerprint, List<TranscriptCache.Job> jobs, String prices,
            ProjectResults results) {
    }

    /** The store's project memos, loaded on first use within one refresh. */
    private static final class StoredMemos {
        private final TranscriptIndex index;
        private Map<String, TranscriptIndex.Entry> memos;

        StoredMemos(TranscriptIndex index) {
            this.index = index;
        }

        Map<String, TranscriptIndex.Entry> get() {
            if (memos == null) {
                memos = loadProjectMemos(index);
            }
            return memos;
        }

        boolean loaded() {
            return memos != null;
        }
    }

    /**
     * Assembles the sessions of one project: all of them when {@code only} is null, else those in it. The result
     * is not fresh when a running-only assembly of the same inputs was reused (its calls are already filed). In a
     * running-only assembly, a file without a summary is known by its claim: the one in {@code standIns} (by the
     * listing's path object), else the one in {@code claims}.
     */
    private ProjectAssembly parseProject(Inventory.Listing inventory, Path projectDir,
            Map<Path, FileSummary> summaries, Map<Path, List<Path>> subagents, Diagnostics diag, Set<String> only,
            ProjectClaims claims, Map<Path, ProjectClaims.FileClaim> standIns) {
        List<TranscriptSet> sets = new ArrayList<>();
        // sessions some of whose files are known by their claims only: weighed against the wanted ones
        List<SessionAssembler.Claimant> claimants = new ArrayList<>();
        Map<String, List<FileSummary>> flatAgents = new HashMap<>();
        Map<String, List<ProjectClaims.FileClaim>> flatClaims = new HashMap<>();
        for (Path agent : inventory.flatAgents.getOrDefault(projectDir, List.of())) {
            FileSummary s = summaries.get(agent);
            if (s == null) {
                ProjectClaims.FileClaim c = standIn(standIns, claims, projectDir, agent);
                if (c.sessionId() != null) {
                    flatClaims.computeIfAbsent(c.sessionId(), k -> new ArrayList<>()).add(c);
                }
                continue;
            }
            diag.noteFile(s);
            if (s.sessionId() != null) {
                flatAgents.computeIfAbsent(s.sessionId(), k -> new ArrayList<>()).add(s);
            }
        }
        for (MainFile m : inventory.mains(projectDir)) {
            FileSummary main = summaries.get(m.path());
            List<FileSummary> files = new ArrayList<>();
            List<ProjectClaims.FileClaim> fileClaims = new ArrayList<>();
            if (main != null) {
                diag.noteFile(main);
            } else {
                fileClaims.add(standIn(standIns, claims, projectDir, m.path()));
            }
            for (Path sub : subagents.getOrDefault(m.path(), List.of())) {
                FileSummary s = summaries.get(sub);
                if (s == null) {
                    fileClaims.add(standIn(standIns, claims, projectDir, sub));
                    continue;
                }
                diag.noteFile(s);
                files.add(s);
            }
            files.addAll(flatAgents.getOrDefault(m.sessionId(), List.of()));
            fileClaims.addAll(flatClaims.getOrDefault(m.sessionId(), List.of()));
            if (main != null && fileClaims.isEmpty()) {
                sets.add(new TranscriptSet(m.sessionId(), main, files));
            } else {
                ProjectClaims.FileClaim mainClaim = main == null ? fileClaims.get(0) : null;
                if (main != null) {
                    files.add(0, main);
                }
                claimants.add(new SessionAssembler.Claimant(m.sessionId(),
                        main != null ? main.lastTimestamp() : mainClaim.lastEntry(),
                        main != null ? main.modified() : mainClaim.modified(), files, fileClaims));
            }
        }
        Map<String, SessionAssembler.SessionFigures> figures;
        boolean fresh = true;
        if (only == null) {
            figures = assembler.assemble(sets);
        } else {
            // figures depend on nothing but the summaries (immutable; the transcript cache hands out the same
            // object while a file is unchanged), the claims and the wanted sessions: a project whose files are
            // all the same objects as at its last running-only assembly is not assembled again
            List<Object> inputs = new ArrayList<>(sets.size() * 2 + 1);
            inputs.add(Set.copyOf(only));
            for (TranscriptSet set : sets) {
                inputs.add(set.sessionId());
                inputs.addAll(set.files());
            }
            for (SessionAssembler.Claimant c : claimants) {
                inputs.add(c.sessionId());
                inputs.addAll(c.files());
                inputs.addAll(c.claims());
            }
            PartialAssembly last = partials.get(projectDir);
            if (last != null && last.sameInputs(inputs)) {
                figures = last.figures();
                fresh = false;
            } else {
                List<TranscriptSet> shown = new ArrayList<>();
                List<SessionAssembler.Claimant> others = new ArrayList<>(claimants);
                for (TranscriptSet set : sets) {
                    if (only.contains(set.sessionId())) {
                        shown.add(set);
                    } else {
                        others.add(SessionAssembler.Claimant.of(set));
                    }
                }
                figures = assembler.assemble(shown, others);
                if (last != null && SessionAssembler.lostCalls(last.figures(), figures)) {
                    callsMovedAway.incrementAndGet(); // filed for another session by the next full listing only
                }
                partials.put(projectDir, new PartialAssembly(inputs, figures));
            }
        }
        Map<String, ParsedSession> out = new HashMap<>();
        for (TranscriptSet set : sets) {
            SessionAssembler.SessionFigures f = figures.get(set.sessionId());
            if (f != null) {
                out.put(set.sessionId(), new ParsedSession(set, f));
            }
        }
        return new ProjectAssembly(out, fresh);
    }

    /** The claim standing for {@code file} of {@code projectDir}, which was not read. */
    private static ProjectClaims.FileClaim standIn(Map<Path, ProjectClaims.FileClaim> standIns, ProjectClaims claims,
            Path projectDir, Path file) {
        ProjectClaims.FileClaim c = standIns.get(file);
        return c != null ? c : claims.of(projectDir, file);
    }

    private String rootsLine() {
        List<String> parts = new ArrayList<>();
        List<Path> existing = ClaudeRoots.existing(context);
        for (Path candidate : ClaudeRoots.candidates(context)) {
            parts.add(candidate + (Files.isDirectory(candidate) ? "" : " (missing)"));
        }
        return "roots looked at: " + String.join(", ", parts) + "; used: "
                + (existing.isEmpty() ? "none" : existing.stream().map(Path::toString).reduce((a, b) -> a + ", " + b)
                        .orElse(""));
    }

    private record ParsedSession(TranscriptSet set, SessionAssembler.SessionFigures figures) {
    }

    /** The assembled sessions of one project; {@code fresh} unless a cached running-only assembly was reused. */
    private record ProjectAssembly(Map<String, ParsedSession> sessions, boolean fresh) {
    }

    /**
     * A running-only assembly and what it was made from: the wanted ids, then each session's id and its
     * summaries, compared by identity (summary records would compare their whole call lists).
     */
    private record PartialAssembly(List<Object> inputs, Map<String, SessionAssembler.SessionFigures> figures) {
        boolean sameInputs(List<Object> other) {
            if (other.size() != inputs.size() || !other.get(0).equals(inputs.get(0))) {
                return false;
            }
            for (int i = 1; i < other.size(); i++) {
                Object a = inputs.get(i);
                Object b = other.get(i);
                if (a != b && !(a instanceof String && a.equals(b))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What one run saw, for {@code doctor}. */
    private static final class Diagnostics {
        int projects;
        int transcripts;
        int subagentFiles;
        int valid;
        final List<String> stale = new ArrayList<>();
        final Set<String> unpriced = new TreeSet<>();
        final List<String> unreadable = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        final Set<Path> read = new HashSet<>();

        void noteFile(FileSummary s) {
            read.add(s.path());
            if (s.unreadable()) {
                unreadable.add(s.path().toString());
            }
        }

        List<String> lines(String roots) {
            List<String> out = new ArrayList<>();
            out.add(roots);
            out.add("projects: " + projects + " directories, " + transcripts + " session transcripts");
            out.add("registry: " + valid + " valid, " + stale.size() + " stale entries"
                    + (stale.isEmpty() ? "" : " (" + String.join("; ", stale) + ")"));
            out.add("unpriced models: " + (unpriced.isEmpty() ? "none" : String.join(", ", unpriced)));
            out.add("unreadable files: " + (unreadable.isEmpty() ? "none" : String.join(", ", unreadable)));
            out.addAll(problems);
            return List.copyOf(out);
        }
    }
}
