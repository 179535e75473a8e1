package dev.llmsession.discovery.claudecode;

import dev.llmsession.spi.FileChanges;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of a refresh: which transcript files exist under the roots' {@code projects/} folders, each with
 * its stat. Remembers what it listed: when a file watcher vouches for what changed ({@link FileChanges#known()}),
 * only the touched project folders, files and sub-agent folders are listed or stat-ed again, the rest comes from
 * the memo; unknown changes mean a full walk, as without a watcher. Changes are noted as soon as a refresh is told
 * of them (even one that ends early), and applied at the next listing: a change is never told twice. Files are
 * kept in path order, so a listing does not depend on the order a directory hands its entries out. Each project
 * folder carries a stamp that moves whenever anything the listing says of it may have changed (a change told under
 * it, a stat or sub-agent folder found different when looked at again), so a resident caller can keep what it
 * derived from an unchanged project; a listing is built again only after some change. Thread-safe.
 */
final class Inventory {

    private static final Logger LOG = LoggerFactory.getLogger(Inventory.class);
    static final String JSONL = ".jsonl";
    private static final String SUBAGENTS = "subagents";
    /** Fewer session folders to walk than this are walked on the calling thread alone. */
    static final int PARALLEL_WALKS = 64;

    /** Each listed root's project folders; a root not here is walked whole. */
    private final Map<Path, TreeMap<Path, Project>> roots = new HashMap<>();
    /** The sub-agent files (with stats) of each session folder, walked when first asked for. */
    private final Map<Path, SortedMap<Path, FileStat>> subagents = new HashMap<>();
    /** What changed since the last listing; applied by the next one. */
    private FileChanges pending = FileChanges.unknown();
    /** Moves with every change to what a listing would say; a project's stamp is its value at its last change. */
    private long stamp;
    /** The last listing built, valid while {@link #stamp} is {@code listedAt} and the roots are the same. */
    private Listing listed;
    private long listedAt = -1;
    /** Test seam: directory listings and stats taken so far. */
    private long looks;

    /** Remembers {@code changes} for the next listing (a refresh that lists nothing must still account for them). */
    synchronized void note(FileChanges changes) {
        pending = pending.and(changes);
    }

    /** The transcripts under {@code roots}, after the noted changes. */
    synchronized Listing list(List<Path> roots) {
        FileChanges changes = pending;
        pending = FileChanges.none();
        if (!changes.known()) {
            this.roots.clear();
            subagents.clear();
            stamp++;
        } else {
            changes.paths().orElseThrow().forEach(this::apply);
        }
        if (this.roots.keySet().retainAll(roots)) {
            stamp++;
        }
        for (Path root : roots) {
            if (!this.roots.containsKey(root)) {
                this.roots.put(root, listRoot(root));
            }
        }
        return listing(roots);
    }

    /**
     * Looks again at the given main transcripts and their sub-agent folders whatever the watcher said (its events
     * come on their own thread and may lag a moment: a running session's figures must never be stale), and at
     * transcripts the registry names that the listing did not have yet. Returns the listing after that.
     */
    synchronized Listing restat(List<Path> roots, Collection<Path> mains) {
        for (Path main : mains) {
            Project before = project(main.getParent());
            Object entry = before == null ? null : before.entry(main);
            restatTopLevel(main);
            Path sessionDir = sessionDir(main);
            SortedMap<Path, FileStat> agents = subagents.remove(sessionDir);
            Project p = project(main.getParent());
            if (p == null) {
                continue;
            }
            boolean same = p == before && java.util.Objects.equals(entry, p.entry(main));
            looks++;
            boolean hadDir = p.sessionDirs.contains(sessionDir);
            if (Files.isDirectory(sessionDir)) {
                p.sessionDirs.add(sessionDir);
                // walked now rather than when first asked for: what it holds decides whether the project changed
                looks++;
                SortedMap<Path, FileStat> now = walkSubagents(sessionDir.resolve(SUBAGENTS));
                subagents.put(sessionDir, now);
                same = same && hadDir && now.equals(agents);
            } else {
                p.sessionDirs.remove(sessionDir);
                same = same && !hadDir;
            }
            if (!same) {
                changed(p);
            }
        }
        return listing(roots);
    }

    /**
     * The sub-agent files of the sessions of {@code mains}, each with its stat (or null), by main transcript; a
     * session without a folder of its own has none and is left out. Folders not walked yet are walked now, outside
     * the lock and, from {@link #PARALLEL_WALKS} on, half of them on a thread of its own: a walk is a few system
     * calls per session folder, and a refresh of a large project waits for a thousand of them. The walks are kept
     * for the next refresh unless the listing changed meanwhile. With {@code alone}, all are walked on the calling
     * thread: the caller keeps the other core busy with work of its own (a running-only command decodes the stored
     * claims meanwhile, and a second walking thread only competed with it: 1 GB benchmark under load, discovery -6
     * and -26 ms in 6 and 14 pairs).
     */
    Map<Path, SortedMap<Path, FileStat>> subagentsOf(Collection<Path> mains, boolean alone) {
        Map<Path, Path> folders = new HashMap<>();
        Map<Path, SortedMap<Path, FileStat>> known = new HashMap<>();
        List<Path> toWalk = new ArrayList<>();
        long at;
        synchronized (this) {
            at = stamp;
            for (Path main : mains) {
                Path sessionDir = sessionDir(main);
                Project p = project(main.getParent());
                // only a session with its own folder can have sub-agent files: no walk for the others
                if (p != null && p.sessionDirs.contains(sessionDir)) {
                    folders.put(main, sessionDir);
                    SortedMap<Path, FileStat> kept = subagents.get(sessionDir);
                    if (kept != null) {
                        known.put(sessionDir, kept);
                    } else if (!known.containsKey(sessionDir)) {
                        known.put(sessionDir, null);
                        toWalk.add(sessionDir);
                    }
                }
            }
        }
        Map<Path, SortedMap<Path, FileStat>> walked;
        if (toWalk.size() < PARALLEL_WALKS || alone) {
            walked = walkAll(toWalk);
        } else {
            List<Path> theirs = toWalk.subList(toWalk.size() / 2, toWalk.size());
            java.util.concurrent.CompletableFuture<Map<Path, SortedMap<Path, FileStat>>> other =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> walkAll(theirs),
                            ClaudeCodeSessionDiscovery.daemon("claude-code-walk"));
            walked = walkAll(toWalk.subList(0, toWalk.size() / 2));
            walked.putAll(other.join());
        }
        synchronized (this) {
            looks += walked.size();
            if (stamp == at) {
                walked.forEach(subagents::putIfAbsent);
            }
        }
        known.putAll(walked);
        Map<Path, SortedMap<Path, FileStat>> out = new HashMap<>();
        folders.forEach((main, dir) -> out.put(main, java.util.Collections.unmodifiableSortedMap(known.get(dir))));
        return out;
    }

    private static Map<Path, SortedMap<Path, FileStat>> walkAll(List<Path> sessionDirs) {
        Map<Path, SortedMap<Path, FileStat>> out = new HashMap<>();
        for (Path dir : sessionDirs) {
            out.put(dir, walkSubagents(dir.resolve(SUBAGENTS)));
        }
        return out;
    }

    /** Test seam: how many directory listings and stats this inventory has taken. */
    synchronized long looks() {
        return looks;
    }

    private static Path sessionDir(Path main) {
        String name = main.getFileName().toString();
        return main.resolveSibling(name.substring(0, name.length() - JSONL.length()));
    }

    private Project project(Path dir) {
        TreeMap<Path, Project> projects = dir.getParent() == null ? null : roots.get(dir.getParent().getParent());
        return projects == null ? null : projects.get(dir);
    }

    /** Brings the memo up to date with one changed path. */
    private void apply(Path changed) {
        for (Map.Entry<Path, TreeMap<Path, Project>> e : roots.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            Path projects = e.getKey().resolve("projects");
            if (projects.startsWith(changed)) {
                subagents.keySet().removeIf(d -> d.startsWith(projects));
                e.setValue(null); // listed again
                stamp++;
                continue;
            }
            if (!changed.startsWith(projects)) {
                continue;
            }
            Path rel = projects.relativize(changed);
            Path dir = projects.resolve(rel.getName(0));
            if (rel.getNameCount() == 1) {
                subagents.keySet().removeIf(d -> d.startsWith(dir));
                e.getValue().remove(dir);
                stamp++;
                looks++;
                if (Files.isDirectory(dir)) {
                    e.getValue().put(dir, listProject(e.getKey(), dir));
                }
            } else if (rel.getNameCount() == 2) {
                restatTopLevel(changed);
                subagents.remove(changed);
                changed(e.getValue().get(dir));
            } else if (rel.getName(2).toString().equals(SUBAGENTS)) {
                // a sub-agent file or folder of one session (tool-results beside it are never read)
                subagents.remove(dir.resolve(rel.getName(1)));
                changed(e.getValue().get(dir));
            }
        }
        roots.values().removeIf(java.util.Objects::isNull);
    }

    /** Stats one entry of a project folder again: a transcript, a session folder, or something gone. */
    private void restatTopLevel(Path file) {
        Path dir = file.getParent();
        Project p = project(dir);
        if (p == null) {
            // a project folder whose creation has not been told yet (a running session's first refresh)
            TreeMap<Path, Project> projects = dir.getParent() == null ? null : roots.get(dir.getParent().getParent());
            looks++;
            if (projects != null && Files.isDirectory(dir)) {
                projects.put(dir, listProject(dir.getParent().getParent(), dir));
            }
            return;
        }
        p.mains.remove(file);
        p.flatAgents.remove(file);
        p.sessionDirs.remove(file);
        p.add(file, false, this);
    }

    private TreeMap<Path, Project> listRoot(Path root) {
        TreeMap<Path, Project> out = new TreeMap<>();
        Path projects = root.resolve("projects");
        looks++;
        if (!Files.isDirectory(projects)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(projects, Files::isDirectory)) {
            for (Path dir : dirs) {
                out.put(dir, listProject(root, dir));
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", projects, e.toString());
        }
        return out;
    }

    private Project listProject(Path root, Path dir) {
        Project p = new Project(root);
        changed(p);
        looks++;
        // one listing and one stat per file: the stat is the one the refresh compares with the index
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                p.add(file, true, this);
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", dir, e.toString());
        }
        return p;
    }

    /**
     * The sub-agent files under {@code dir}, sorted, each with its stat (null when it cannot be taken). One
     * walk: the attributes the walk reads are the stat, so a file is not stat-ed again. A refresh walks a thousand
     * such folders: they are listed through {@code java.io}, which takes five system calls a folder where a
     * directory stream takes nine (it also duplicates the descriptor and sets its flags); a name that does not
     * decode, or any failure, sends the folder to the file-tree walk, whose answer stands.
     */
    static SortedMap<Path, FileStat> walkSubagents(Path dir) {
        try {
            BasicFileAttributes top = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            TreeMap<Path, FileStat> found = new TreeMap<>();
            if (!top.isDirectory() || listInto(dir, found)) {
                return found;
            }
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException | RuntimeException e) {
            // the file-tree walk below decides
        }
        return walkFileTree(dir);
    }

    /**
     * Adds the sub-agent files of {@code dir} and its sub-folders (except {@code tool-results}) to {@code found};
     * false when a name did not decode or an entry could not be listed or stat-ed.
     */
    private static boolean listInto(Path dir, TreeMap<Path, FileStat> found) throws IOException {
        String[] names = dir.toFile().list();
        if (names == null) {
            return false;
        }
        for (String name : names) {
            if (name.indexOf('\uFFFD') >= 0) {
                return false; // not the file's own name: java.io decodes names, a Path keeps their bytes
            }
            Path file = dir.resolve(name);
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                if (!name.equals("tool-results") && !listInto(file, found)) {
                    return false;
                }
            } else if (name.endsWith(JSONL) && !name.equals("journal.jsonl")) {
                subagentFile(file, a, found);
            }
        }
        return true;
    }

    /** Files a sub-agent transcript found with attributes {@code a}, not followed if a link. */
    private static void subagentFile(Path file, BasicFileAttributes a, Map<Path, FileStat> found) {
        if (a.isRegularFile()) {
            found.put(file, FileStat.of(a));
        } else if (a.isSymbolicLink() && Files.isRegularFile(file)) {
            // the walk does not follow links; a link to a regular file counts, with its target's stat
            found.put(file, FileStat.of(file));
        }
    }

    /** {@link #walkSubagents}'s answer by {@link Files#walkFileTree}: the same files, more system calls. */
    static SortedMap<Path, FileStat> walkFileTree(Path dir) {
        TreeMap<Path, FileStat> found = new TreeMap<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && d.getFileName().toString().equals("tool-results")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (!file.equals(dir) && name.endsWith(JSONL) && !name.equals("journal.jsonl")) {
                        subagentFile(file, attrs, found);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot list {}: {}", dir, e.toString());
            return new TreeMap<>();
        }
        return found;
    }

    /** Moves the stamp: the listing changed, and with it {@code p} (when there is one). */
    private void changed(Project p) {
        stamp++;
        if (p != null) {
            p.stamp = stamp;
        }
    }

    private Listing listing(List<Path> order) {
        if (listed != null && listedAt == stamp && listed.roots.equals(order)) {
            return listed;
        }
        List<Path> projectDirs = new ArrayList<>();
        List<MainFile> mains = new ArrayList<>();
        Map<Path, List<Path>> flatAgents = new HashMap<>();
        Map<Path, FileStat> stats = new HashMap<>();
        Map<Path, Long> stamps = new HashMap<>();
        Map<Path, List<MainFile>> byProject = new HashMap<>();
        for (Path root : order) {
            for (Map.Entry<Path, Project> e : roots.get(root).entrySet()) {
                Path dir = e.getKey();
                Project p = e.getValue();
                projectDirs.add(dir);
                stamps.put(dir, p.stamp);
                List<MainFile> own = new ArrayList<>(p.mains.size());
                p.mains.forEach((file, stat) -> own.add(MainFile.of(p.root, dir, file, stat)));
                mains.addAll(own);
                // (a folder under two roots' names would count twice here, as in mains)
                byProject.merge(dir, own, (a, b) -> {
                    List<MainFile> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                });
                if (!p.flatAgents.isEmpty()) {
                    flatAgents.put(dir, List.copyOf(p.flatAgents.keySet()));
                    p.flatAgents.forEach(stats::put);
                }
            }
        }
        listed = new Listing(List.copyOf(order), List.copyOf(projectDirs), List.copyOf(mains), Map.copyOf(flatAgents),
                stats, stamps, byProject);
        listedAt = stamp;
        return listed;
    }

    /** One project folder as last listed. */
    private static final class Project {
        final Path root;
        /** The inventory's stamp at this project's last change. */
        long stamp;
        final TreeMap<Path, FileStat> mains = new TreeMap<>();
        final TreeMap<Path, FileStat> flatAgents = new TreeMap<>();
        /**
         * Entries whose names do not end in .jsonl, or folders: where session folders can be. Only asked whether it
         * holds a path (a running-only refresh asks for every session of the live projects): hashed, not sorted.
         */
        final java.util.Set<Path> sessionDirs = new java.util.HashSet<>();

        Project(Path root) {
            this.root = root;
        }

        /** What this project holds of one top-level entry (its stat, or that it is a folder), for comparing. */
        Object entry(Path file) {
            if (mains.containsKey(file)) {
                return java.util.Arrays.asList("main", mains.get(file));
            }
            if (flatAgents.containsKey(file)) {
                return java.util.Arrays.asList("agent", flatAgents.get(file));
            }
            return sessionDirs.contains(file) ? "folder" : null;
        }

        /** Takes one entry's stat and files it; a vanished entry is left out ({@code listed}: it was just seen). */
        void add(Path file, boolean listed, Inventory counter) {
            String name = file.getFileName().toString();
            if (!name.endsWith(JSONL)) {
                if (listed || Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    sessionDirs.add(file);
                }
                return;
            }
            counter.looks++;
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException | RuntimeException e) {
                if (!listed && !Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    return; // gone (a dangling link stays: it is counted as an unreadable transcript)
                }
                attributes = null;
            }
            if (attributes != null && attributes.isDirectory()) {
                sessionDirs.add(file);
                return;
            }
            if (attributes != null && !attributes.isRegularFile()) {
                // a FIFO or a device named like a transcript is no transcript: never opened
                LOG.debug("not a regular file, skipped: {}", file);
                return;
            }
            FileStat stat = attributes == null ? null : FileStat.of(attributes);
            (name.startsWith("agent-") ? flatAgents : mains).put(file, stat);
        }
    }

    /** A main transcript found on disk. */
    record MainFile(Path root, Path projectDir, String sessionId, Path path, java.time.Instant modified,
            FileStat stat) {
        static MainFile of(Path root, Path dir, Path file, FileStat stat) {
            String name = file.getFileName().toString();
            return new MainFile(root, dir, name.substring(0, name.length() - JSONL.length()), file,
                    stat == null ? java.time.Instant.EPOCH : stat.modified(), stat);
        }
    }

    /**
     * What one listing found: project folders, main transcripts and flat {@code agent-*.jsonl} files in path order,
     * with their stats.
     */
    static final class Listing {
        /** The roots listed, in order. */
        final List<Path> roots;
        final List<Path> projectDirs;
        final List<MainFile> mains;
        final Map<Path, List<Path>> flatAgents;
        final Map<Path, FileStat> stats;
        final Map<String, MainFile> bySessionId = new HashMap<>();
        final Map<Path, MainFile> byPath = new HashMap<>();
        private final Map<Path, Long> stamps;
        private final Map<Path, List<MainFile>> mainsByProject;

        private Listing(List<Path> roots, List<Path> projectDirs, List<MainFile> mains,
                Map<Path, List<Path>> flatAgents, Map<Path, FileStat> stats, Map<Path, Long> stamps,
                Map<Path, List<MainFile>> mainsByProject) {
            this.roots = roots;
            this.stamps = stamps;
            this.mainsByProject = mainsByProject;
            this.projectDirs = projectDirs;
            this.mains = mains;
            this.flatAgents = flatAgents;
            this.stats = stats;
            for (MainFile m : mains) {
                bySessionId.putIfAbsent(m.sessionId(), m);
                byPath.put(m.path(), m);
            }
        }

        /** The main transcripts of one project folder, in path order. */
        List<MainFile> mains(Path projectDir) {
            return mainsByProject.getOrDefault(projectDir, List.of());
        }

        /**
         * The project folder's stamp: equal in two listings of one inventory only if nothing the listing says of the
         * project (its files, their stats, its sessions' sub-agent files) changed in between; -1 when not listed.
         */
        long stamp(Path projectDir) {
            return stamps.getOrDefault(projectDir, -1L);
        }
    }
}
