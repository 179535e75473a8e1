package dev.llmsession.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Content and modification time of every file under a tree, so a test can prove that discovery never writes
 * to an assistant's files: equal maps before and after a run.
 *
 * @since 0.1
 */
public final class TreeHash {
    /** SHA-256 of no bytes. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private TreeHash() {
    }

    /** {@code relative path@mtime millis} of each regular file → SHA-256 of its bytes. */
    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p) + "@" + Files.getLastModifiedTime(p).toMillis(), sha256(p));
            }
        }
        return out;
    }

    /** The same map with the content of {@code -shm} files (SQLite's lock area, not data) replaced by a marker. */
    public static Map<String, String> withoutSharedMemory(Map<String, String> hashes) {
        Map<String, String> out = new TreeMap<>(hashes);
        out.replaceAll((file, sha) -> file.contains("-shm@") ? "shared memory" : sha);
        return out;
    }

    /** SHA-256 of a file's bytes, read in blocks. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
