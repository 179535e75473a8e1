package dev.llmsession.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The token estimate of one file.
 *
 * @param path       the file as given
 * @param kind       text, binary (not counted) or unreadable
 * @param bytes      size in bytes (0 when unreadable)
 * @param characters UTF-16 characters of the decoded UTF-8 text (0 unless text)
 * @param tokens     estimated tokens (0 unless text)
 * @param cached     whether the answer came from the cache, without opening the file
 * @param problem    why an unreadable file could not be read
 * @since 0.1
 */
public record FileEstimate(Path path, Kind kind, long bytes, long characters, long tokens, boolean cached,
        Optional<String> problem) {
    public FileEstimate {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * What kind of file it was.
     *
     * @since 0.1
     */
    public enum Kind {
        /** A text file, counted. */
        TEXT,
        /** A binary file, skipped. */
        BINARY,
        /** A file that could not be read (gone, no permission, I/O error). */
        UNREADABLE
    }
}
