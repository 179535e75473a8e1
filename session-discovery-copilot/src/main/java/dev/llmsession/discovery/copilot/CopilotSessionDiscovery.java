package dev.llmsession.discovery.copilot;

import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.FileStat;
import dev.llmsession.adapterkit.IndexedFiles;
import dev.llmsession.adapterkit.EventSessionDiscovery;
import dev.llmsession.adapterkit.JsonlEvents;
import dev.llmsession.adapterkit.JsonlTail;
import dev.llmsession.adapterkit.PriceTable;
import dev.llmsession.adapterkit.ProcessMatcher;
import dev.llmsession.adapterkit.SessionBuilder;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.EventStream;
import dev.llmsession.spi.ProviderContext;
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
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds GitHub Copilot CLI sessions in {@code $COPILOT_HOME/session-state/<session>/events.jsonl}. Each file is
 * append-only (a resume appends to it) and read from where the last refresh stopped through the kit's
 * {@link IndexedFiles}. Read-only; thread-safe (one refresh at a time).
 */
final class CopilotSessionDiscovery implements EventSessionDiscovery {
    static final String ASSISTANT = "copilot";
    /** Used, marked assumed, when no call recorded Copilot's prompt limit. */
    static final long ASSUMED_WINDOW = 128_000;
    static final Duration IDLE_AFTER = Duration.ofMinutes(10);
    private static final Pattern SAFE_ID = Pattern.compile("[0-9A-Za-z._-]{1,128}");

    private final Path sessionState;
    private final IndexedFiles<EventsState> files;
    private List<String> lastNotes = List.of();

    CopilotSessionDiscovery(Path sessionState) {
        this.sessionState = Objects.requireNonNull(sessionState, "sessionState");
        JsonlTail tail = new JsonlTail();
        EventParser parser = new EventParser();
        this.files = new IndexedFiles<>(ASSISTANT, new EventsState.Codec(), EventsState::new, (file, from, state) -> {
            JsonlTail.Result r = tail.read(file, from, (b, n, complete) -> parser.line(b, n, complete, state));
            return new IndexedFiles.Read(r.offset(), r.partialTail());
        }, IndexedFiles.Mode.APPEND_ONLY);
    }

    /** {@code $COPILOT_HOME/session-state}, default {@code ~/.copilot/session-state}. */
    static Path sessionState(ProviderContext context) {
        Path home = context.env("COPILOT_HOME").map(Path::of).filter(Path::isAbsolute)
                .orElseGet(() -> context.userHome().resolve(".copilot"));
        return home.resolve("session-state");
    }

    /** The Copilot CLI: its native binary ({@code copilot}, {@code copilot-linux-x64}, …) or node running it. */
    static boolean isCopilot(ProcessInfo p) {
        String name = ProcessMatcher.baseName(p.name());
        String exe = ProcessMatcher.baseName(p.path());
        return name.equals("copilot") || name.startsWith("copilot-") || exe.equals("copilot")
                || exe.startsWith("copilot-") || ProcessMatcher.runsScript(p, Set.of("node"), "@github/copilot");
    }

    /** {@code --resume=<id>} or {@code --resume <id>}. */
    static Optional<String> resumedId(ProcessInfo p) {
        for (String a : p.arguments()) {
            if (a.startsWith("--resume=")) {
                return Optional.of(a.substring("--resume=".length()));
            }
        }
        return ProcessMatcher.argumentAfter(p, "--resume");
    }

    @Override
    public synchronized List<Session> discover(Request request) {
        List<ProcessInfo> processes = ProcessMatcher.find(request.processes(), CopilotSessionDiscovery::isCopilot);
        if (!request.includeEnded() && processes.isEmpty()) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        Set<Path> present = new HashSet<>();
        Map<Path, FileStat> wanted = new LinkedHashMap<>();
        Set<String> named = new HashSet<>();
        processes.forEach(p -> resumedId(p).ifPresent(id -> named.add(id.toLowerCase(Locale.ROOT))));
        for (Path file : eventFiles(notes)) {
            FileStat.of(file).ifPresent(stat -> {
                present.add(file);
                // A running session's file is written after its process started, unless the process resumed it.
                if (request.includeEnded()
                        || named.contains(file.getParent().getFileName().toString().toLowerCase(Locale.ROOT))
                        || processes.stream().anyMatch(p -> p.startedAt()
                        .map(s -> !stat.modified().isBefore(s.minus(ProcessMatcher.START_SLACK))).orElse(true))) {
                    wanted.put(file, stat);
                }
            });
        }
        Map<Path, IndexedFiles.Tracked<EventsState>> read = files.refresh(request.index(), wanted, notes);
        files.commit(request.index(), present, request.includeEnded() && request.endedSince().isEmpty(),
                t -> Call.rows(sessionId(t), t.state().calls, PriceTable.NONE), notes);
        List<ProcessMatcher.Candidate> candidates = new ArrayList<>();
        read.values().forEach(t -> candidates.add(new ProcessMatcher.Candidate(sessionId(t),
                t.state().cwd == null ? List.of() : List.of(t.state().cwd), started(t))));
        Map<String, ProcessInfo> owners = ProcessMatcher.match(processes, candidates,
                CopilotSessionDiscovery::resumedId);
        List<Session> out = new ArrayList<>();
        for (IndexedFiles.Tracked<EventsState> t : read.values()) {
            String id = sessionId(t);
            ProcessInfo owner = owners.get(id);
            if (request.includeEnded() || owner != null) {
                out.add(session(id, t, owner, request.now()));
            }
        }
        notes.add(0, "looked in " + sessionState + ": " + read.size() + " session(s) read, " + owners.size()
                + " running");
        lastNotes = List.copyOf(notes);
        return out;
    }

    @Override
    public String assistant() {
        return ASSISTANT;
    }

    /** Copilot CLI resumes a session by its id ({@code --resume <id>}), in the session's directory. */
    @Override
    public List<String> resumeCommand(String nativeId) {
        return List.of("copilot", "--resume", nativeId);
    }

    /** The session's {@code events.jsonl} as conversation events. */
    @Override
    public Optional<EventStream> eventsOf(Session session) {
        if (session.sources().isEmpty()) {
            return Optional.empty();
        }
        Path file = session.sources().get(0);
        return file.startsWith(sessionState) && file.getFileName().toString().equals("events.jsonl")
                ? JsonlEvents.open(List.of(file), CopilotEvents::line) : Optional.empty();
    }

    @Override
    public synchronized List<String> diagnostics() {
        return lastNotes.isEmpty() ? List.of("looked in " + sessionState) : lastNotes;
    }

    private static Session session(String id, IndexedFiles.Tracked<EventsState> t, ProcessInfo owner, Instant now) {
        EventsState s = t.state();
        Instant last = s.lastAt != null ? s.lastAt : t.stat().modified();
        List<Instant> errors = new ArrayList<>(s.errorTimes);
        errors.sort(null);
        return SessionBuilder.of(ASSISTANT, id, ASSISTANT)
                .process(owner == null ? OptionalLong.empty() : OptionalLong.of(owner.pid()),
                        activity(s, owner, last, now))
                .cwd(s.cwd).gitBranch(s.branch).title(s.title).model(s.model)
                .times(started(t), last)
                .tokens(s.calls.isEmpty() ? TokenFigures.UNKNOWN
                        : new TokenFigures(Call.total(s.calls), TokenUsage.ZERO, TokenSource.MEASURED))
                .context(s.lastPrompt, s.window, ASSUMED_WINDOW)
                // Copilot bills premium requests, not tokens: no token price applies.
                .cost(s.model == null ? Cost.UNKNOWN : new Cost(OptionalDouble.empty(), List.of(s.model), ""))
                .errors(new ErrorCounts(s.errors, 0, 0, errors))
                .quality(new DataQuality(s.malformedLines, 0, t.partialTail(), t.unreadable() ? 1 : 0))
                .source(t.path())
                .build();
    }

    private static Activity activity(EventsState s, ProcessInfo owner, Instant last, Instant now) {
        if (owner == null) {
            return Activity.of(ActivityState.ENDED, "no running copilot process in " + s.cwd + " started before it");
        }
        String where = "copilot pid " + owner.pid() + (Double.isNaN(s.premiumRequests) ? ""
                : "; premium requests " + s.premiumRequests);
        if (s.turnOpen) {
            return Activity.of(ActivityState.WORKING, where + "; assistant turn open");
        }
        Duration idle = Duration.between(last, now);
        return idle.compareTo(IDLE_AFTER) > 0
                ? Activity.of(ActivityState.IDLE, where + "; idle " + idle.toMinutes() + " min")
                : Activity.of(ActivityState.WAITING_INPUT, where + "; turn ended");
    }

    private static Instant started(IndexedFiles.Tracked<EventsState> t) {
        return t.state().startTime != null ? t.state().startTime : t.stat().modified();
    }

    private static String sessionId(IndexedFiles.Tracked<EventsState> t) {
        String id = t.state().sessionId;
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            id = t.path().getParent().getFileName().toString();
        }
        return SAFE_ID.matcher(id).matches() ? id.toLowerCase(Locale.ROOT) : "unknown";
    }

    private List<Path> eventFiles(List<String> notes) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(sessionState)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(sessionState)) {
            dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                    .map(d -> d.resolve("events.jsonl")).sorted().forEach(out::add);
        } catch (IOException | UncheckedIOException e) {
            notes.add("could not list all of " + sessionState + ": " + e.getMessage());
        }
        return out;
    }

    @Override
    public void indexCleared() {
        files.forget();
    }
}
