package dev.llmsession.cli.context;

import dev.llmsession.spi.OwnerOnlyFiles;
import dev.llmsession.error.InvalidInputException;
import dev.llmsession.error.UsageException;
import dev.llmsession.error.WriteException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes exports and primers the safe way: the path may not climb with {@code ..}; an existing file is replaced
 * only when forced, and only a regular file (never a device, FIFO or socket, also behind a link); the bytes go to a temporary file in the same directory, created owner-only (0600 where POSIX),
 * flushed to disk, then renamed over the target atomically; on any failure the temporary file is removed, so no
 * partial file is ever left. Stateless.
 */
public final class SafeFiles {

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private SafeFiles() {
    }

    /**
     * Refuses a path with a {@code ..} element (exit 3) and an existing file without {@code force} (exit 2);
     * called before anything is read or written, so a refusal changes nothing.
     */
    public static Path check(Path target, boolean force) {
        for (Path part : target) {
            if ("..".equals(part.toString())) {
                throw new InvalidInputException("refusing to write " + target + ": the path climbs with '..'; "
                        + "name the file without '..'");
            }
        }
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new UsageException(target + " is a directory; name a file");
        }
        refuseSpecial(target, absolute);
        if (!force && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new UsageException(target + " already exists; add --force to replace it");
        }
        return absolute;
    }

    /**
     * Refuses, even with {@code --force}, anything that exists and is not a regular file (a device node such as
     * {@code /dev/null}, a FIFO, a socket), also behind a symbolic link: replacing it would, run as root, turn
     * {@code /dev/null} into a file, and writing through it could block or reach a device. A dangling link is
     * refused too (where it points is not ours to create).
     */
    private static void refuseSpecial(Path target, Path absolute) {
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean link = Files.isSymbolicLink(absolute);
        if (!Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS) && !link) {
            throw new UsageException(target + " is not a regular file (a device, FIFO or socket); name a file");
        }
        if (link && !Files.isRegularFile(absolute)) {
            throw new UsageException(target + " is a link to something other than a regular file; name a file");
        }
    }

    /** Writes {@code content} to {@code target} atomically and owner-only; see the class comment. */
    public static Path write(Path target, boolean force, Content content) {
        Path file = check(target, force);
        Path dir = file.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            String prefix = "." + file.getFileName() + ".";
            temp = OwnerOnlyFiles.posix(dir) ? Files.createTempFile(dir, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(OwnerOnlyFiles.READ_WRITE))
                    : Files.createTempFile(dir, prefix, ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            refuseSpecial(target, file); // again: it may have appeared while the content was written
            move(temp, file);
            temp = null;
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(target + " already exists; add --force to replace it");
        } catch (IOException e) {
            throw new WriteException("cannot write " + target + " (" + describe(e) + "); nothing written",
                    e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temp file is hidden and owner-only; nothing else to do
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }


    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage().replace('\n', ' ');
    }
}
