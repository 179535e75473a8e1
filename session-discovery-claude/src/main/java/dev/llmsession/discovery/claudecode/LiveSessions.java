package dev.llmsession.discovery.claudecode;

import dev.llmsession.adapterkit.ProcessMatcher;
import dev.llmsession.discovery.claudecode.Inventory.MainFile;
import dev.llmsession.discovery.claudecode.live.ClaudeProcesses;
import dev.llmsession.discovery.claudecode.live.ProcessRegistry;
import dev.llmsession.discovery.claudecode.live.ProjectDirs;
import dev.llmsession.discovery.claudecode.live.RegistryEntry;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The stage after the inventory: which transcripts belong to a running claude process. Registry entries are
 * checked against the process table and matched to their transcript; processes the registry does not cover are
 * matched by working folder to the most recently written transcripts of their project. Stateless.
 */
final class LiveSessions {

    private LiveSessions() {
    }

    /** A registry entry whose process runs. */
    record Registered(Path root, RegistryEntry entry, ProcessInfo process) {
    }

    /** A live process and the transcript it was matched to (null when it has none yet). */
    record Live(Path root, Optional<RegistryEntry> entry, ProcessInfo process, MainFile file) {
    }

    /** The registry entries of {@code roots} whose process runs (one per pid); the others are told to {@code stale}. */
    static List<Registered> registered(List<Path> roots, ProcessRegistry registry, ProcessTable table,
            Consumer<String> stale) {
        List<Registered> out = new ArrayList<>();
        Set<Long> covered = new HashSet<>();
        for (Path root : roots) {
            for (RegistryEntry entry : registry.read(root)) {
                Optional<ProcessInfo> process = table.find(entry.pid());
                Optional<String> why = process.isEmpty()
                        ? Optional.of("pid " + entry.pid() + " is not running")
                        : ClaudeProcesses.mismatch(entry, process.get());
                if (why.isPresent() || covered.contains(entry.pid())) {
                    stale.accept(entry.file().getFileName() + ": " + why.orElse("duplicate pid"));
                    continue;
                }
                covered.add(entry.pid());
                out.add(new Registered(root, entry, process.get()));
            }
        }
        return out;
    }

    /** The transcripts of the live sessions: those matched, and those the registry names that are not listed yet. */
    static List<Path> transcripts(Collection<Live> live) {
        List<Path> files = new ArrayList<>();
        for (Live l : live) {
            Optional<Path> file = l.file() != null ? Optional.of(l.file().path())
                    : l.entry().flatMap(e -> expectedTranscript(l.root(), e));
            file.ifPresent(files::add);
        }
        return files;
    }

    /** The live sessions: registered processes matched to their transcripts, then the others by working folder. */
    static Map<Path, Live> match(Inventory.Listing listing, List<Registered> registered, ProcessTable table) {
        Set<Long> covered = new HashSet<>();
        registered.forEach(r -> covered.add(r.process().pid()));
        Map<Path, Live> live = new LinkedHashMap<>();
        for (Registered r : registered) {
            MainFile file = find(listing, r.root(), r.entry());
            Path key = file != null ? file.path() : r.entry().file();
            live.putIfAbsent(key, new Live(r.root(), Optional.of(r.entry()), r.process(), file));
        }
        assignUnregisteredProcesses(table, covered, listing, live);
        return live;
    }

    /** Where Claude Code writes the transcript of a registered session, when its entry names the working folder. */
    static Optional<Path> expectedTranscript(Path root, RegistryEntry entry) {
        try {
            return entry.cwd().map(cwd -> root.resolve("projects").resolve(ProjectDirs.encode(cwd))
                    .resolve(entry.sessionId() + Inventory.JSONL));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static MainFile find(Inventory.Listing listing, Path root, RegistryEntry entry) {
        Optional<MainFile> expected = expectedTranscript(root, entry).map(listing.byPath::get);
        return expected.orElseGet(() -> listing.bySessionId.get(entry.sessionId()));
    }

    private static void assignUnregisteredProcesses(ProcessTable table, Set<Long> covered, Inventory.Listing inventory,
            Map<Path, Live> live) {
        // the outermost claude process stands for its session; the --bg supervisor and spares are not sessions (a
        // claimed spare came in through its registry file)
        Map<String, List<ProcessInfo>> byCwd = new LinkedHashMap<>();
        for (ProcessInfo p : ProcessMatcher.find(table,
                p -> ClaudeProcesses.looksLikeClaude(p) && !ClaudeProcesses.backgroundHelper(p))) {
            if (!covered.contains(p.pid()) && p.cwd().isPresent()) {
                byCwd.computeIfAbsent(p.cwd().get(), k -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<String, List<ProcessInfo>> group : byCwd.entrySet()) {
            List<ProcessInfo> processes = new ArrayList<>(group.getValue());
            processes.sort(Comparator.comparing((ProcessInfo p) -> p.startedAt().orElse(Instant.MIN)).reversed()
                    .thenComparing(Comparator.comparingLong(ProcessInfo::pid).reversed()));
            List<MainFile> files = new ArrayList<>();
            // matched per project folder, not per transcript: a folder holds thousands
            for (Path dir : inventory.projectDirs) {
                if (ProjectDirs.matches(dir.getFileName().toString(), group.getKey())) {
                    for (MainFile m : inventory.mains(dir)) {
                        if (!live.containsKey(m.path())) {
                            files.add(m);
                        }
                    }
                }
            }
            files.sort(Comparator.comparing((MainFile m) -> m.modified()).reversed());
            for (int i = 0; i < processes.size() && i < files.size(); i++) {
                MainFile f = files.get(i);
                live.put(f.path(), new Live(f.root(), Optional.empty(), processes.get(i), f));
            }
        }
    }
}
