package dev.llmsession.spi;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the token count of files by path, size and modification time, so an unchanged file is counted once.
 * The estimator checks size and time itself; a cache only stores what it was given. Implementations are
 * thread-safe; a store-backed one survives restarts ({@link SessionStore#fileTokenCache()}).
 *
 * @since 0.1
 */
public interface FileTokenCache {

    /** A cache in this process's memory only. */
    static FileTokenCache inMemory() {
        return new InMemoryFileTokenCache();
    }

    /** The entries recorded for {@code paths} (absolute, normalised) under {@code tokenizer}; unknown ones are absent. */
    Map<Path, Entry> load(String tokenizer, Collection<Path> paths);

    /** Records {@code entries}, replacing any for the same tokenizer and path; one transaction where it matters. */
    void save(Collection<Entry> entries);

    /**
     * What one tokenizer made of one version of a file.
     *
     * @param tokenizer     the {@link Tokenizer#id()} that counted
     * @param path          absolute, normalised path
     * @param size          size in bytes when counted
     * @param modifiedNanos modification time when counted, nanoseconds since the epoch
     * @param characters    UTF-16 characters of the decoded UTF-8 text (0 for a binary file)
     * @param tokens        tokens (0 for a binary file)
     * @param binary        whether the file was judged binary and not counted
     * @since 0.1
     */
    record Entry(String tokenizer, Path path, long size, long modifiedNanos, long characters, long tokens,
            boolean binary) {
        public Entry {
            Objects.requireNonNull(tokenizer, "tokenizer");
            Objects.requireNonNull(path, "path");
            if (size < 0 || characters < 0 || tokens < 0) {
                throw new IllegalArgumentException("size, characters and tokens must not be negative");
            }
        }

        /** Whether this entry describes the file version with {@code size} bytes modified at {@code modifiedNanos}. */
        public boolean matches(long size, long modifiedNanos) {
            return this.size == size && this.modifiedNanos == modifiedNanos;
        }
    }
}
