package dev.llmsession.adapterkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;

/**
 * What a file looked like when listed: enough to tell whether it changed or was replaced since the last read.
 *
 * @param size    bytes
 * @param mtime   last modified, epoch milliseconds
 * @param fileKey the platform's file identity (inode), or the path where there is none
 */
public record FileStat(long size, long mtime, String fileKey) {

    /** The stat of a regular file (links not followed); empty when it is gone, unreadable or not a regular file. */
    public static Optional<FileStat> of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            Object key = a.fileKey();
            return Optional.of(new FileStat(a.size(), a.lastModifiedTime().toMillis(),
                    key == null ? file.toString() : key.toString()));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    public Instant modified() {
        return Instant.ofEpochMilli(mtime);
    }
}
