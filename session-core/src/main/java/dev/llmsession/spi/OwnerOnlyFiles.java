package dev.llmsession.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read or write ({@code rw-------}), for the CLI and adapters alike. Where the file
 * system has no POSIX permissions (Windows) the directory's ACLs decide: files are created plainly and nothing is
 * "open to others" — asked of the file system first, never found out by catching its refusal.
 *
 * @since 0.1
 */
public final class OwnerOnlyFiles {
    /** {@code rw-------}. */
    public static final Set<PosixFilePermission> READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Whether {@code path}'s file system keeps POSIX permissions. */
    public static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the empty file {@code file}, owner-only where permissions exist. */
    public static void create(Path file) throws IOException {
        if (posix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(READ_WRITE));
        } else {
            Files.createFile(file);
        }
    }

    /** Makes the existing {@code file} owner-only where permissions exist. */
    public static void restrict(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, READ_WRITE);
        }
    }

    /** Whether others than the owner may read or write {@code file} (never, where permissions do not exist). */
    public static boolean openToOthers(Path file) throws IOException {
        if (!posix(file)) {
            return false;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)
                || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE);
    }
}
