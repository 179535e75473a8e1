package dev.llmsession.storage.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where sqlite-jdbc's native library is unpacked. Left to itself, sqlite-jdbc writes a new
 * {@code sqlite-<version>-<uuid>-libsqlitejdbc.so} (and a {@code .lck}) into {@code java.io.tmpdir} on every run,
 * ignoring {@code TMPDIR}, and removes them only at a normal JVM exit: every SIGKILLed run leaves about 1 MB
 * behind for good (its clean-up skips files whose {@code .lck} is still there). Here the library is unpacked
 * once per sqlite-jdbc version to {@code <TMPDIR>/llm-session-<user>/sqlite-<version>/} and reused by every
 * run, so a killed run leaves nothing new. The directory must be ours and closed to others (a library loaded
 * from a place another user can write is their code in our process); when it is not, or anything fails,
 * sqlite-jdbc unpacks as usual, but under {@code TMPDIR}.
 */
final class SqliteNative {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNative.class);
    private static final String LIB_PATH = "org.sqlite.lib.path";
    private static final String LIB_NAME = "org.sqlite.lib.name";
    private static final String TMPDIR = "org.sqlite.tmpdir";
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    /**
     * Beside the library: what it was when last checked against sqlite-jdbc's copy, one stamp per jar it came from
     * (two checkouts or builds run in turn, e.g. an engine and a client, each made the other's stamp stale: every
     * run inflated and compared the library and started {@code uname} again).
     */
    private static final String STAMP = "checked";

    private SqliteNative() {
    }

    /** Points sqlite-jdbc at its library before the first connection; a no-op when the user already did. */
    static synchronized void prepare(Path tempBase) {
        if (System.getProperty(LIB_PATH) != null || System.getProperty(TMPDIR) != null) {
            return;
        }
        try {
            Path lib = unpacked(tempBase);
            System.setProperty(LIB_PATH, lib.getParent().toString());
            System.setProperty(LIB_NAME, lib.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            LOG.debug("sqlite native library not unpacked to a stable place ({}); sqlite-jdbc unpacks it in {}",
                    e.toString(), tempBase);
            System.setProperty(TMPDIR, tempBase.toString());
        }
    }

    /**
     * The library unpacked under {@code tempBase}, written only when absent or different. A library this run or an
     * earlier one checked is reused on the word of its stamp: finding the library's resource asks sqlite-jdbc which
     * platform this is, and it starts a {@code uname -o} process to tell (plus inflating and comparing a megabyte),
     * on every run.
     */
    static Path unpacked(Path tempBase) throws IOException {
        Path dir = privateDirectory(privateDirectory(tempBase.resolve("llm-session-" + user()))
                .resolve("sqlite-" + SQLiteJDBCLoader.getVersion()));
        Path lib = dir.resolve(LibraryLoaderUtil.getNativeLibName());
        Path stamp = dir.resolve(stampName());
        if (stamp(lib).equals(readStamp(stamp))) {
            return lib;
        }
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        byte[] bytes;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " in sqlite-jdbc");
            }
            bytes = in.readAllBytes();
        }
        if (Files.isRegularFile(lib, LinkOption.NOFOLLOW_LINKS) && Files.size(lib) == bytes.length
                && Arrays.equals(Files.readAllBytes(lib), bytes)) {
            writeStamp(stamp, stamp(lib));
            return lib;
        }
        Path temp = Files.createTempFile(dir, ".lib", ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, lib, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        writeStamp(stamp, stamp(lib));
        return lib;
    }

    /** The stamp's file name: {@code checked-} and a hash of where sqlite-jdbc's classes come from. */
    static String stampName() {
        try {
            String jar = SQLiteJDBCLoader.class.getProtectionDomain().getCodeSource().getLocation().toString();
            return STAMP + "-" + Integer.toHexString(jar.hashCode());
        } catch (RuntimeException e) {
            return STAMP;
        }
    }

    /**
     * What a checked library is known by: the platform as the JVM names it, the sqlite-jdbc jar it came from (path,
     * size, modification time) and the library file's own size, modification time and identity; empty when the
     * library is not a regular file.
     */
    private static String stamp(Path lib) throws IOException {
        if (!Files.isRegularFile(lib, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        BasicFileAttributes a = Files.readAttributes(lib, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String jar;
        try {
            Path code = Path.of(SQLiteJDBCLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            BasicFileAttributes j = Files.readAttributes(code, BasicFileAttributes.class);
            jar = code + " " + j.size() + " " + j.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return ""; // no jar to name: always checked
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + "\n" + jar + "\n" + a.size() + " "
                + a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS) + " " + a.fileKey() + "\n";
    }

    private static String readStamp(Path stamp) {
        try {
            return Files.isRegularFile(stamp, LinkOption.NOFOLLOW_LINKS) && Files.size(stamp) < 4096
                    ? Files.readString(stamp) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void writeStamp(Path stamp, String text) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        Path temp = Files.createTempFile(stamp.getParent(), ".stamp", ".tmp");
        try {
            Files.writeString(temp, text);
            Files.move(temp, stamp, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code dir}, created 0700, or refused when it exists and is a link, not ours, or open to others. */
    private static Path privateDirectory(Path dir) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // checked below
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        if (posix) {
            String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!owner.equals(user()) || !mode.equals(OWNER_DIR)) {
                throw new IOException(dir + " is not ours alone (owner " + owner + ", "
                        + PosixFilePermissions.toString(mode) + ")");
            }
        }
        return dir;
    }

    private static String user() {
        return System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
