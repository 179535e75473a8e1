package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --force} replaces a regular file and nothing else: a FIFO, a link to {@code /dev/null}, a link to a FIFO
 * or to a directory are refused (exit 2) and left as they were, for {@code export -o} and
 * {@code import-context --write}. As root the same check holds: it looks at the file type, not at permissions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisabledOnOs(OS.WINDOWS)
final class ForceTargetTest {
    private static final String SID = "f0cef0ce-0000-4000-8000-000000000004";

    @TempDir
    static Path tmp;
    ContextHome home;
    Path pack;

    @BeforeAll
    void oneSession() throws Exception {
        home = new ContextHome(tmp).withSession(SID, "{\"type\":\"user\",\"sessionId\":\"" + SID + "\",\"cwd\":\"/w\","
                + "\"timestamp\":\"2026-02-13T08:50:00Z\",\"message\":{\"role\":\"user\",\"content\":\"hello\"}}");
        pack = tmp.resolve("pack.json");
        CliRun.Result r = home.run("export", "f0cef0ce", "-o", pack.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    private static Path fifo(String name) throws IOException, InterruptedException {
        Path p = tmp.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(mk.waitFor()).isZero();
        return p;
    }

    private List<Path> specialTargets() throws Exception {
        Path fifo = fifo("f" + System.nanoTime());
        Path toNull = Files.createSymbolicLink(tmp.resolve("null" + System.nanoTime()), Path.of("/dev/null"));
        Path toFifo = Files.createSymbolicLink(tmp.resolve("lf" + System.nanoTime()), fifo);
        Path toDir = Files.createSymbolicLink(tmp.resolve("ld" + System.nanoTime()), Files.createTempDirectory(tmp, "d"));
        return List.of(fifo, toNull, toFifo, toDir);
    }

    @Test
    void exportForce_refusesEverythingButARegularFile() throws Exception {
        for (Path target : specialTargets()) {
            boolean wasLink = Files.isSymbolicLink(target);

            CliRun.Result r = home.run("export", "f0cef0ce", "-o", target.toString(), "--force");

            assertThat(r.code()).as(target + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("llm-session: ", target.toString()).doesNotContain("\tat ");
            assertThat(Files.isSymbolicLink(target)).isEqualTo(wasLink);
            assertThat(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)).as("still not a file").isFalse();
        }
    }

    @Test
    void importWriteForce_refusesEverythingButARegularFile() throws Exception {
        for (Path target : specialTargets()) {
            CliRun.Result r = home.run("import-context", pack.toString(), "--write", target.toString(), "--force");

            assertThat(r.code()).as(target + ": " + r.err()).isEqualTo(2);
            assertThat(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)).isFalse();
        }
    }

    @Test
    void force_regularFileAndLinkToOne_replaced() throws Exception {
        Path file = Files.writeString(tmp.resolve("old.json"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("link.json"), Files.writeString(tmp.resolve("t.json"), "x"));

        assertThat(home.run("export", "f0cef0ce", "-o", file.toString(), "--force").code()).isZero();
        assertThat(home.run("export", "f0cef0ce", "-o", link.toString(), "--force").code()).isZero();

        assertThat(Files.readString(file)).contains("\"format\"");
        assertThat(Files.readString(link)).contains("\"format\"");
    }
}
