package dev.llmsession.discovery.claudecode;

import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The test kit's SPI contract, run against the built-in Claude Code adapter and the real fixture. */
final class ClaudeCodeDiscoveryContractTest extends SessionDiscoveryContract {
    @Override
    protected SessionDiscoveryProvider newProvider() {
        return new ClaudeCodeDiscoveryProvider();
    }

    @Override
    protected void layOutHome(Path home) throws IOException {
        Path from = Fixtures.claudeProject();
        Path to = Files.createDirectories(home.resolve(".claude/projects/-work-spotter"));
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".md") || name.endsWith(".txt")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
