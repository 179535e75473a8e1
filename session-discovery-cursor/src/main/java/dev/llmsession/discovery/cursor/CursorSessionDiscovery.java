package dev.llmsession.discovery.cursor;

import dev.llmsession.discovery.cursor.agent.AgentChat;
import dev.llmsession.discovery.cursor.agent.AgentChats;
import dev.llmsession.discovery.cursor.live.CursorProcesses;
import dev.llmsession.discovery.cursor.store.Conversation;
import dev.llmsession.discovery.cursor.store.CursorDbReader;
import dev.llmsession.discovery.cursor.store.CursorDbReader.GlobalRead;
import dev.llmsession.discovery.cursor.store.CursorDbReader.WorkspaceRead;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Cursor sessions: one per IDE conversation (global {@code state.vscdb}, the Cursor 3 catalogue, workspace
 * lists and the pre-0.43 workspace format) and one per cursor-agent chat. Running state comes from the process
 * table: a conversation updated while its Cursor main process runs is active, and the folder signals of the
 * reference (workspace DB writes, {@code storage.json} windows) decide how sure that is. Strictly read-only.
 * Thread-safe: the database memos are guarded by their readers; everything else is computed per call.
 */
public final class CursorSessionDiscovery implements SessionDiscovery {

    /** The assistant id sessions carry. */
    public static final String ASSISTANT = "cursor";
    /** The prefix of session ids. */
    public static final String ID_PREFIX = "cursor";

    private static final Logger LOG = LoggerFactory.getLogger(CursorSessionDiscovery.class);

    private final ProviderContext context;
    private final CursorDbReader reader = new CursorDbReader();
    private final AgentChats agentChats = new AgentChats();
    private final SessionFactory factory = new SessionFactory();
    private volatile List<String> diagnostics = List.of();

    public CursorSessionDiscovery(ProviderContext context) {
        this.context = context;
    }

    /** Test and benchmark seam: the database reader and its counters. */
    CursorDbReader reader() {
        return reader;
    }

    @Override
    public List<String> diagnostics() {
        List<String> last = diagnostics;
        return last.isEmpty() ? List.of(rootsLine(), "no discovery run yet") : last;
    }

    @Override
    public List<Session> discover(Request request) {
        List<String> diag = new ArrayList<>();
        diag.add(rootsLine());
        try {
            return run(request, diag);
        } finally {
            diagnostics = List.copyOf(diag);
        }
    }

    private List<Session> run(Request request, List<String> diag) {
        ProcessTable table = request.processes();
        List<CursorProcesses.Main> mains = CursorProcesses.mains(table);
        List<CursorProcesses.Agent> agents = CursorProcesses.agents(table);
        diag.add("processes: " + (mains.isEmpty() ? "no Cursor main process"
                : "Cursor main pid " + String.join(", ", mains.stream().map(m -> String.valueOf(m.process().pid()))
                        .toList())) + "; " + (agents.isEmpty() ? "no cursor-agent"
                : "cursor-agent pid " + String.join(", ", agents.stream()
                        .map(a -> String.valueOf(a.process().pid())).toList())));
        List<Session> out = new ArrayList<>();
        List<Path> userRoots = CursorRoots.userRoots(context);
        for (Path root : userRoots) {
            Optional<CursorProcesses.Main> main = mainFor(root, mains);
            if (main.isEmpty() && !request.includeEnded()) {
                continue;
            }
            out.addAll(ide(root, main, request, diag));
        }
        for (Path root : CursorRoots.agentRoots(context)) {
            if (agents.isEmpty() && !request.includeEnded()) {
                continue;
            }
            out.addAll(agent(root, agents, request, diag));
        }
        List<Session> wanted = new ArrayList<>();
        for (Session s : out) {
            if (s.running() || request.includeEnded()
                    && request.endedSince().map(since -> !s.lastActivityAt().isBefore(since)).orElse(true)) {
                wanted.add(s);
            }
        }
        wanted.sort(Comparator.comparing(Session::lastActivityAt).reversed().thenComparing(s -> s.id().value()));
        return wanted;
    }

    /** The main process serving {@code root}: named by {@code --user-data-dir}, or the default one. */
    private Optional<CursorProcesses.Main> mainFor(Path root, List<CursorProcesses.Main> mains) {
        Path dataDir = root.getParent();
        for (CursorProcesses.Main m : mains) {
            if (m.userDataDir().isPresent() && same(m.userDataDir().get(), dataDir)) {
                return Optional.of(m);
            }
        }
        // without --user-data-dir Cursor uses the platform's default directory, not a root named in the settings
        boolean isDefault = CursorRoots.userCandidates(defaultsOnly()).stream().anyMatch(c -> same(c, root));
        if (isDefault) {
            return mains.stream().filter(m -> m.userDataDir().isEmpty()).findFirst();
        }
        return Optional.empty();
    }

    private ProviderContext defaultsOnly() {
        Map<String, String> settings = new HashMap<>(context.settings());
        settings.remove(CursorRoots.ROOTS_SETTING);
        return new ProviderContext(context.userHome(), context.environment(), context.clock(), settings);
    }

    private List<Session> ide(Path root, Optional<CursorProcesses.Main> main, Request request, List<String> diag) {
        Map<String, String> folderOf = new HashMap<>();
        List<String> openFolders = new ArrayList<>();
        Map<String, Instant> workspaceWrites = new HashMap<>();
        Map<String, Conversation> conversations = new LinkedHashMap<>();
        Instant mainStart = main.flatMap(m -> m.process().startedAt()).orElse(null);
        int workspaceCount = 0;
        Path storage = root.resolve("workspaceStorage");
        if (Files.isDirectory(storage)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(storage, Files::isDirectory)) {
                for (Path dir : dirs) {
                    workspaceCount++;
                    WorkspaceRead w = reader.readWorkspace(dir);
                    w.problem().ifPresent(diag::add);
                    if (w.folder().isEmpty()) {
                        continue;
                    }
                    String folder = w.folder().get();
                    w.listed().forEach(c -> folderOf.putIfAbsent(c.id(), folder));
                    w.selected().forEach(id -> folderOf.putIfAbsent(id, folder));
                    w.chatTabs().forEach(c -> folderOf.putIfAbsent(c.id(), folder));
                    Path db = dir.resolve("state.vscdb");
                    for (var c : w.listed()) {
                        if (!c.inline().isEmpty() || c.createdAt().isPresent() || c.lastUpdatedAt().isPresent()) {
                            conversations.putIfAbsent(c.id(), Conversation.of(c, db, List.of(), 0, 0, 0));
                        }
                    }
                    for (var tab : w.chatTabs()) {
                        conversations.putIfAbsent(tab.id(), Conversation.of(tab, db, List.of(), 0, 0, 0));
                    }
                    if (w.stamp().exists()) {
                        Instant written = Instant.ofEpochMilli(w.stamp().lastWrite());
                        workspaceWrites.merge(folder, written, (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            } catch (IOException e) {
                LOG.debug("cannot list {}", storage, e);
                diag.add("cannot list " + storage + ": " + e);
            }
        }
        Path global = root.resolve("globalStorage").resolve("state.vscdb");
        if (Files.isRegularFile(global)) {
            GlobalRead g = reader.readGlobal(global, since(request, mainStart), request.index());
            // the global DB is the truth for a composer it holds; workspace copies are older formats
            g.conversations().forEach(conversations::put);
            diag.add(global + ": " + g.conversations().size() + " conversations"
                    + (g.unchanged() ? " (unchanged, not opened)" : ", " + g.composersParsed() + " composers parsed"));
            g.problem().ifPresent(diag::add);
            g.skipped().forEach(diag::add);
        }
        diag.add(storage + ": " + workspaceCount + " workspace directories");
        Path storageJson = root.resolve("globalStorage").resolve("storage.json");
        if (main.isPresent()) {
            openFolders.addAll(WindowSignals.openedWindows(storageJson));
        }
        List<Session> out = new ArrayList<>();
        for (Conversation c : conversations.values()) {
            Optional<String> folder = c.composer().workspacePath().or(() -> Optional.ofNullable(folderOf.get(c.id())));
            Activity activity = WindowSignals.activity(c, folder, main, mainStart, workspaceWrites, openFolders,
                    factory.lastActivity(c));
            out.add(factory.ide(c, folder, activity, main.filter(m -> activity.state() != ActivityState.ENDED)
                    .map(m -> OptionalLong.of(m.process().pid())).orElse(OptionalLong.empty()), request));
        }
        return out;
    }

    /** Conversations last updated before this (epoch ms) cannot be wanted: neither running nor recent enough. */
    private static long since(Request request, Instant mainStart) {
        if (request.includeEnded()) {
            long since = request.endedSince().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
            return mainStart == null ? since : Math.min(since, mainStart.toEpochMilli());
        }
        return mainStart == null ? Long.MIN_VALUE : mainStart.toEpochMilli();
    }

    private List<Session> agent(Path root, List<CursorProcesses.Agent> agents, Request request, List<String> diag) {
        List<AgentChat> chats = agentChats.read(root, request.index(),
                request.includeEnded() && request.endedSince().isEmpty(), diag);
        diag.add(root.resolve("chats") + ": " + chats.size() + " cursor-agent chats");
        chats.forEach(c -> c.problem().ifPresent(diag::add));
        Map<String, AgentMatch> live = AgentMatch.match(chats, agents);
        List<Session> out = new ArrayList<>();
        for (AgentChat chat : chats) {
            out.add(factory.agent(chat, Optional.ofNullable(live.get(chat.id())), request));
        }
        return out;
    }

    private static boolean same(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private String rootsLine() {
        List<String> parts = new ArrayList<>();
        for (Path c : CursorRoots.userCandidates(context)) {
            parts.add(c + (Files.isDirectory(c) ? "" : " (missing)"));
        }
        Path agent = CursorRoots.agentCandidate(context);
        parts.add(agent + (Files.isDirectory(agent) ? "" : " (missing)"));
        return "roots looked at: " + String.join(", ", parts);
    }
}
