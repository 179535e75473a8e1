package dev.llmsession.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Opens files that come from outside (an assistant's data folders) without hanging on them: only a regular file
 * is opened (a FIFO would block the open itself until a writer comes, a link to {@code /dev/zero} never ends),
 * and whole-file reads are bounded. A link to a regular file is followed. The check and the open are two steps,
 * as the JDK offers no non-blocking open: a FIFO put in a file's place between them can still block one open.
 *
 * @since 0.1
 */
public final class RegularFiles {

    private RegularFiles() {
    }

    /** Whether {@code path} is, or links to, a regular file (false when it cannot be stat-ed). */
    public static boolean isRegular(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).isRegularFile();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A read channel on {@code path}, opened only if it is (or links to) a regular file.
     *
     * @throws FileSystemException when it is anything else (FIFO, device, socket, directory)
     * @throws IOException         when it cannot be stat-ed or opened
     */
    public static FileChannel open(Path path) throws IOException {
        if (!Files.readAttributes(path, BasicFileAttributes.class).isRegularFile()) {
            throw new FileSystemException(path.toString(), null, "not a regular file");
        }
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    /**
     * The whole content of a small regular file.
     *
     * @param maxBytes the largest content accepted
     * @throws FileSystemException when it is not a regular file or holds more than {@code maxBytes}
     */
    public static byte[] readAll(Path path, int maxBytes) throws IOException {
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
        }
        try (FileChannel channel = open(path)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min((long) maxBytes + 1, Math.max(channel.size() + 1, 1)));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    break;
                }
                if (!buffer.hasRemaining() && buffer.capacity() <= maxBytes) {
                    // the file grew since its size was taken: room for the rest, up to one byte past the bound
                    buffer = ByteBuffer.allocate(Math.min(maxBytes + 1, buffer.capacity() * 2)).put(buffer.flip());
                }
            }
            if (buffer.position() > maxBytes) {
                throw new FileSystemException(path.toString(), null, "larger than " + maxBytes + " bytes");
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }
}
