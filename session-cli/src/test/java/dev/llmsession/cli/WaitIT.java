package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wait} against a live fake session: a real child process named {@code claude} and its registry file,
 * which the test rewrites the way Claude Code does when a permission dialog opens.
 */
final class WaitIT {
    private static final String SESSION = "4d5611e5-241a-462a-8d15-5122611a9569";

    @TempDir
    Path tmp;

    private Process claude;
    private Process waiter;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : new Process[] {claude, waiter}) {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void wait_returnsWhenTheRegistrySaysWaiting_andTimesOutOtherwise() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path work = Files.createDirectories(tmp.resolve("work/spotter"));
        Path exe = Files.createDirectories(tmp.resolve("bin")).resolve("claude");
        Files.copy(Path.of("/bin/sleep"), exe, StandardCopyOption.COPY_ATTRIBUTES);
        claude = new ProcessBuilder(exe.toString(), "300").directory(work.toFile()).start();
        Path registry = Files.createDirectories(home.resolve(".claude/sessions")).resolve(claude.pid() + ".json");
        registry(registry, work, "busy", null);

        JarRun timeout = JarRun.run(home, tmp, 60, "wait", SESSION.substring(0, 8), "--for", "idle", "--timeout", "1s");
        assertThat(timeout.code()).as(timeout.err()).isEqualTo(1);
        assertThat(timeout.err()).contains("timed out");

        Path out = tmp.resolve("wait.out");
        waiter = jar(home, "wait", SESSION.substring(0, 8), "--for", "waiting", "--timeout", "120s")
                .redirectOutput(out.toFile()).start();
        // the waiter opens the store before it resolves the id and polls: the dialog opens after that
        Path store = home.resolve(".local/share/llm-session/store.db");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(store) && waiter.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(waiter.isAlive()).as("still waiting while the session is busy").isTrue();
        registry(registry, work, "waiting", "permission prompt");

        assertThat(waiter.waitFor(120, TimeUnit.SECONDS)).as("wait returned").isTrue();
        assertThat(waiter.exitValue()).isZero();
        assertThat(Files.readString(out)).contains(SESSION, "waiting permission");
    }

    private static void registry(Path file, Path cwd, String status, String waitingFor) throws IOException {
        String json = "{\"pid\":" + file.getFileName().toString().replace(".json", "") + ",\"sessionId\":\"" + SESSION
                + "\",\"cwd\":\"" + cwd.toAbsolutePath() + "\",\"startedAt\":" + Instant.now().toEpochMilli()
                + ",\"kind\":\"interactive\",\"status\":\"" + status + "\""
                + (waitingFor == null ? "" : ",\"waitingFor\":\"" + waitingFor + "\"") + "}";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static ProcessBuilder jar(Path home, String... args) {
        return JarRun.builder(home, args).redirectError(ProcessBuilder.Redirect.DISCARD);
    }
}
