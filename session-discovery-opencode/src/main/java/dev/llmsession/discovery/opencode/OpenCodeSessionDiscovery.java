package dev.llmsession.discovery.opencode;

import dev.llmsession.adapterkit.EventSessionDiscovery;
import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.FileStat;
import dev.llmsession.adapterkit.IndexedFiles;
import dev.llmsession.adapterkit.ProcessMatcher;
import dev.llmsession.adapterkit.ReadOnlySqlite;
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
import dev.llmsession.spi.TranscriptIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds OpenCode sessions in {@code $XDG_DATA_HOME/opencode/opencode.db} (1.2+) and in the {@code storage/} files
 * older versions wrote beside it ({@link LegacyStorage}). The database is re-read whole when it or its WAL changed,
 * a legacy session when its file or one of its message files changed (the kit's {@link IndexedFiles} in whole-file
 * mode, one index for both), else the sessions come from memory or the index. A session the database holds is
 * never also read from legacy files, so none is counted twice. Read-only; thread-safe (one refresh at a time).
 */
final class OpenCodeSessionDiscovery implements EventSessionDiscovery {
    static final String ASSISTANT = "opencode";
    /** OpenCode records no window per session: this one is shown, marked assumed. */
    static final long ASSUMED_WINDOW = 200_000;
    static final Duration IDLE_AFTER = Duration.ofMinutes(10);

    private final Path db;
    private final Path storage;
    private final IndexedFiles<OcState> files;
    private List<String> lastNotes = List.of();

    OpenCodeSessionDiscovery(Path db) {
        this.db = Objects.requireNonNull(db, "db");
        this.storage = db.resolveSibling("storage");
        this.files = new IndexedFiles<>(ASSISTANT, new OcState.Codec(), OcState::new, (file, from, state) -> {
            if (file.equals(db)) {
                state.sessions.addAll(OpenCodeDb.read(file).sessions);
            } else {
                state.sessions.add(LegacyStorage.read(file));
            }
            return new IndexedFiles.Read(0, 0);
        }, IndexedFiles.Mode.WHOLE_FILE);
    }

    /** {@code $XDG_DATA_HOME/opencode/opencode.db}, default {@code ~/.local/share/opencode/opencode.db}. */
    static Path database(ProviderContext context) {
        Path data = context.env("XDG_DATA_HOME").map(Path::of).filter(Path::isAbsolute)
                .orElseGet(() -> context.userHome().resolve(".local/share"));
        return data.resolve("opencode/opencode.db");
    }

    /** The {@code opencode} native binary (or the bun/node launcher running it). */
    static boolean isOpenCode(ProcessInfo p) {
        return ProcessMatcher.executableIs(p, Set.of("opencode", ".opencode"))
                && !p.arguments().contains("serve");
    }

    @Override
    public synchronized List<Session> discover(Request request) {
        List<ProcessInfo> processes = ProcessMatcher.find(request.processes(), OpenCodeSessionDiscovery::isOpenCode);
        if (!request.includeEnded() && processes.isEmpty()) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        Optional<FileStat> stat = ReadOnlySqlite.stat(db);
        Map<Path, IndexedFiles.Tracked<OcState>> read = new LinkedHashMap<>(files.refresh(request.index(),
                stat.map(s -> Map.of(db, s)).orElse(Map.of()), notes));
        IndexedFiles.Tracked<OcState> dbRead = read.get(db);
        Set<String> inDb = new HashSet<>();
        if (dbRead != null) {
            dbRead.state().sessions.forEach(s -> inDb.add(s.id));
        }
        Map<Path, FileStat> legacy = LegacyStorage.sessions(storage, notes);
        int shadowed = legacy.size();
        legacy.keySet().removeIf(f -> inDb.contains(LegacyStorage.sessionId(f)));
        shadowed -= legacy.size();
        read.putAll(files.refresh(request.index(), legacy, notes));
        Set<Path> present = new HashSet<>(legacy.keySet());
        stat.ifPresent(s -> present.add(db));
        files.commit(request.index(), present, true, this::rows, notes);
        if (read.isEmpty()) {
            lastNotes = List.of("no readable OpenCode database " + db + " nor legacy sessions in " + storage);
            return List.of();
        }
        List<ProcessMatcher.Candidate> candidates = new ArrayList<>();
        read.values().forEach(t -> t.state().sessions.forEach(s -> {
            if (s.parentId == null && s.directory != null) {
                candidates.add(new ProcessMatcher.Candidate(s.id, List.of(s.directory), s.created));
            }
        }));
        Map<String, ProcessInfo> owners = ProcessMatcher.match(processes, candidates,
                p -> ProcessMatcher.argumentAfter(p, "--session"));
        List<Session> out = new ArrayList<>();
        for (IndexedFiles.Tracked<OcState> t : read.values()) {
            for (OcSession s : t.state().sessions) {
                ProcessInfo owner = owners.get(s.id);
                if (request.includeEnded() || owner != null) {
                    out.add(session(s, t, owner, request.now()));
                }
            }
        }
        notes.add(0, (dbRead == null ? "no readable " + db : "read " + db
                + (dbRead.unreadable() ? " (locked or damaged now: earlier read kept)" : "")) + "; "
                + (read.size() - (dbRead == null ? 0 : 1)) + " legacy session(s) in " + storage
                + (shadowed > 0 ? " (" + shadowed + " also in the database, read from there)" : "") + ": "
                + out.size() + " session(s), " + owners.size() + " running");
        lastNotes = List.copyOf(notes);
        return out;
    }

    @Override
    public String assistant() {
        return ASSISTANT;
    }

    /** OpenCode continues a session by its id ({@code --session <id>}) from its directory. */
    @Override
    public List<String> resumeCommand(String nativeId) {
        return List.of("opencode", "--session", nativeId);
    }

    /** The session's text parts as conversation events, from the database or its legacy files. */
    @Override
    public Optional<EventStream> eventsOf(Session session) {
        if (session.sources().isEmpty()) {
            return Optional.empty();
        }
        Path source = session.sources().get(0);
        if (source.equals(db)) {
            return OpenCodeEvents.fromDatabase(db, session.id().nativeId());
        }
        return source.startsWith(storage.resolve("session")) ? OpenCodeEvents.fromLegacy(source) : Optional.empty();
    }

    @Override
    public synchronized List<String> diagnostics() {
        return lastNotes.isEmpty() ? List.of("looked for " + db) : lastNotes;
    }

    private static Session session(OcSession s, IndexedFiles.Tracked<OcState> t, ProcessInfo owner, Instant now) {
        Instant last = s.updated != null && s.updated.isAfter(s.created) ? s.updated : s.created;
        List<Instant> errors = new ArrayList<>(s.errorTimes);
        errors.removeIf(Objects::isNull);
        errors.sort(null);
        return SessionBuilder.of(ASSISTANT, safe(s.id), ASSISTANT)
                .process(owner == null ? OptionalLong.empty() : OptionalLong.of(owner.pid()),
                        activity(s, owner, last, now))
                .cwd(s.directory).title(s.title).model(s.model)
                .times(s.created, last)
                .tokens(s.calls.isEmpty() ? TokenFigures.UNKNOWN
                        : new TokenFigures(Call.total(s.calls), TokenUsage.ZERO, TokenSource.MEASURED))
                .context(s.lastPrompt, 0, ASSUMED_WINDOW)
                .cost(cost(s))
                .errors(new ErrorCounts(s.errors, 0, 0, errors))
                .quality(new DataQuality(s.invalidMessages, 0, 0, t.unreadable() ? 1 : 0))
                .source(t.path())
                .build();
    }

    /** The sum of the costs OpenCode recorded; unknown when a call has none. */
    private static Cost cost(OcSession s) {
        if (s.calls.isEmpty()) {
            return Cost.UNKNOWN;
        }
        double sum = 0;
        for (double c : s.costs) {
            if (Double.isNaN(c)) {
                return new Cost(OptionalDouble.empty(), s.model == null ? List.of() : List.of(s.model), "");
            }
            sum += c;
        }
        return new Cost(OptionalDouble.of(sum), List.of(), "");
    }

    private static Activity activity(OcSession s, ProcessInfo owner, Instant last, Instant now) {
        if (owner == null) {
            return Activity.of(ActivityState.ENDED, "no running opencode process in " + s.directory
                    + " started before it");
        }
        String where = "opencode pid " + owner.pid() + "; last message: " + s.lastRole
                + (s.lastFinished ? " (finished)" : "");
        if ("user".equals(s.lastRole) || "assistant".equals(s.lastRole) && !s.lastFinished) {
            return Activity.of(ActivityState.WORKING, where);
        }
        Duration idle = Duration.between(last, now);
        return idle.compareTo(IDLE_AFTER) > 0
                ? Activity.of(ActivityState.IDLE, where + "; idle " + idle.toMinutes() + " min")
                : Activity.of(ActivityState.WAITING_INPUT, where);
    }

    private List<TranscriptIndex.UsageRow> rows(IndexedFiles.Tracked<OcState> t) {
        List<TranscriptIndex.UsageRow> out = new ArrayList<>();
        for (OcSession s : t.state().sessions) {
            for (int i = 0; i < s.calls.size(); i++) {
                Call c = s.calls.get(i);
                out.add(new TranscriptIndex.UsageRow(safe(s.id), c.key(), c.at(), c.model(), c.input(), c.output(),
                        c.cacheWrite(), c.cacheRead(), s.costs.get(i), s.parentId != null));
            }
        }
        return out;
    }

    private static String safe(String id) {
        return id.matches("[0-9A-Za-z._-]{1,128}") ? id : Integer.toHexString(id.hashCode());
    }

    @Override
    public void indexCleared() {
        files.forget();
    }
}
