package dev.llmsession.discovery.gemini;

import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.FileStat;
import dev.llmsession.adapterkit.IndexedFiles;
import dev.llmsession.adapterkit.EventSessionDiscovery;
import dev.llmsession.adapterkit.JsonlEvents;
import dev.llmsession.adapterkit.JsonlTail;
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
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds Gemini CLI sessions in {@code ~/.gemini/tmp/<project>/chats/session-*.jsonl} (and legacy
 * {@code session-*.json}). A session is a {@code sessionId}: a resume can leave a second file with the same id, and
 * re-lists old messages under their ids, so messages are merged by id over every file of the session. Read-only;
 * thread-safe (one refresh at a time).
 */
final class GeminiSessionDiscovery implements EventSessionDiscovery {
    static final String ASSISTANT = "gemini";
    /** The window of every Gemini model the CLI runs (its own built-in limit); not written in the chat files. */
    static final long WINDOW = 1_048_576;
    static final Duration IDLE_AFTER = Duration.ofMinutes(10);

    private static final Pattern CHAT = Pattern.compile("session-.*\\.jsonl?");
    private static final Pattern SAFE_ID = Pattern.compile("[0-9A-Za-z._-]{1,128}");

    private final GeminiHome home;
    private final IndexedFiles<ChatState> jsonl;
    private final IndexedFiles<ChatState> legacy;
    /** {@code .project_root} files read, by path: a project's root does not change. */
    private final Map<Path, Optional<String>> projectRoots = new HashMap<>();
    private List<String> lastNotes = List.of();

    GeminiSessionDiscovery(GeminiHome home) {
        this.home = Objects.requireNonNull(home, "home");
        ChatParser parser = new ChatParser();
        JsonlTail tail = new JsonlTail();
        this.jsonl = new IndexedFiles<>(ASSISTANT, new ChatState.Codec(), ChatState::new, (file, from, state) -> {
            JsonlTail.Result r = tail.read(file, from, (b, n, complete) -> parser.line(b, n, complete, state));
            return new IndexedFiles.Read(r.offset(), r.partialTail());
        }, IndexedFiles.Mode.APPEND_ONLY);
        this.legacy = new IndexedFiles<>(ASSISTANT, new ChatState.Codec(), ChatState::new, (file, from, state) -> {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new java.nio.file.NoSuchFileException(file.toString());
            }
            try (InputStream in = Files.newInputStream(file)) {
                parser.wholeFile(in, state);
            }
            return new IndexedFiles.Read(Files.size(file), 0);
        }, IndexedFiles.Mode.WHOLE_FILE);
    }

    /** A Node.js (or bundled) process running the Gemini CLI. */
    static boolean isGemini(ProcessInfo p) {
        return ProcessMatcher.executableIs(p, Set.of("gemini"))
                || ProcessMatcher.runsScript(p, Set.of("node", "bun"), "gemini");
    }

    @Override
    public synchronized List<Session> discover(Request request) {
        List<ProcessInfo> processes = ProcessMatcher.find(request.processes(), GeminiSessionDiscovery::isGemini);
        if (!request.includeEnded() && processes.isEmpty()) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        Map<Path, FileStat> lines = new LinkedHashMap<>();
        Map<Path, FileStat> whole = new LinkedHashMap<>();
        Set<Path> present = new HashSet<>();
        for (Path file : chats(notes)) {
            FileStat.of(file).ifPresent(stat -> {
                present.add(file);
                boolean wanted = request.includeEnded()
                        ? request.endedSince().map(s -> !stat.modified().isBefore(s)).orElse(true) || !processes.isEmpty()
                        : processes.stream().anyMatch(p -> p.startedAt().map(s -> !stat.modified().isBefore(
                                s.minus(ProcessMatcher.START_SLACK))).orElse(true));
                if (wanted) {
                    (file.getFileName().toString().endsWith(".jsonl") ? lines : whole).put(file, stat);
                }
            });
        }
        Map<Path, IndexedFiles.Tracked<ChatState>> read = new LinkedHashMap<>(jsonl.refresh(request.index(), lines,
                notes));
        read.putAll(legacy.refresh(request.index(), whole, notes));
        boolean full = request.includeEnded() && request.endedSince().isEmpty();
        jsonl.commit(request.index(), present, full, this::rows, notes);
        legacy.commit(request.index(), present, full, this::rows, notes);

        Map<String, List<IndexedFiles.Tracked<ChatState>>> bySession = new LinkedHashMap<>();
        read.values().forEach(t -> bySession.computeIfAbsent(sessionId(t), k -> new ArrayList<>()).add(t));
        List<ProcessMatcher.Candidate> candidates = new ArrayList<>();
        Map<String, Merged> merged = new LinkedHashMap<>();
        bySession.forEach((id, files) -> {
            Merged m = Merged.of(files, projectDir(files.get(0).path()));
            merged.put(id, m);
            candidates.add(new ProcessMatcher.Candidate(id, m.cwd().map(List::of).orElse(List.of()), m.started()));
        });
        Map<String, ProcessInfo> owners = ProcessMatcher.match(processes, candidates,
                p -> ProcessMatcher.argumentAfter(p, "--resume"));
        List<Session> out = new ArrayList<>();
        merged.forEach((id, m) -> {
            ProcessInfo owner = owners.get(id);
            if (request.includeEnded() || owner != null) {
                out.add(session(id, m, owner, request.now()));
            }
        });
        notes.add(0, "looked in " + home.projects() + ": " + read.size() + " chat file(s), " + out.size()
                + " session(s), " + owners.size() + " running");
        lastNotes = List.copyOf(notes);
        return out;
    }

    @Override
    public String assistant() {
        return ASSISTANT;
    }

    /** Gemini CLI resumes a session by its id ({@code --resume <uuid>}) from its project directory. */
    @Override
    public List<String> resumeCommand(String nativeId) {
        return List.of("gemini", "--resume", nativeId);
    }

    /** The session's {@code .jsonl} files (in the order found) as conversation events; legacy {@code .json} not. */
    @Override
    public Optional<EventStream> eventsOf(Session session) {
        List<Path> files = chatFiles(session);
        return files.isEmpty() ? Optional.empty() : JsonlEvents.open(files, new ChatEvents());
    }

    private List<Path> chatFiles(Session session) {
        if (!ASSISTANT.equals(session.assistant())) {
            return List.of();
        }
        return session.sources().stream().filter(f -> f.startsWith(home.projects()) && isChatFile(f)
                && f.getFileName().toString().endsWith(".jsonl")).toList();
    }

    @Override
    public synchronized List<String> diagnostics() {
        return lastNotes.isEmpty() ? List.of("looked in " + home.projects()) : lastNotes;
    }

    /** A session's files merged: messages by id (first-seen order), the earliest start, the latest activity. */
    private record Merged(Map<String, ChatMessage> messages, Instant started, Instant last, Optional<String> cwd,
            List<IndexedFiles.Tracked<ChatState>> files) {

        static Merged of(List<IndexedFiles.Tracked<ChatState>> files, Optional<String> cwd) {
            Map<String, ChatMessage> messages = new LinkedHashMap<>();
            Instant started = null;
            Instant last = null;
            for (IndexedFiles.Tracked<ChatState> t : files) {
                ChatState s = t.state();
                s.messages.forEach((id, m) -> {
                    ChatMessage copy = messages.computeIfAbsent(id, k -> new ChatMessage());
                    copy.merge(m);
                });
                Instant start = s.startTime != null ? s.startTime : t.stat().modified();
                started = started == null || start.isBefore(started) ? start : started;
                Instant end = s.lastAt != null ? s.lastAt : t.stat().modified();
                last = last == null || end.isAfter(last) ? end : last;
            }
            return new Merged(messages, started, last, cwd, files);
        }
    }

    private Session session(String id, Merged m, ProcessInfo owner, Instant now) {
        List<Call> calls = calls(id, m.messages());
        ChatMessage lastCall = null;
        ChatMessage lastMessage = null;
        String model = null;
        String title = null;
        int errors = 0;
        List<Instant> errorTimes = new ArrayList<>();
        for (ChatMessage msg : m.messages().values()) {
            lastMessage = msg;
            if (msg.tokens != null) {
                lastCall = msg;
            }
            if (msg.model != null) {
                model = msg.model;
            }
            if ("user".equals(msg.type) && title == null && msg.text != null
                    && !msg.text.startsWith("<session_context>")) {
                title = msg.text;
            }
            if ("error".equals(msg.type)) {
                errors++;
                errorTimes.add(msg.at == null ? m.last() : msg.at);
            }
        }
        long malformed = 0;
        long partial = 0;
        int unreadable = 0;
        for (IndexedFiles.Tracked<ChatState> t : m.files()) {
            malformed += t.state().malformedLines;
            partial += t.partialTail();
            unreadable += t.unreadable() ? 1 : 0;
        }
        errorTimes.sort(null);
        SessionBuilder b = SessionBuilder.of(ASSISTANT, id, ASSISTANT)
                .process(owner == null ? OptionalLong.empty() : OptionalLong.of(owner.pid()),
                        activity(owner, lastMessage, m.last(), now))
                .cwd(m.cwd().orElse(null)).title(title).model(model)
                .times(m.started(), m.last())
                .tokens(calls.isEmpty() ? TokenFigures.UNKNOWN
                        : new TokenFigures(Call.total(calls), TokenUsage.ZERO, TokenSource.MEASURED))
                .context(lastCall == null ? -1 : lastCall.tokens.contextTokens(), 0, WINDOW)
                .cost(calls.isEmpty() ? Cost.UNKNOWN : GeminiPrices.TABLE.cost(calls))
                .errors(new ErrorCounts(errors, 0, 0, errorTimes))
                .quality(new DataQuality(malformed, 0, partial, unreadable));
        m.files().forEach(t -> b.source(t.path()));
        return b.build();
    }

    private static Activity activity(ProcessInfo owner, ChatMessage last, Instant lastAt, Instant now) {
        if (owner == null) {
            return Activity.of(ActivityState.ENDED, "no running gemini process in the project started before it");
        }
        String where = "gemini pid " + owner.pid() + "; last message: " + (last == null ? "none" : last.type);
        if (last == null) {
            return Activity.of(ActivityState.UNKNOWN, where);
        }
        return switch (last.type) {
            case "user" -> Activity.of(ActivityState.WORKING, where);
            case "error" -> Activity.of(ActivityState.ERRORED, where);
            default -> Duration.between(lastAt, now).compareTo(IDLE_AFTER) > 0
                    ? Activity.of(ActivityState.IDLE, where + "; idle " + Duration.between(lastAt, now).toMinutes()
                            + " min")
                    : Activity.of(ActivityState.WAITING_INPUT, where);
        };
    }

    /** One call per {@code gemini} message with tokens, keyed by session and message id. */
    private static List<Call> calls(String sessionId, Map<String, ChatMessage> messages) {
        List<Call> out = new ArrayList<>();
        messages.forEach((msgId, msg) -> {
            if (msg.tokens != null) {
                out.add(msg.tokens.call(sessionId + ":" + msgId, msg.at == null ? 0 : msg.at.toEpochMilli(),
                        msg.model == null ? "" : msg.model));
            }
        });
        return out;
    }

    private List<TranscriptIndex.UsageRow> rows(IndexedFiles.Tracked<ChatState> t) {
        String id = sessionId(t);
        List<TranscriptIndex.UsageRow> out = new ArrayList<>();
        for (Call c : calls(id, t.state().messages)) {
            out.add(c.row(id, GeminiPrices.TABLE));
        }
        return out;
    }

    private static String sessionId(IndexedFiles.Tracked<ChatState> t) {
        String id = t.state().sessionId;
        if (id != null && SAFE_ID.matcher(id).matches()) {
            return id.toLowerCase(java.util.Locale.ROOT);
        }
        String name = t.path().getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private List<Path> chats(List<String> notes) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(home.projects())) {
            return out;
        }
        // tmp/<project>/chats/session-*.jsonl, or tmp/<project>/chats/<session>/*.jsonl
        try (Stream<Path> walk = Files.walk(home.projects(), 4)) {
            walk.filter(GeminiSessionDiscovery::isChatFile).sorted().forEach(out::add);
        } catch (IOException | UncheckedIOException e) {
            notes.add("could not walk all of " + home.projects() + ": " + e.getMessage());
        }
        return out;
    }

    private static boolean isChatFile(Path p) {
        String name = p.getFileName().toString();
        Path parent = p.getParent();
        Path grandParent = parent == null ? null : parent.getParent();
        return CHAT.matcher(name).matches() && named(parent, "chats")
                || name.endsWith(".jsonl") && named(grandParent, "chats");
    }

    private static boolean named(Path dir, String name) {
        return dir != null && dir.getFileName() != null && dir.getFileName().toString().equals(name);
    }

    /** The project a chat belongs to: the path in {@code tmp/<project>/.project_root}, when there is one. */
    private Optional<String> projectDir(Path chatFile) {
        Path projectDir = chatFile.getParent();
        while (projectDir != null && !"chats".equals(String.valueOf(projectDir.getFileName()))) {
            projectDir = projectDir.getParent();
        }
        if (projectDir == null || projectDir.getParent() == null) {
            return Optional.empty();
        }
        Path marker = projectDir.getParent().resolve(".project_root");
        return projectRoots.computeIfAbsent(marker, GeminiSessionDiscovery::readRoot);
    }

    private static Optional<String> readRoot(Path marker) {
        try {
            if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > 4096) {
                return Optional.empty();
            }
            String path = new String(Files.readAllBytes(marker), StandardCharsets.UTF_8).strip();
            return path.startsWith("/") || path.matches("^[A-Za-z]:\\\\.*") ? Optional.of(path) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void indexCleared() {
        jsonl.forget();
        legacy.forget();
    }
}
