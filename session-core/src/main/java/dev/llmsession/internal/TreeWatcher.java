package dev.llmsession.internal;

import dev.llmsession.spi.FileChanges;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each adapter's roots, every directory below them included, and hands each adapter the paths that changed
 * since it last asked. Where the platform's watcher only polls (the JDK's fallback: seconds late), where a root
 * cannot be watched (missing, too many directories, the inotify limit) or an event was lost (overflow), the adapter
 * is told {@link FileChanges#unknown()} and walks its files as it would without a watcher. Thread-safe.
 */
final class TreeWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TreeWatcher.class);
    /** Directories watched per adapter at most; past that the adapter walks (an inotify watch costs kernel memory). */
    static final int MAX_DIRECTORIES = 20_000;

    private final WatchService service;
    private final boolean native_;
    private final Map<String, Watched> adapters = new LinkedHashMap<>();
    private final Map<WatchKey, Path> directories = new HashMap<>();

    private TreeWatcher(WatchService service) {
        this.service = service;
        // The JDK's portable fallback polls every few seconds: slower than walking, and late. Only trust a native one.
        this.native_ = !service.getClass().getName().endsWith("PollingWatchService");
    }

    /** A watcher over the default file system. */
    static TreeWatcher open() throws IOException {
        return new TreeWatcher(FileSystems.getDefault().newWatchService());
    }

    /** Whether changes can be known here at all (false: every drain answers unknown). */
    boolean nativeEvents() {
        return native_;
    }

    /** What changed under {@code adapter}'s roots since its previous drain; the first drain is always unknown. */
    synchronized FileChanges drain(String adapter, List<Path> roots) {
        Objects.requireNonNull(adapter, "adapter");
        Watched w = adapters.get(adapter);
        if (w == null || !w.roots.equals(Watched.normalised(roots))) {
            w = new Watched(roots); // first time, or the adapter's roots changed (a folder appeared): unknown once
            adapters.put(adapter, w);
        }
        collect();
        if (!native_ || w.roots.isEmpty()) {
            return FileChanges.unknown();
        }
        if (!w.complete) {
            // (Re)register before answering: what changes from now on is seen; what happened before is unknown.
            w.complete = registerAll(w);
            w.changed.clear();
            w.lost = false;
            return FileChanges.unknown();
        }
        FileChanges out = w.lost ? FileChanges.unknown() : FileChanges.of(w.changed);
        w.changed.clear();
        w.lost = false;
        return out;
    }

    /** Forgets what {@code adapter} was told last: its next drain is unknown (its refresh failed half-way). */
    synchronized void forget(String adapter) {
        Watched w = adapters.get(adapter);
        if (w != null) {
            w.lost = true;
        }
    }

    /**
     * Waits up to {@code timeout} for the next file event under any watched root and files it (the next drain of
     * the adapters concerned hands it out); true when one came. For a screen that redraws when something changes.
     */
    boolean awaitEvent(java.time.Duration timeout) throws InterruptedException {
        if (!native_) {
            return false;
        }
        WatchKey key;
        try {
            key = service.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (ClosedWatchServiceException e) {
            return false;
        }
        if (key == null) {
            return false;
        }
        synchronized (this) {
            file(key);
            collect();
        }
        return true;
    }

    /** Moves every pending event into the change sets of the adapters whose roots hold it. */
    private void collect() {
        WatchKey key;
        try {
            while ((key = service.poll()) != null) {
                file(key);
            }
        } catch (ClosedWatchServiceException e) {
            adapters.values().forEach(w -> w.lost = true);
        }
    }

    private void file(WatchKey key) {
        Path dir = directories.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                adapters.values().forEach(w -> w.lost = true);
                continue;
            }
            Path changed = dir.resolve((Path) event.context());
            record(changed);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && Files.isDirectory(changed, LinkOption.NOFOLLOW_LINKS)) {
                adapters.values().stream().filter(w -> w.holds(changed) && w.complete)
                        .forEach(w -> w.complete = registerTree(w, changed));
            }
        }
        if (!key.reset()) {
            directories.remove(key);
            if (dir != null) {
                record(dir); // deleted or moved away: everything that was below it changed
                adapters.values().forEach(w -> w.registered.remove(dir)); // registered again if it returns
            }
        }
    }

    private void record(Path changed) {
        for (Watched w : adapters.values()) {
            if (w.holds(changed)) {
                w.changed.add(changed);
            }
        }
    }

    private boolean registerAll(Watched w) {
        for (Path root : w.roots) {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) || !registerTree(w, root)) {
                return false; // a missing root is retried at the next drain, walked until then
            }
        }
        return true;
    }

    /** Registers {@code top} and every directory below it (links not followed); false when it could not. */
    private boolean registerTree(Watched w, Path top) {
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (w.registered.size() >= MAX_DIRECTORIES) {
                        throw new IOException("more than " + MAX_DIRECTORIES + " directories under " + top);
                    }
                    if (w.registered.add(dir)) {
                        directories.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY), dir);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // vanished or unreadable: the walk of the adapter will see
                }
            });
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot watch {}: {}; the adapter walks its files instead", top, e.toString());
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service failed", e);
        }
    }

    /** One adapter's roots and what changed under them since it last asked. */
    private static final class Watched {
        final List<Path> roots;
        final Set<Path> registered = new HashSet<>();
        final Set<Path> changed = new HashSet<>();
        boolean complete;
        boolean lost;

        Watched(List<Path> roots) {
            this.roots = normalised(roots);
        }

        static List<Path> normalised(List<Path> roots) {
            return roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        }

        boolean holds(Path p) {
            return roots.stream().anyMatch(p::startsWith);
        }
    }
}
