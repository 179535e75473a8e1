package dev.llmsession.spi;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What changed under an adapter's {@linkplain SessionDiscovery#watchRoots() watched roots} since its previous
 * refresh, as a file watcher saw it. When the changes are {@linkplain #known() known}, the adapter may trust them and
 * skip walking its directories: a file not {@linkplain #touches(Path) touched} is as it was. {@link #unknown()} (no
 * watcher, the first refresh, a lost event, a platform whose watcher only polls) means look at everything, as
 * without a watcher.
 *
 * <p>A changed directory stands for anything below it (a directory created or moved in may hold files whose own
 * events were never seen).
 *
 * @since 0.2
 */
public final class FileChanges {
    private static final FileChanges UNKNOWN = new FileChanges(null);
    private static final FileChanges NONE = new FileChanges(Set.of());

    /** Absolute, normalised paths; null when unknown. */
    private final Set<Path> paths;

    private FileChanges(Set<Path> paths) {
        this.paths = paths;
    }

    /** Nothing is known: every file may have changed. */
    public static FileChanges unknown() {
        return UNKNOWN;
    }

    /** Nothing changed. */
    public static FileChanges none() {
        return NONE;
    }

    /** Exactly these files or directories changed (created, written, deleted or moved); nothing else did. */
    public static FileChanges of(Collection<Path> changed) {
        Objects.requireNonNull(changed, "changed");
        return changed.isEmpty() ? NONE
                : new FileChanges(Set.copyOf(changed.stream().map(p -> p.toAbsolutePath().normalize()).toList()));
    }

    /** Whether the watcher vouches for the set of changes; false means every file may have changed. */
    public boolean known() {
        return paths != null;
    }

    /** The changed paths when {@linkplain #known() known}; empty when nothing is known. */
    public Optional<Set<Path>> paths() {
        return Optional.ofNullable(paths);
    }

    /**
     * Whether {@code path} (a file or a directory) may have changed: it changed itself, something below it did, or
     * it lies below a changed directory. Always true when the changes are unknown.
     */
    public boolean touches(Path path) {
        if (paths == null) {
            return true;
        }
        Path p = path.toAbsolutePath().normalize();
        for (Path changed : paths) {
            if (p.startsWith(changed) || changed.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The union of two change sets; unknown wins. */
    public FileChanges and(FileChanges other) {
        if (paths == null || other.paths == null) {
            return UNKNOWN;
        }
        if (other.paths.isEmpty()) {
            return this;
        }
        if (paths.isEmpty()) {
            return other;
        }
        return new FileChanges(Set.copyOf(java.util.stream.Stream.concat(paths.stream(), other.paths.stream())
                .collect(java.util.stream.Collectors.toSet())));
    }

    @Override
    public String toString() {
        return paths == null ? "FileChanges[unknown]" : "FileChanges" + paths;
    }
}
