package dev.llmsession.discovery.copilot;

import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The files Copilot CLI 1.0.102 wrote against the scripted API (see the README beside them). */
final class Captured {
    static final String SESSION = "168cb63d-2f9b-4057-9760-e362f9de4cc5";
    static final String DIR = "/tmp/cap/copilot/proj";

    private Captured() {
    }

    /** Copies the captured {@code ~/.copilot} into {@code home}; returns the events file. */
    static Path layOut(Path home) throws IOException {
        Path source;
        try {
            source = Path.of(Captured.class.getResource("/captured/copilot-1.0.102/home").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        SessionDiscoveryContract.copyTree(source, home);
        return home.resolve(".copilot/session-state/" + SESSION + "/events.jsonl");
    }
}
