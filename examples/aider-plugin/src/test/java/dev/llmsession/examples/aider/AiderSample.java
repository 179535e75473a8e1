package dev.llmsession.examples.aider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The real Aider history in {@code src/test/resources/aider-sample} (see the README there for its licence). */
final class AiderSample {
    private AiderSample() {
    }

    static byte[] bytes() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                AiderSample.class.getResourceAsStream("/aider-sample/chat-history-tail.md"), "sample")) {
            return in.readAllBytes();
        }
    }

    /** Writes the sample where Aider keeps it: {@code <project>/.aider.chat.history.md}. */
    static Path layOut(Path project) throws IOException {
        Files.createDirectories(project);
        return Files.write(project.resolve(AiderSessionDiscovery.HISTORY), bytes());
    }
}
