package dev.llmsession.discovery.cursor.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Size and modification time of a SQLite file and of its {@code -wal}: the main file changes only at a checkpoint,
 * the WAL with every commit, so together they tell whether anything could have changed.
 *
 * @param size     bytes of the main file (-1 when missing)
 * @param mtime    ms of the main file
 * @param walSize  bytes of the {@code -wal} (0 when there is none or it is empty)
 * @param walMtime ms of the {@code -wal}
 */
public record DbStamp(long size, long mtime, long walSize, long walMtime) {

    public static DbStamp of(Path db) {
        long[] main = stat(db);
        long[] wal = stat(db.resolveSibling(db.getFileName() + "-wal"));
        // an empty WAL holds nothing: the same state as none (SQLite creates one when a reader opens an idle DB)
        return wal[0] <= 0 ? new DbStamp(main[0], main[1], 0, 0) : new DbStamp(main[0], main[1], wal[0], wal[1]);
    }

    /** The latest write to either file, in ms. */
    public long lastWrite() {
        return Math.max(mtime, walMtime);
    }

    public boolean exists() {
        return size >= 0;
    }

    private static long[] stat(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new long[] {a.size(), a.lastModifiedTime().toMillis()};
        } catch (IOException e) {
            return new long[] {-1, 0};
        }
    }
}
