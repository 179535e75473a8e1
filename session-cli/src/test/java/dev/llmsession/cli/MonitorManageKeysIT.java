package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.cli.manage.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged monitor's manage keys in a real tmux with a real client (on a pseudo-terminal from {@code script}):
 * {@code y} copies the resume command into tmux's buffer, {@code a} switches the client to the session's pane,
 * {@code K} twice stops the session's process. The session is a child process named {@code claude} running in its
 * own tmux session and registered as Claude Code 2.1.332 does. The tmux server has a private socket.
 */
final class MonitorManageKeysIT {
    private static final String SESSION = "0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b";
    private static final long DEADLINE_SECONDS = 60;

    @TempDir
    Path tmp;

    private final TmuxServer server = new TmuxServer();
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void requireTmux() {
        TmuxServer.assumeInstalled();
    }

    @AfterEach
    void stop() throws Exception {
        server.kill();
        for (Process p : started) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void keys_copyTheResumeCommand_attachToThePane_andStopOnASecondK() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path workDir = Files.createDirectories(tmp.resolve("work/spotter"));
        Path project = Files.createDirectories(home.resolve(".claude/projects")
                .resolve(workDir.toString().replaceAll("[^A-Za-z0-9]", "-")));
        Files.writeString(project.resolve(SESSION + ".jsonl"), Files.readString(ContextHome.fixtures()
                .resolve("short.jsonl")).replace("\"cwd\":\"/home/marco/projects/spotter\"", "\"cwd\":\"" + workDir + "\""));
        Path exe = Files.createDirectories(tmp.resolve("bin")).resolve("claude");
        Files.copy(Path.of("/bin/sleep"), exe, StandardCopyOption.COPY_ATTRIBUTES);

        tmux("-f", "/dev/null", "new-session", "-d", "-s", "work", "-c", workDir.toString(), exe.toString(), "300");
        String[] pane = tmux("display-message", "-p", "-t", "work", "#{pane_id} #{pane_pid}").strip().split(" ");
        long pid = Long.parseLong(pane[1]);
        long startedAt = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).orElseThrow().toEpochMilli();
        Files.createDirectories(home.resolve(".claude/sessions"));
        Files.writeString(home.resolve(".claude/sessions/" + pid + ".json"), "{\"pid\":" + pid + ",\"sessionId\":\""
                + SESSION + "\",\"cwd\":\"" + workDir + "\",\"startedAt\":" + startedAt + ",\"procStart\":\""
                + new ProcFs().startTicks(pid).orElseThrow() + "\",\"kind\":\"interactive\",\"status\":\"idle\","
                + "\"tmux\":\"" + pane[0] + "\"}");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        tmux("new-session", "-d", "-s", "mon", "-x", "200", "-y", "40", String.join(" ", "env", "-u", "CI", "-u",
                "LLM_SESSION_HOME", "-u", "CLAUDE_CONFIG_DIR", "HOME=" + home, "XDG_CONFIG_HOME=" + home.resolve(".config"),
                "XDG_DATA_HOME=" + home.resolve(".local/share"), "NO_COLOR=1", java, "-jar",
                System.getProperty("llmsession.cli.jar"), "monitor", "--interval", "2s", "; sleep 120"));
        started.add(server.attachClient("mon", tmp.resolve("client.txt")));
        await(() -> screen(), s -> s.contains("claude_0e1d2"), "the session's row");

        tmux("send-keys", "-t", "mon", "y");
        await(() -> screen(), s -> s.contains("copied to the tmux buffer"), "the copy");
        assertThat(tmux("show-buffer")).isEqualTo("cd " + workDir + " && claude --resume " + SESSION);

        tmux("send-keys", "-t", "mon", "a");
        await(() -> tmux("list-clients", "-F", "#{session_name} #{pane_id}"), s -> s.strip().equals("work " + pane[0]),
                "the client on the session's pane");
        String clientName = tmux("list-clients", "-F", "#{client_name}").strip();
        tmux("switch-client", "-c", clientName, "-t", "mon");

        tmux("send-keys", "-t", "mon", "K");
        await(() -> screen(), s -> s.contains("press K again within 5s to stop claude_0e1d2 (SIGTERM to pid " + pid),
                "the confirmation");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        tmux("send-keys", "-t", "mon", "K");
        await(() -> screen(), s -> s.contains("SIGTERM sent to claude_0e1d2 (pid " + pid + ")"), "the stop");
        // tmux may not have collected its pane's process yet: a zombie has exited
        await(() -> ProcessHandle.of(pid).map(h -> Boolean.toString(!new ProcFs().ended(h))).orElse("false"),
                "false"::equals, "the session's process to exit");
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "mon");
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        return server.tmux(args);
    }

    private static String await(TmuxServer.Probe probe, Predicate<String> condition, String what) throws Exception {
        return TmuxServer.await(probe, condition, what, DEADLINE_SECONDS);
    }
}
