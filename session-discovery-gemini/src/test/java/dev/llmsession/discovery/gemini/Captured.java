package dev.llmsession.discovery.gemini;

import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files Gemini CLI 0.61.0 wrote against the scripted API (see the README beside them). */
final class Captured {
    static final String SESSION = "dc560d9e-26ea-49b0-b30b-e6871bdc5a63";
    static final String CHATS = ".gemini/tmp/proj/chats";

    private Captured() {
    }

    /** Copies the captured {@code home} into {@code home}; the project root it names is rewritten to {@code project}. */
    static void layOut(Path home, Path project) throws IOException {
        Path source;
        try {
            source = Path.of(Captured.class.getResource("/captured/gemini-0.61.0/home").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        SessionDiscoveryContract.copyTree(source, home);
        Files.writeString(home.resolve(".gemini/tmp/proj/.project_root"), project.toString());
    }

    static List<Path> chatFiles(Path home) throws IOException {
        try (Stream<Path> s = Files.list(home.resolve(CHATS))) {
            return s.sorted().toList();
        }
    }
}
