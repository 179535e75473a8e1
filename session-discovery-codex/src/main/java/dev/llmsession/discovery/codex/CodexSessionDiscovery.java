package dev.llmsession.discovery.codex;

import dev.llmsession.adapterkit.EventSessionDiscovery;
import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.FileStat;
import dev.llmsession.adapterkit.IndexedFiles;
import dev.llmsession.adapterkit.JsonlTail;
import dev.llmsession.adapterkit.ProcessMatcher;
import dev.llmsession.adapterkit.SessionBuilder;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.EventStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds Codex sessions in {@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl} (and
 * {@code archived_sessions/}). Each file's parser state lives in the kit's {@link IndexedFiles}, so a refresh (and
 * a new run, through the index) reads only the bytes appended since; never writes anywhere. Thread-safe: one
 * refresh at a time.
 */
final class CodexSessionDiscovery implements EventSessionDiscovery {
    static final String ASSISTANT = "codex";
    static final String ID_PREFIX = "codex";
    /** The window Codex reports for its gpt-5 models; used, marked assumed, when none is recorded. */
    static final long ASSUMED_WINDOW = 258_400;
    /** Waiting for input longer than this is idle. */
    static final Duration IDLE_AFTER = Duration.ofMinutes(10);

    private static final Pattern ROLLOUT = Pattern.compile(
            "rollout-.*?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\.jsonl");
    private static final Pattern SAFE_ID = Pattern.compile("[0-9A-Za-z._-]{1,128}");

    private final CodexHome home;
    private final IndexedFiles<RolloutState> files;
    private List<String> lastNotes = List.of();

    CodexSessionDiscovery(CodexHome home) {
        this(home, new JsonlTail());
    }

    CodexSessionDiscovery(CodexHome home, JsonlTail tail) {
        this.home = Objects.requireNonNull(home, "home");
        LineParser parser = new LineParser();
        this.files = new IndexedFiles<>(ASSISTANT, new RolloutCodec(), RolloutState::new, (file, from, state) -> {
            JsonlTail.Result r = tail.read(file, from, (line, n, complete) -> parser.apply(line, n, complete, state));
            return new IndexedFiles.Read(r.offset(), r.partialTail());
        }, IndexedFiles.Mode.APPEND_ONLY);
    }

    @Override
    public synchronized List<Session> discover(Request request) {
        List<ProcessInfo> processes = CodexProcesses.find(request.processes());
        if (!request.includeEnded() && processes.isEmpty()) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        Optional<Instant> oldestProcess = processes.stream().map(p -> p.startedAt().orElse(Instant.MIN))
                .min(Instant::compareTo);
        Set<Path> present = new HashSet<>();
        Map<Path, FileStat> wanted = new LinkedHashMap<>();
        for (Path file : rollouts(notes)) {
            FileStat.of(file).ifPresent(stat -> {
                present.add(file);
                if (!skip(request, stat.modified(), processes, oldestProcess)) {
                    wanted.put(file, stat);
                }
            });
        }
        Map<Path, IndexedFiles.Tracked<RolloutState>> read = files.refresh(request.index(), wanted, notes);
        files.commit(request.index(), present, request.includeEnded() && request.endedSince().isEmpty(),
                t -> Call.rows(sessionId(t), t.state().calls, OpenAiPrices.TABLE), notes);
        Map<String, IndexedFiles.Tracked<RolloutState>> byId = new LinkedHashMap<>();
        for (IndexedFiles.Tracked<RolloutState> t : read.values()) {
            String id = sessionId(t);
            IndexedFiles.Tracked<RolloutState> other = byId.get(id);
            // A session archived while a copy still sits in sessions/: the one written last is the truth.
            if (other == null || t.stat().mtime() > other.stat().mtime()) {
                byId.put(id, t);
            }
        }
        List<ProcessMatcher.Candidate> candidates = new ArrayList<>();
        byId.forEach((id, t) -> candidates.add(new ProcessMatcher.Candidate(id, t.state().cwds(), startedAt(t))));
        Map<String, ProcessInfo> owners = ProcessMatcher.match(processes, candidates, CodexProcesses::resumedId);
        List<Session> sessions = new ArrayList<>();
        byId.forEach((id, t) -> {
            if (request.includeEnded() || owners.containsKey(id)) {
                sessions.add(assemble(id, t, Optional.ofNullable(owners.get(id)), request.now()));
            }
        });
        notes.add(0, "looked in " + home.sessions() + " and " + home.archived() + ": " + read.size()
                + " rollout(s) read, " + sessions.size() + " session(s), " + owners.size() + " running");
        latestRateLimits(read.values()).ifPresent(notes::add);
        lastNotes = List.copyOf(notes);
        return sessions;
    }

    @Override
    public synchronized List<String> diagnostics() {
        List<String> out = new ArrayList<>(lastNotes);
        if (out.isEmpty()) {
            out.add("looked in " + home.sessions() + (Files.isDirectory(home.sessions()) ? "" : " (absent)"));
        }
        return out;
    }

    @Override
    public String assistant() {
        return ASSISTANT;
    }

    /** Codex continues a session with {@code codex resume <id>} in its directory; it has no registry to tell more. */
    @Override
    public List<String> resumeCommand(String nativeId) {
        return List.of("codex", "resume", nativeId);
    }

    /** The rollout read as conversation events (prompts, replies, tool calls, errors, compactions). */
    @Override
    public Optional<EventStream> eventsOf(Session session) {
        if (session.sources().isEmpty()) {
            return Optional.empty();
        }
        Path file = session.sources().get(0);
        return file.startsWith(home.root()) && ROLLOUT.matcher(file.getFileName().toString()).matches()
                ? RolloutEvents.open(file) : Optional.empty();
    }

    /** Read from the rollout itself rather than from its events. */
    @Override
    public Optional<SessionContext> readContext(Session session, ContextRequest request) {
        if (!ASSISTANT.equals(session.assistant()) || session.sources().isEmpty()) {
            return Optional.empty();
        }
        Path file = session.sources().get(0);
        if (!file.startsWith(home.root()) || !ROLLOUT.matcher(file.getFileName().toString()).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RolloutContext.read(file, request));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Files that cannot matter for this request are not read at all. */
    private static boolean skip(Request request, Instant modified, List<ProcessInfo> processes,
            Optional<Instant> oldestProcess) {
        if (!request.includeEnded()) {
            // A live process's rollout is written after the process started.
            return oldestProcess.filter(o -> modified.isBefore(o.minus(ProcessMatcher.START_SLACK))).isPresent();
        }
        return processes.isEmpty() && request.endedSince().filter(modified::isBefore).isPresent();
    }

    private List<Path> rollouts(List<String> notes) {
        List<Path> out = new ArrayList<>();
        collect(home.sessions(), 4, out, notes);
        collect(home.archived(), 1, out, notes);
        return out;
    }

    private static void collect(Path root, int depth, List<Path> out, List<String> notes) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root, depth)) {
            walk.filter(p -> ROLLOUT.matcher(p.getFileName().toString()).matches()).sorted().forEach(out::add);
        } catch (IOException | UncheckedIOException e) {
            // A directory vanished or is unreadable while walking: use what was found before it.
            notes.add("could not walk all of " + root + ": " + e.getMessage());
        }
    }

    /** The session's id: its {@code session_meta} id when that is a plain id, else the uuid in the file name. */
    private static String sessionId(IndexedFiles.Tracked<RolloutState> t) {
        String meta = t.state().sessionId;
        if (meta != null && SAFE_ID.matcher(meta).matches()) {
            return meta.toLowerCase(Locale.ROOT);
        }
        Matcher m = ROLLOUT.matcher(t.path().getFileName().toString());
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "unknown";
    }

    private static Instant startedAt(IndexedFiles.Tracked<RolloutState> t) {
        RolloutState s = t.state();
        if (s.metaStartedAt != null) {
            return s.metaStartedAt;
        }
        return s.firstAt != null ? s.firstAt : t.stat().modified();
    }

    private static Session assemble(String id, IndexedFiles.Tracked<RolloutState> t, Optional<ProcessInfo> process,
            Instant now) {
        RolloutState s = t.state();
        Instant started = startedAt(t);
        Instant last = s.lastAt != null ? s.lastAt : t.stat().modified();
        TokenFigures tokens = s.invalidUsage || s.runningTotal == null ? TokenFigures.UNKNOWN
                : new TokenFigures(Call.total(s.calls), TokenUsage.ZERO, TokenSource.MEASURED);
        Cost cost = tokens.known() ? OpenAiPrices.TABLE.cost(s.calls)
                : Cost.UNKNOWN;
        List<Instant> times = new ArrayList<>(s.errorTimes);
        times.sort(null);
        return SessionBuilder.of(ID_PREFIX, id, ASSISTANT)
                .process(process.map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty()),
                        activity(s, process, last, now))
                .cwd(s.cwd().orElse(null)).gitBranch(s.gitBranch).title(s.title).model(s.model)
                .times(started, last)
                .tokens(tokens)
                // Context now: the last call's whole input (cached included) of the window Codex records.
                .context(s.lastCall == null ? -1 : s.lastCall.input(), s.window, ASSUMED_WINDOW)
                .cost(cost)
                .errors(new ErrorCounts(s.apiErrors, 0, s.interrupts, times))
                .quality(new DataQuality(s.malformedLines, 0, t.partialTail(), t.unreadable() ? 1 : 0))
                .source(t.path())
                .build();
    }

    private static Activity activity(RolloutState s, Optional<ProcessInfo> process, Instant last, Instant now) {
        if (process.isEmpty()) {
            return Activity.of(ActivityState.ENDED, "no running codex process in " + s.cwd().orElse("its directory")
                    + " started before it");
        }
        String where = "codex pid " + process.get().pid() + "; rollout: " + s.turnDetail + rateLimits(s);
        return switch (s.turn) {
            case STARTED -> Activity.of(ActivityState.WORKING, where);
            case ERROR -> Activity.of(ActivityState.ERRORED, where);
            case COMPLETE, ABORTED -> {
                Duration idle = Duration.between(last, now);
                yield idle.compareTo(IDLE_AFTER) > 0
                        ? Activity.of(ActivityState.IDLE, where + "; idle " + idle.toMinutes() + " min")
                        : Activity.of(ActivityState.WAITING_INPUT, where);
            }
            case NONE -> Activity.of(ActivityState.UNKNOWN, "codex pid " + process.get().pid()
                    + "; rollout has no turn event yet");
        };
    }

    /** The official rate limits the session last recorded, for a live session's evidence. */
    private static String rateLimits(RolloutState s) {
        if (s.primary == null && s.secondary == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("; OpenAI rate limits at ").append(s.rateLimitsAt).append(": ");
        if (s.primary != null) {
            out.append(s.primary.describe());
        }
        if (s.secondary != null) {
            out.append(s.primary != null ? ", " : "").append(s.secondary.describe());
        }
        return out.toString();
    }

    /** The newest rate-limit record of all rollouts read, for {@code doctor}. */
    private static Optional<String> latestRateLimits(Iterable<IndexedFiles.Tracked<RolloutState>> read) {
        RolloutState newest = null;
        for (IndexedFiles.Tracked<RolloutState> t : read) {
            RolloutState s = t.state();
            if (s.rateLimitsAt != null && (newest == null || s.rateLimitsAt.isAfter(newest.rateLimitsAt))) {
                newest = s;
            }
        }
        return Optional.ofNullable(newest).map(s -> "latest" + rateLimits(s).substring(1));
    }

    @Override
    public void indexCleared() {
        files.forget();
    }
}
