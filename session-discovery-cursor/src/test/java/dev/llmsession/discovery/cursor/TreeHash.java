package dev.llmsession.discovery.cursor;

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

/** Content and mtime of every file under a tree, to prove discovery never writes to the assistant's files. */
final class TreeHash {
    /** SHA-256 of no bytes. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private TreeHash() {
    }

    /** Relative path and mtime of each regular file → SHA-256 of its bytes. */
    static Map<String, String> of(Path root) throws IOException, NoSuchAlgorithmException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(p)) {
                    sha.update(in.readAllBytes());
                }
                out.put(root.relativize(p) + "@" + Files.getLastModifiedTime(p).toMillis(),
                        HexFormat.of().formatHex(sha.digest()));
            }
        }
        return out;
    }

    /** The same map with the content of {@code -shm} files (SQLite's lock area, not data) replaced by a marker. */
    static Map<String, String> withoutSharedMemory(Map<String, String> hashes) {
        Map<String, String> out = new TreeMap<>(hashes);
        out.replaceAll((file, sha) -> file.contains("-shm@") ? "shared memory" : sha);
        return out;
    }
}
