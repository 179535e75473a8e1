package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.cli.manage.ProcFs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's {@code logs}, {@code stop}, {@code attach} and {@code resume} against real processes: a child
 * process named {@code claude} (a copy of {@code sleep}) registered in a temp HOME's {@code sessions/<pid>.json} the
 * way Claude Code 2.1.332 writes it, with its transcript beside. tmux runs on a private socket and is killed after.
 */
final class ManageJarIT {
    private static final String SESSION = "0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b";
    private static final long TIMEOUT = 60;

    @TempDir
    Path tmp;

    private Path home;
    private Path workDir;
    private Path project;
    private Path claudeExe;
    private final List<Process> started = new ArrayList<>();
    private final TmuxServer tmux = new TmuxServer();

    @BeforeEach
    void layOutHome() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        workDir = Files.createDirectories(tmp.resolve("work/spotter"));
        project = Files.createDirectories(home.resolve(".claude/projects")
                .resolve(workDir.toAbsolutePath().toString().replaceAll("[^A-Za-z0-9]", "-")));
        // the real sample, recorded in /home/marco/projects/spotter, as if it had been recorded in workDir
        Files.writeString(project.resolve(SESSION + ".jsonl"), Files.readString(ContextHome.fixtures()
                .resolve("short.jsonl")).replace("\"cwd\":\"/home/marco/projects/spotter\"", "\"cwd\":\"" + workDir + "\""));
        Files.createDirectories(home.resolve(".claude/sessions"));
        claudeExe = Files.createDirectories(tmp.resolve("bin")).resolve("claude");
        Files.copy(Path.of("/bin/sleep"), claudeExe, StandardCopyOption.COPY_ATTRIBUTES);
    }

    @AfterEach
    void cleanUp() throws Exception {
        tmux.kill();
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void stop_withYes_terminatesTheSessionsOwnProcess_andWithoutATerminalAsksForYes() throws Exception {
        Process claude = startClaude();
        register(claude.pid(), ticks(claude.pid()), null);

        JarRun refused = run("stop", "claude_0e1d");
        assertThat(refused.code()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("no terminal to confirm on: add --yes");
        assertThat(claude.isAlive()).isTrue();

        JarRun stopped = run("stop", "claude_0e1d", "--yes");

        assertThat(stopped.code()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("Stopped claude_0e1d2 ", "pid " + claude.pid(), "SIGTERM sent, the process exited");
        assertThat(claude.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(claude.exitValue()).as("killed by SIGTERM").isEqualTo(128 + 15);
    }

    @Test
    void stop_ofABackgroundSession_handsOverToClaudeStop_andSignalsNothing() throws Exception {
        Process claude = startClaude();
        register(claude.pid(), ticks(claude.pid()), null, ",\"kind\":\"bg\",\"jobId\":\"0e1d2c3b\"");
        JarRun listed = run("list", "--json");
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(listed.out()).get(0).get("kind").asText())
                .as("the registry's kind, shown").isEqualTo("background");
        // the user's `claude` on PATH: records how it was called
        Path userBin = Files.createDirectories(tmp.resolve("user-bin"));
        Path calls = tmp.resolve("claude-calls.txt");
        Path script = userBin.resolve("claude");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" >> " + calls + "\necho 'stopped 0e1d2c3b'\n");
        script.toFile().setExecutable(true);

        List<String> command = new ArrayList<>(javaJar());
        command.addAll(List.of("stop", "claude_0e1d", "--yes"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(tmp.resolve("bg-out.txt").toFile())
                .redirectError(tmp.resolve("bg-err.txt").toFile());
        environment(pb.environment());
        pb.environment().put("PATH", userBin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        assertThat(p.waitFor(TIMEOUT, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("bg-err.txt"))).isZero();
        assertThat(Files.readString(calls).strip()).isEqualTo("stop 0e1d2c3b");
        assertThat(Files.readString(tmp.resolve("bg-out.txt"))).contains("Stopped claude_0e1d2 ", "with 'claude stop "
                + "0e1d2c3b': stopped 0e1d2c3b");
        assertThat(claude.isAlive()).as("llm-session signals nothing itself").isTrue();
    }

    @Test
    void stop_refusesWhenThePidNowBelongsToAnotherProcess() throws Exception {
        Process claude = startClaude();
        // the registry's process started at another tick: the session's process is gone and its pid reused
        register(claude.pid(), Long.toString(Long.parseLong(ticks(claude.pid())) + 7), null);

        JarRun refused = run("stop", "claude_0e1d", "--yes");

        assertThat(refused.code()).as(refused.out()).isEqualTo(1);
        assertThat(refused.err()).contains("pid " + claude.pid(), "reused", "refusing to signal it");
        assertThat(claude.isAlive()).isTrue();
    }

    @Test
    void attach_inTmux_switchesTheCurrentClientToTheSessionsPane() throws Exception {
        TmuxServer.assumeInstalled();
        // the session: a claude process in its own tmux session; its pane comes from its environment (TMUX_PANE)
        tmux.tmux("-f", "/dev/null", "new-session", "-d", "-s", "work", "-c", workDir.toString(),
                claudeExe.toString(), "300");
        String[] pane = tmux.tmux("display-message", "-p", "-t", "work", "#{pane_id} #{pane_pid}").strip()
                .split(" ");
        long pid = Long.parseLong(pane[1]);
        register(pid, ticks(pid), null);
        // a client (on a pseudo-terminal from script) looking at another tmux session
        tmux.tmux("new-session", "-d", "-s", "other", "-x", "120", "-y", "40", "sleep 300");
        started.add(tmux.attachClient("other", tmp.resolve("client.txt")));
        TmuxServer.await(() -> tmux.tmux("list-clients", "-F", "#{session_name}"), s -> s.contains("other"),
                "the client", TIMEOUT);

        // llm-session attach, run inside the client's tmux session (so it is this client's "current" one)
        Path exit = tmp.resolve("attach-exit.txt");
        tmux.tmux("new-window", "-t", "other", "-d", "sh", "-c", jarCommand("attach", "claude_0e1d")
                + " > " + tmp.resolve("attach-out.txt") + " 2>&1; echo $? > " + exit);
        TmuxServer.await(() -> Files.exists(exit) ? Files.readString(exit) : "", s -> !s.isBlank(),
                "attach to finish", TIMEOUT);

        assertThat(Files.readString(exit).strip()).as(Files.readString(tmp.resolve("attach-out.txt"))).isEqualTo("0");
        assertThat(Files.readString(tmp.resolve("attach-out.txt"))).contains("Switched to claude_0e1d2 in tmux pane "
                + pane[0]);
        assertThat(tmux.tmux("list-clients", "-F", "#{session_name} #{pane_id}").strip())
                .isEqualTo("work " + pane[0]);
    }

    @Test
    void attach_outsideTmux_saysWhereTheSessionIs() throws Exception {
        Process claude = startClaude();
        register(claude.pid(), ticks(claude.pid()), null);

        JarRun where = run("attach", "claude_0e1d");

        assertThat(where.code()).as(where.err()).isZero();
        assertThat(where.out()).contains("cannot be switched to: it does not run in tmux", "pid:       " + claude.pid(),
                "cwd:       " + workDir);
    }

    @Test
    void logsFollow_printsAnAppendedLineWithinASecond() throws Exception {
        List<String> command = new ArrayList<>(javaJar());
        command.addAll(List.of("logs", "-f", "claude_0e1d"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(tmp.resolve("follow-err.txt").toFile());
        environment(pb.environment());
        Process follow = pb.start();
        started.add(follow);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(follow.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException e) {
                lines.add("READ FAILED " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        String last;
        do {
            last = lines.poll(TIMEOUT, TimeUnit.SECONDS);
            assertThat(last).as("the backlog").isNotNull();
        } while (!last.contains("interrupted by the user"));

        long appended = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(project.resolve(SESSION + ".jsonl"), StandardOpenOption.APPEND)) {
            out.write(("{\"type\":\"user\",\"timestamp\":\"2026-02-10T21:20:00Z\",\"sessionId\":\"" + SESSION
                    + "\",\"message\":{\"role\":\"user\",\"content\":\"a line appended while following\"}}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String seen = lines.poll(5, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - appended);

        System.out.println("logs -f printed the appended line after " + millis + " ms");
        assertThat(seen).isEqualTo("2026-02-10 21:20:00  user       a line appended while following");
        assertThat(millis).as("milliseconds until the appended line was printed").isLessThan(1000);
        follow.destroy();
    }

    @Test
    void logs_ofA50MegabyteLine_runInAFortyMegabyteHeap() throws Exception {
        Path big = project.resolve("b16b16b1-0000-4000-8000-000000000000.jsonl");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(("{\"type\":\"user\",\"timestamp\":\"2026-02-12T10:00:00Z\",\"message\":{\"role\":\"user\","
                    + "\"content\":\"").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "abcdefghij".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write(("\"}}\n{\"type\":\"assistant\",\"timestamp\":\"2026-02-12T10:00:05Z\",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"after the big line\"}]}}\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        List<String> command = new ArrayList<>(List.of(javaExe(), "-Xmx40m", "-jar", jar(), "logs", "claude_b16b"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(tmp.resolve("big-out.txt").toFile())
                .redirectError(tmp.resolve("big-err.txt").toFile());
        environment(pb.environment());
        Process p = pb.start();
        assertThat(p.waitFor(TIMEOUT * 2, TimeUnit.SECONDS)).isTrue();

        List<String> out = Files.readAllLines(tmp.resolve("big-out.txt"));
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("big-err.txt"))).isZero();
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).startsWith("2026-02-12 10:00:00  user       abcdefghij").hasSize(21 + 11 + 4_000);
        assertThat(out.get(1)).isEqualTo("2026-02-12 10:00:05  assistant  after the big line");
    }

    @Test
    void resume_printsTheCommandThatContinuesTheSessionInItsDirectory() throws Exception {
        JarRun resume = run("resume", "claude_0e1d");

        assertThat(resume.code()).as(resume.err()).isZero();
        assertThat(resume.out().strip()).isEqualTo("cd " + workDir + " && claude --resume " + SESSION);
    }

    @Test
    void resumeHandoff_exportsTheRedactedPackAndPrintsTheFreshStart_andAttachOfABackgroundSessionNamesClaudeAttach()
            throws Exception {
        Process claude = startClaude();
        register(claude.pid(), ticks(claude.pid()), null, ",\"kind\":\"bg\",\"jobId\":\"0e1d2c3b\"");
        JarRun listed = run("list", "--json");
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(listed.out()).get(0).get("kind").asText())
                .as("the registry's kind, shown").isEqualTo("background");

        JarRun handoff = run("resume", "claude_0e1d", "--handoff");
        JarRun attach = run("attach", "claude_0e1d");

        assertThat(handoff.code()).as(handoff.err()).isZero();
        Path exports = home.resolve(".local/share/llm-session/exports");
        Path pack;
        try (Stream<Path> files = Files.list(exports)) {
            pack = files.collect(java.util.stream.Collectors.toList()).get(0);
        }
        assertThat(pack.getFileName().toString()).startsWith("claude_" + SESSION).endsWith(".json");
        assertThat(handoff.out().strip()).isEqualTo("cd " + workDir + " && claude \"$(llm-session import-context "
                + pack + " 2>/dev/null)\"");
        assertThat(attach.code()).as(attach.err()).isZero();
        assertThat(attach.out().strip()).isEqualTo("claude_0e1d2 runs in the background; attach from a terminal "
                + "with: claude attach 0e1d2c3b");
        assertThat(claude.isAlive()).isTrue();
    }

    private Process startClaude() throws IOException {
        Process p = new ProcessBuilder(claudeExe.toString(), "300").directory(workDir.toFile()).start();
        started.add(p);
        return p;
    }

    private static String ticks(long pid) {
        return new ProcFs().startTicks(pid).orElseThrow(() -> new AssertionError("no /proc/" + pid + "/stat"));
    }

    /** The registry file Claude Code 2.1.332 writes for an interactive session ({@code tmux} only inside tmux). */
    private void register(long pid, String procStart, String tmuxPane) throws IOException {
        register(pid, procStart, tmuxPane, ",\"kind\":\"interactive\"");
    }

    private void register(long pid, String procStart, String tmuxPane, String kind) throws IOException {
        long startedAt = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).orElseThrow().toEpochMilli();
        Files.writeString(home.resolve(".claude/sessions/" + pid + ".json"), "{\"pid\":" + pid + ",\"sessionId\":\""
                + SESSION + "\",\"cwd\":\"" + workDir + "\",\"startedAt\":" + startedAt + ",\"procStart\":\""
                + procStart + "\",\"version\":\"2.1.332\"" + kind + ",\"entrypoint\":\"cli\","
                + "\"status\":\"idle\"" + (tmuxPane == null ? "" : ",\"tmux\":\"" + tmuxPane + "\"") + "}");
    }

    private JarRun run(String... args) throws IOException, InterruptedException {
        Path scratch = Files.createDirectories(tmp.resolve("run-" + System.nanoTime()));
        return JarRun.run(home, scratch, TIMEOUT, args);
    }

    private static String javaExe() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return System.getProperty("llmsession.cli.jar", "target/llm-session.jar");
    }

    private static List<String> javaJar() {
        return List.of(javaExe(), "-jar", jar());
    }

    private void environment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("XDG_") || k.startsWith("LLM_SESSION"));
        env.put("HOME", home.toString());
        env.put("NO_COLOR", "1");
    }

    /** The jar with {@code args} as a shell command with the temp HOME (run inside tmux). */
    private String jarCommand(String... args) {
        List<String> parts = new ArrayList<>(List.of("env", "-u", "CI", "-u", "LLM_SESSION_HOME", "-u",
                "CLAUDE_CONFIG_DIR", "HOME=" + home, "XDG_CONFIG_HOME=" + home.resolve(".config"),
                "XDG_DATA_HOME=" + home.resolve(".local/share"), "NO_COLOR=1"));
        parts.addAll(javaJar());
        parts.addAll(List.of(args));
        return String.join(" ", parts);
    }
}
