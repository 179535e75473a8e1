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

    /** The legacy session 1.1.65 wrote (also migrated by 1.2.1), and the session 1.18.33 added beside it. */
    static final String LEGACY_SESSION = "ses_db2f33e7bffeL6g2t04wrHm4sq";
    static final String AFTER_LEGACY_SESSION = "ses_db2f27e71ffexjtuNSkDlELJRp";
    static final String LEGACY_DIR = "/tmp/a2c/ocap/proj";

    /**
     * Copies the capture {@code name}'s {@code home/} (e.g. {@code opencode-1.1.65}) into {@code home}; returns
     * {@code <home>/.local/share/opencode}.
     */
    static Path layOutTree(Path home, String name) throws IOException {
        Path from;
        try {
            from = Path.of(Objects.requireNonNull(Captured.class.getResource("/captured/" + name + "/home"), name)
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        dev.llmsession.testkit.SessionDiscoveryContract.copyTree(from, home);
        return home.resolve(".local/share/opencode");
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
