package dev.llmsession.examples.codex;

import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.EventStream;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds Codex sessions in {@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl} (and
 * {@code archived_sessions/}). Keeps each file's parser state in memory between refreshes and reads only the bytes
 * appended since; never writes anywhere. Thread-safe: one refresh at a time.
 */
final class CodexSessionDiscovery implements SessionDiscovery {
    static final String ASSISTANT = "codex";
    static final String ID_PREFIX = "codex";
    /** The window Codex reports for its gpt-5 models in the samples; used, marked assumed, when none is recorded. */
    static final long ASSUMED_WINDOW = 258_400;
    /** Waiting for input longer than this is idle. */
    static final Duration IDLE_AFTER = Duration.ofMinutes(10);

    private static final Pattern ROLLOUT = Pattern.compile(
            "rollout-.*?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\.jsonl");

    private final CodexHome home;
    private final RolloutReader reader;
    private final Map<Path, Indexed> files = new HashMap<>();
    private List<String> lastNotes = List.of();

    CodexSessionDiscovery(CodexHome home) {
        this(home, new RolloutReader());
    }

    CodexSessionDiscovery(CodexHome home, RolloutReader reader) {
        this.home = Objects.requireNonNull(home, "home");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** One rollout as last read. */
    private static final class Indexed {
        String fileKey;
        boolean dirty;
        long size;
        long mtime;
        long offset;
        long partialTail;
        int unreadable;
        RolloutState state = new RolloutState();
    }

    @Override
    public synchronized List<Session> discover(Request request) {
        List<ProcessInfo> processes = CodexProcesses.find(request.processes());
        if (!request.includeEnded() && processes.isEmpty()) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        List<Path> rollouts = rollouts(notes);
        Optional<Instant> oldestProcess = processes.stream().map(ProcessInfo::startedAt)
                .map(s -> s.orElse(Instant.MIN)).min(Instant::compareTo);
        Set<Path> present = new HashSet<>();
        Map<Path, BasicFileAttributes> wanted = new LinkedHashMap<>();
        for (Path file : rollouts) {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                continue;
            }
            present.add(file);
            if (!skip(request, attrs.lastModifiedTime().toInstant(), processes, oldestProcess)) {
                wanted.put(file, attrs);
            }
        }
        restore(request.index(), wanted.keySet(), notes);
        Map<Path, Indexed> read = new LinkedHashMap<>();
        wanted.forEach((file, attrs) -> {
            Indexed entry = refresh(file, attrs);
            if (entry != null) {
                read.put(file, entry);
            }
        });
        persist(request, present, notes);
        files.keySet().retainAll(present);
        Map<String, Path> byId = new LinkedHashMap<>();
        for (Map.Entry<Path, Indexed> e : read.entrySet()) {
            String id = sessionId(e.getKey(), e.getValue().state);
            Path other = byId.get(id);
            // A session archived while a copy still sits in sessions/: the one written last is the truth.
            if (other == null || e.getValue().mtime > read.get(other).mtime) {
                byId.put(id, e.getKey());
            }
        }
        List<CodexProcesses.Candidate> candidates = new ArrayList<>();
        byId.forEach((id, file) -> candidates.add(new CodexProcesses.Candidate(id, read.get(file).state.cwds(),
                startedAt(read.get(file)))));
        Map<String, ProcessInfo> owners = CodexProcesses.match(processes, candidates);
        List<Session> sessions = new ArrayList<>();
        byId.forEach((id, file) -> {
            if (request.includeEnded() || owners.containsKey(id)) {
                sessions.add(assemble(id, file, read.get(file), Optional.ofNullable(owners.get(id)), request.now()));
            }
        });
        notes.add(0, "looked in " + home.sessions() + ": " + read.size() + " rollout(s) read, " + sessions.size()
                + " session(s), " + owners.size() + " running");
        lastNotes = List.copyOf(notes);
        return sessions;
    }

    /** The rollout read as conversation events (prompts, replies, tool calls, errors, compactions). */
    @Override
    public Optional<EventStream> events(Session session) {
        return ASSISTANT.equals(session.assistant()) && !session.sources().isEmpty()
                ? RolloutEvents.open(session.sources().get(0)) : Optional.empty();
    }

    /** Codex continues a session with {@code codex resume <id>} in its directory; it has no registry to tell more. */
    @Override
    public Optional<SessionControl> control(Session session) {
        return ASSISTANT.equals(session.assistant())
                ? Optional.of(SessionControl.resumeOnly(session, List.of("codex", "resume", session.id().nativeId())))
                : Optional.empty();
    }

    @Override
    public synchronized List<String> diagnostics() {
        List<String> out = new ArrayList<>(lastNotes);
        if (out.isEmpty()) {
            out.add("looked in " + home.sessions() + (Files.isDirectory(home.sessions()) ? "" : " (absent)"));
        }
        return out;
    }

    /** Parser states an earlier run left in the store, for the files this process has not read yet. */
    private void restore(TranscriptIndex index, Set<Path> wanted, List<String> notes) {
        List<String> unknown = wanted.stream().filter(f -> !files.containsKey(f)).map(Path::toString).toList();
        if (unknown.isEmpty()) {
            return;
        }
        try {
            index.load(ID_PREFIX, unknown).forEach((path, e) -> StateCodec.decode(e.state()).ifPresent(state -> {
                Indexed restored = new Indexed();
                restored.fileKey = e.fileKey();
                restored.size = e.size();
                restored.mtime = e.mtime();
                restored.offset = e.offset();
                restored.partialTail = Math.max(0, e.size() - e.offset());
                restored.state = state;
                files.put(Path.of(path), restored);
            }));
        } catch (RuntimeException e) {
            notes.add("index unreadable, rollouts read from the start: " + e.getMessage());
        }
    }

    /**
     * Hands the states read this refresh to the store, so the next run starts where this one stopped; on a full
     * listing also forgets the files that are gone. A store that fails costs a note, never the listing.
     */
    private void persist(Request request, Set<Path> present, List<String> notes) {
        List<TranscriptIndex.Entry> upserts = new ArrayList<>();
        Map<String, List<TranscriptIndex.UsageRow>> usage = new HashMap<>();
        files.forEach((path, e) -> {
            if (e.dirty && present.contains(path)) {
                upserts.add(new TranscriptIndex.Entry(path.toString(), e.fileKey, e.size, e.mtime, e.offset,
                        StateCodec.encode(e.state)));
                usage.put(path.toString(), List.of());
                e.dirty = false;
            }
        });
        try {
            List<String> removed = new ArrayList<>();
            if (request.includeEnded() && request.endedSince().isEmpty()) {
                for (String path : request.index().load(ID_PREFIX).keySet()) {
                    if (!present.contains(Path.of(path))) {
                        removed.add(path);
                    }
                }
            }
            TranscriptIndex.Commit commit = new TranscriptIndex.Commit(upserts, removed, usage);
            if (!commit.isEmpty()) {
                request.index().commit(ID_PREFIX, commit);
            }
        } catch (RuntimeException e) {
            notes.add("index not updated, the next run reads these rollouts again: " + e.getMessage());
        }
    }

    /** Files that cannot matter for this request are not read at all. */
    private static boolean skip(Request request, Instant modified, List<ProcessInfo> processes,
            Optional<Instant> oldestProcess) {
        if (!request.includeEnded()) {
            // A live process's rollout is written after the process started.
            return oldestProcess.filter(o -> modified.isBefore(o.minus(CodexProcesses.START_SLACK))).isPresent();
        }
        return processes.isEmpty() && request.endedSince().filter(modified::isBefore).isPresent();
    }

    /** Reads what was appended since the last refresh; a replaced or shrunk file is read again from the start. */
    private Indexed refresh(Path file, BasicFileAttributes attrs) {
        Indexed entry = files.get(file);
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis();
        String key = String.valueOf(attrs.fileKey());
        if (entry != null && Objects.equals(entry.fileKey, key) && entry.size == size && entry.mtime == mtime) {
            return entry;
        }
        if (entry == null || !Objects.equals(entry.fileKey, key) || size < entry.offset) {
            entry = new Indexed();
        }
        try {
            RolloutReader.Result r = reader.read(file, entry.offset, entry.state);
            entry.offset = r.offset();
            entry.partialTail = r.partialTail();
            entry.fileKey = key;
            entry.size = size;
            entry.mtime = mtime;
            entry.dirty = true;
            files.put(file, entry);
            return entry;
        } catch (NoSuchFileException e) {
            files.remove(file);
            return null;
        } catch (IOException | UncheckedIOException e) {
            // Keep what an earlier refresh read; a file never read is reported from its name alone.
            entry.unreadable = 1;
            files.put(file, entry);
            return entry;
        }
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
            walk.filter(p -> ROLLOUT.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .sorted()
                    .forEach(out::add);
        } catch (IOException | UncheckedIOException e) {
            // A directory vanished or is unreadable while walking: use what was found before it.
            notes.add("could not walk all of " + root + ": " + e.getMessage());
        }
    }

    private static String sessionId(Path file, RolloutState state) {
        if (state.sessionId != null && !state.sessionId.isBlank()) {
            return state.sessionId;
        }
        Matcher m = ROLLOUT.matcher(file.getFileName().toString());
        return m.matches() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : file.getFileName().toString();
    }

    private static Instant startedAt(Indexed e) {
        RolloutState s = e.state;
        if (s.metaStartedAt != null) {
            return s.metaStartedAt;
        }
        return s.firstAt != null ? s.firstAt : Instant.ofEpochMilli(e.mtime);
    }

    private static Session assemble(String id, Path file, Indexed e, Optional<ProcessInfo> process, Instant now) {
        RolloutState s = e.state;
        Instant started = startedAt(e);
        Instant last = s.lastAt != null ? s.lastAt : Instant.ofEpochMilli(e.mtime);
        if (last.isBefore(started)) {
            last = started;
        }
        TokenFigures tokens = s.runningTotal == null ? TokenFigures.UNKNOWN
                : new TokenFigures(new TokenUsage(s.counted.uncachedInput(), s.counted.output(),
                        s.counted.cacheWrite(), s.counted.cached(), s.apiCalls), TokenUsage.ZERO, TokenSource.MEASURED);
        boolean windowKnown = s.window > 0;
        ContextFill context = new ContextFill(
                s.lastCall == null ? OptionalLong.empty() : OptionalLong.of(s.lastCall.total()),
                windowKnown ? s.window : ASSUMED_WINDOW, !windowKnown, OptionalLong.empty(),
                s.lastCall == null ? TokenSource.UNKNOWN : TokenSource.MEASURED);
        // No price table for OpenAI models here: the cost is unknown, never 0.
        Cost cost = s.model == null ? Cost.UNKNOWN : new Cost(OptionalDouble.empty(), List.of(s.model), "");
        List<Instant> times = new ArrayList<>(s.errorTimes);
        times.sort(null);
        return new Session(new SessionId(ID_PREFIX, id), ASSISTANT,
                process.map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty()),
                activity(s, process, last, now), s.cwd(), Optional.ofNullable(s.gitBranch),
                Optional.ofNullable(s.title), Optional.ofNullable(s.model), started, last, tokens, context, cost,
                new ErrorCounts(s.apiErrors, 0, s.interrupts, times),
                new DataQuality(s.malformedLines, 0, e.partialTail, e.unreadable), List.of(file));
    }

    private static Activity activity(RolloutState s, Optional<ProcessInfo> process, Instant last, Instant now) {
        if (process.isEmpty()) {
            return Activity.of(ActivityState.ENDED, "no running codex process in " + s.cwd().orElse("its directory")
                    + " started before it");
        }
        String where = "codex pid " + process.get().pid() + "; rollout: " + s.turnDetail;
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
}
