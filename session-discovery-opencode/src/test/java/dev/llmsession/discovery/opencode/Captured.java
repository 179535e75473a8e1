package dev.llmsession.discovery.opencode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The database OpenCode 1.18.33 wrote against the scripted API (see the README beside it). */
final class Captured {
    static final String SESSION = "ses_db3793216ffefgCDM4mU5Izmh9";
    static final String DIR = "/tmp/cap/opencode/proj";

    private Captured() {
    }

    /** Copies {@code opencode.db} with its {@code -wal} and {@code -shm} into {@code <home>/.local/share/opencode}. */
    static Path layOut(Path home) throws IOException {
        Path dir = Files.createDirectories(home.resolve(".local/share/opencode"));
        for (String name : new String[] {"opencode.db", "opencode.db-wal", "opencode.db-shm"}) {
            try (InputStream in = Objects.requireNonNull(Captured.class.getResourceAsStream(
                    "/captured/opencode-1.18.33/home/.local/share/opencode/" + name), name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        return dir.resolve("opencode.db");
    }
}
