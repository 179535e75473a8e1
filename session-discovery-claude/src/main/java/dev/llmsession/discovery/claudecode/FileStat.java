package dev.llmsession.discovery.claudecode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * What one stat says about a file; equal stats mean an unchanged file.
 *
 * @param size     size in bytes
 * @param modified last-modified time, full precision
 * @param key      file identity (inode where the platform has one), or empty
 */
record FileStat(long size, Instant modified, String key) {

    /** The file's stat, or null when it cannot be taken (vanished, no permission). */
    static FileStat of(Path path) {
        try {
            return of(Files.readAttributes(path, BasicFileAttributes.class));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The stat that {@code a}, read already, says. */
    static FileStat of(BasicFileAttributes a) {
        Object key = a.fileKey();
        return new FileStat(a.size(), a.lastModifiedTime().toInstant(), key == null ? "" : key.toString());
    }

    long mtimeMillis() {
        return modified.toEpochMilli();
    }

    // Written out rather than the record's own: those call through method handles bootstrapped at first use, and a
    // running-only refresh compares thousands of stats with their claims in a short-lived JVM (JFR: ~10 ms a list).
    @Override
    public boolean equals(Object o) {
        return o instanceof FileStat s && size == s.size && java.util.Objects.equals(modified, s.modified)
                && java.util.Objects.equals(key, s.key);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(size) * 31 + java.util.Objects.hashCode(modified)) * 31 + java.util.Objects.hashCode(key);
    }
}
