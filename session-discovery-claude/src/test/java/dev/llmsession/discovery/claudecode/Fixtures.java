package dev.llmsession.discovery.claudecode;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Locates the copied sample transcripts on the test class path. */
final class Fixtures {

    static final String SESSION = "4d5611e5-241a-462a-8d15-5122611a9569";

    private Fixtures() {
    }

    /** The fixture folder, laid out like one {@code projects/<project>/} directory. */
    static Path claudeProject() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/claude/README.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
