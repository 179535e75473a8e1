package dev.llmsession.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A temp HOME laid out like a real one for the packaged jar's ITs: the sample session (transcript, just modified,
 * and its sub-agent folder) in the Claude project of {@code work/spotter}, and on demand a live child process named
 * {@code claude} (a copy of {@code /bin/sleep}) in that folder, which discovery finds through the process table.
 * {@link #close()} ends the child.
 */
final class LiveClaudeHome implements AutoCloseable {
    static final String SESSION = "4d5611e5-241a-462a-8d15-5122611a9569";

    private final Path tmp;
    private final Path home;
    private final Path workDir;
    private Process claude;

    private LiveClaudeHome(Path tmp) throws IOException {
        this.tmp = tmp;
        this.home = Files.createDirectories(tmp.resolve("home"));
        this.workDir = Files.createDirectories(tmp.resolve("work/spotter"));
        Path project = Files.createDirectories(project());
        Path fixtures = Path.of(System.getProperty("llmsession.fixtures"));
        copyTree(fixtures.resolve(SESSION), project.resolve(SESSION));
        Files.copy(fixtures.resolve(SESSION + ".jsonl"), project.resolve(SESSION + ".jsonl"));
        Files.setLastModifiedTime(project.resolve(SESSION + ".jsonl"), FileTime.from(Instant.now()));
    }

    /** Lays out {@code tmp/home} and {@code tmp/work/spotter}. */
    static LiveClaudeHome in(Path tmp) throws IOException {
        return new LiveClaudeHome(tmp);
    }

    Path home() {
        return home;
    }

    Path workDir() {
        return workDir;
    }

    /** The Claude project folder of the working directory. */
    Path project() {
        return home.resolve(".claude/projects").resolve(workDir.toAbsolutePath().toString()
                .replaceAll("[^A-Za-z0-9]", "-"));
    }

    /** Starts the live {@code claude} in the working directory (for 300 s at most). */
    Process startClaude() throws IOException {
        Path exe = Files.createDirectories(tmp.resolve("bin")).resolve("claude");
        if (!Files.exists(exe)) {
            Files.copy(Path.of("/bin/sleep"), exe, StandardCopyOption.COPY_ATTRIBUTES);
        }
        claude = new ProcessBuilder(exe.toString(), "300").directory(workDir.toFile()).start();
        return claude;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (claude != null && claude.isAlive()) {
            claude.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
