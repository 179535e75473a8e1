package dev.llmsession.examples.aider;

import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.FileStat;
import dev.llmsession.adapterkit.IndexedFiles;
import dev.llmsession.adapterkit.JsonlTail;
import dev.llmsession.adapterkit.PriceTable;
import dev.llmsession.adapterkit.ProcessMatcher;
import dev.llmsession.adapterkit.SessionBuilder;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds Aider chats in {@code .aider.chat.history.md} files: one session per chat (one run of Aider), ended unless
 * a live {@code aider} process runs in the file's directory and started before the chat. Tokens are Aider's own
 * figures — exact when printed whole ({@code 5,244}), estimates once Aider rounded them ({@code 2.4k}); the cost is
 * Aider's own running total of the chat; the window is not written anywhere (assumed). Read-only; thread-safe.
 */
final class AiderSessionDiscovery implements SessionDiscovery {
    static final String ASSISTANT = "aider";
    static final String HISTORY = ".aider.chat.history.md";
    /** Aider runs many models and records no window: this one is shown, marked assumed. */
    static final long ASSUMED_WINDOW = 128_000;
    private static final Set<String> NAMES = Set.of("aider");

    private final ProviderContext context;
    private final IndexedFiles<HistoryState> files;
    private List<String> lastNotes = List.of();

    AiderSessionDiscovery(ProviderContext context) {
        this.context = context;
        JsonlTail lines = new JsonlTail();
        HistoryParser parser = new HistoryParser(zone(context));
        this.files = new IndexedFiles<>(ASSISTANT, new HistoryState.Codec(), HistoryState::new, (file, from, state) -> {
            JsonlTail.Result r = lines.read(file, from, (b, n, complete) -> parser.apply(b, n, complete, state));
            return new IndexedFiles.Read(r.offset(), r.partialTail());
        }, IndexedFiles.Mode.APPEND_ONLY);
    }

    /** Aider writes its header times in local time: the zone {@code TZ} names, else the system's. */
    static ZoneId zone(ProviderContext context) {
        return context.env("TZ").flatMap(tz -> {
            try {
                return java.util.Optional.of(ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz));
            } catch (java.time.DateTimeException e) {
                return java.util.Optional.empty();
            }
        }).orElseGet(ZoneId::systemDefault);
    }

    /** An {@code aider} executable, or a Python interpreter running the {@code aider} script. */
    static boolean isAider(ProcessInfo p) {
        if (ProcessMatcher.executableIs(p, NAMES)) {
            return true;
        }
        return ProcessMatcher.baseName(p.name()).startsWith("python") && p.arguments().size() > 1
                && ProcessMatcher.baseName(p.arguments().get(1)).equals("aider");
    }

    @Override
    public synchronized List<Session> discover(Request request) {
        List<ProcessInfo> processes = ProcessMatcher.find(request.processes(), AiderSessionDiscovery::isAider);
        if (!request.includeEnded() && processes.isEmpty()) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        Map<Path, FileStat> wanted = new LinkedHashMap<>();
        for (Path file : historyFiles(processes, request.includeEnded(), notes)) {
            FileStat.of(file).ifPresent(stat -> wanted.put(file, stat));
        }
        Map<Path, IndexedFiles.Tracked<HistoryState>> read = files.refresh(request.index(), wanted, notes);
        files.commit(request.index(), wanted.keySet(), false, this::rows, notes);

        List<ProcessMatcher.Candidate> candidates = new ArrayList<>();
        Map<String, Found> chats = new LinkedHashMap<>();
        read.forEach((file, t) -> {
            for (Chat chat : t.state().chats) {
                if (chat.startedAt != null) {
                    String id = nativeId(file, chat);
                    chats.put(id, new Found(t, chat));
                    candidates.add(new ProcessMatcher.Candidate(id, List.of(file.getParent().toString()),
                            chat.startedAt));
                }
            }
        });
        Map<String, ProcessInfo> owners = ProcessMatcher.match(processes, candidates, p -> java.util.Optional.empty());
        List<Session> out = new ArrayList<>();
        chats.forEach((id, found) -> {
            ProcessInfo owner = owners.get(id);
            if (request.includeEnded() || owner != null) {
                out.add(session(id, found.file(), found.chat(), owner));
            }
        });
        notes.add(0, "read " + read.size() + " " + HISTORY + " file(s): " + out.size() + " chat(s), " + owners.size()
                + " running");
        lastNotes = List.copyOf(notes);
        return out;
    }

    /** A chat and the file it is in. */
    private record Found(IndexedFiles.Tracked<HistoryState> file, Chat chat) {
    }

    @Override
    public synchronized List<String> diagnostics() {
        return lastNotes.isEmpty() ? List.of("no discovery yet; roots: " + roots()) : lastNotes;
    }

    private Session session(String id, IndexedFiles.Tracked<HistoryState> t, Chat chat, ProcessInfo owner) {
        List<Chat> all = t.state().chats;
        boolean last = all.get(all.size() - 1) == chat;
        // Aider writes no time after the header: a chat lasts until the next one starts, the last until the file's
        // last write.
        Instant end = last ? t.stat().modified() : next(all, chat);
        TokenUsage total = Call.total(chat.calls);
        Activity activity = owner == null ? Activity.of(ActivityState.ENDED, "no running aider process in "
                + t.path().getParent())
                : Activity.of(ActivityState.UNKNOWN, "aider pid " + owner.pid() + " in " + t.path().getParent()
                        + "; Aider records no turn state");
        return SessionBuilder.of(ASSISTANT, id, ASSISTANT)
                .process(owner == null ? OptionalLong.empty() : OptionalLong.of(owner.pid()), activity)
                .cwd(t.path().getParent().toString()).title(chat.title).model(chat.model)
                .times(chat.startedAt, end)
                .tokens(chat.calls.isEmpty() ? TokenFigures.UNKNOWN : new TokenFigures(total, TokenUsage.ZERO,
                        chat.rounded ? TokenSource.ESTIMATED : TokenSource.MEASURED))
                .context(chat.lastSent, 0, ASSUMED_WINDOW)
                .cost(Double.isNaN(chat.sessionCost) ? Cost.UNKNOWN
                        : new Cost(OptionalDouble.of(chat.sessionCost), List.of(), ""))
                .quality(new DataQuality(0, 0, t.partialTail(), t.unreadable() ? 1 : 0))
                .source(t.path())
                .build();
    }

    private static Instant next(List<Chat> all, Chat chat) {
        for (int i = all.indexOf(chat) + 1; i < all.size(); i++) {
            if (all.get(i).startedAt != null) {
                return all.get(i).startedAt;
            }
        }
        return chat.startedAt;
    }

    private List<TranscriptIndex.UsageRow> rows(IndexedFiles.Tracked<HistoryState> t) {
        List<TranscriptIndex.UsageRow> out = new ArrayList<>();
        for (Chat chat : t.state().chats) {
            if (chat.startedAt != null) {
                String id = nativeId(t.path(), chat);
                chat.calls.forEach(c -> out.add(c.withKey(id + ":" + c.key()).row(id, PriceTable.NONE)));
            }
        }
        return out;
    }

    /** The history files to read: in each live process's directory, and (for ended sessions) under the roots. */
    private Set<Path> historyFiles(List<ProcessInfo> processes, boolean ended, List<String> notes) {
        Set<Path> out = new LinkedHashSet<>();
        for (ProcessInfo p : processes) {
            p.cwd().map(Path::of).map(dir -> dir.resolve(HISTORY)).filter(Files::isRegularFile).ifPresent(out::add);
        }
        if (ended) {
            context.env("AIDER_CHAT_HISTORY_FILE").map(Path::of).filter(Path::isAbsolute).ifPresent(out::add);
            for (Path root : roots()) {
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(root, 3)) {
                    walk.filter(f -> f.getFileName() != null && f.getFileName().toString().equals(HISTORY))
                            .sorted().forEach(out::add);
                } catch (IOException | UncheckedIOException e) {
                    notes.add("could not walk all of " + root + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    private List<Path> roots() {
        List<Path> out = new ArrayList<>();
        context.setting("aider.roots").ifPresent(v -> {
            for (String part : v.split(",")) {
                if (!part.isBlank() && Path.of(part.strip()).isAbsolute()) {
                    out.add(Path.of(part.strip()));
                }
            }
        });
        return out;
    }

    /** A stable id: a digest of the file's path and the chat's start second. */
    static String nativeId(Path file, Chat chat) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4) + "-" + chat.startedAt.getEpochSecond();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
