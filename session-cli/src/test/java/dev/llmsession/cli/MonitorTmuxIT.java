package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's {@code monitor} in a real terminal: tmux runs it, {@code send-keys} types, and
 * {@code capture-pane} reads the screen. A live child process named {@code claude} in a temp HOME laid out like
 * a real one (as in {@link PackagedCliIT}) is the session it must show. Every wait polls the screen up to a
 * deadline; the tmux server has its own socket and is killed afterwards.
 */
final class MonitorTmuxIT {
    private static final String SESSION = LiveClaudeHome.SESSION;
    private static final long DEADLINE_SECONDS = 45;

    @TempDir
    Path tmp;

    private final String socket = "llm-session-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private LiveClaudeHome live;
    private Path home;
    private Process claude;
    private boolean serverStarted;

    @BeforeEach
    void layOutHomeAndStartClaude() throws IOException {
        boolean tmux = Stream.of("/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux")
                .anyMatch(p -> Files.isExecutable(Path.of(p)));
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(tmux, "tmux is not installed (.ci/run installs it)");
        }
        assertThat(tmux).as("tmux installed by .ci/run").isTrue();
        live = LiveClaudeHome.in(tmp);
        home = live.home();
        claude = live.startClaude();
    }

    @AfterEach
    void stop() throws Exception {
        if (serverStarted) {
            tmux("kill-server");
        }
        if (live != null) {
            live.close();
        }
    }

    @Test
    void monitor_inTmux_showsTheLiveSessionItsDetailExportsOnEAndExitsCleanlyOnQ() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // CI is unset inside: the monitor falls back to snapshots under CI, and the pane must get the full screen.
        String command = String.join(" ", "env", "-u", "CI", "-u", "LLM_SESSION_HOME", "-u", "CLAUDE_CONFIG_DIR",
                "HOME=" + home, "XDG_CONFIG_HOME=" + home.resolve(".config"),
                "XDG_DATA_HOME=" + home.resolve(".local/share"), "NO_COLOR=1", java, "-jar",
                System.getProperty("llmsession.cli.jar"), "monitor", "--interval", "2s",
                "; echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo"
                        + " | tr '\\n' ' '; echo; sleep 120");
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "mon", "-x", "160", "-y", "45", command);
        serverStarted = true;

        String list = await(s -> s.contains("llm-session · 1 session") && s.contains("claude_4d561"), "the list");
        String row = list.lines().filter(l -> l.contains("claude_4d561")).findFirst().orElseThrow();
        assertThat(row).startsWith(">").contains(Long.toString(claude.pid()), "opus-4-6", "$10.11", "53%");
        assertThat(list).contains("q quit", "Enter detail", "every 2s");

        tmux("send-keys", "-t", "mon", "Enter");
        String detail = await(s -> s.contains("Tokens (measured): 12,976,160 in 152 calls")
                && s.contains("Context, last hour:") && !s.contains("loading"), "the detail view");
        assertThat(detail).contains("Session claude_4d5611e5", "component", "tokens", "106,060",
                "cache read 12,387,553", "State: ", "Esc back");

        tmux("send-keys", "-t", "mon", "Escape");
        await(s -> s.contains("Enter detail"), "the list again");
        tmux("send-keys", "-t", "mon", "e");
        Path exports = home.resolve(".local/share/llm-session/exports");
        String exported = await(s -> s.contains("exported to " + exports), "the export's path");
        assertThat(exported).contains("e export");
        try (Stream<Path> packs = Files.list(exports)) {
            assertThat(packs.map(p -> p.getFileName().toString()))
                    .singleElement().asString().startsWith("claude_" + SESSION).endsWith(".json");
        }
        tmux("send-keys", "-t", "mon", "q");
        String after = await(s -> s.contains("EXIT="), "the exit code");
        assertThat(after).contains("EXIT=0").doesNotContain("Enter detail");
        String modes = await(s -> s.contains("icanon"), "the terminal modes").lines()
                .filter(l -> l.contains("icanon")).findFirst().orElseThrow();
        assertThat(modes.strip().split(" ")).as("cooked mode restored").contains("icanon", "echo");
    }

    /** Issue 16: the shell does not export COLUMNS, yet a 120-column pane gets a 120-column table. */
    @Test
    void list_inA120ColumnPane_usesTheWholeWidth() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", "env", "-u", "CI", "-u", "COLUMNS", "-u", "LLM_SESSION_HOME",
                "-u", "CLAUDE_CONFIG_DIR", "HOME=" + home, "XDG_CONFIG_HOME=" + home.resolve(".config"),
                "XDG_DATA_HOME=" + home.resolve(".local/share"), "NO_COLOR=1", java, "-jar",
                System.getProperty("llmsession.cli.jar"), "list", "; echo EXIT=$?; sleep 120");
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "mon", "-x", "120", "-y", "30", command);
        serverStarted = true;

        String screen = await(s -> s.contains("EXIT="), "the list and its exit code");
        String header = screen.lines().filter(l -> l.startsWith("ID ")).findFirst().orElseThrow();
        String row = screen.lines().filter(l -> l.contains("claude_4d561")).findFirst().orElseThrow();
        assertThat(screen).contains("EXIT=0");
        assertThat(header.split("\\s+")).contains("PID", "STATUS", "DURATION", "TOKENS", "COST", "HEALTH");
        assertThat(row.length()).as("a row wider than 80 columns: %s", row).isGreaterThan(80).isLessThanOrEqualTo(120);
    }

    private String await(Predicate<String> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-p", "-t", "mon");
            if (condition.test(screen)) {
                return screen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the screen never showed " + what + ":\n" + screen);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("tmux %s finished", args[0]).isTrue();
        return out;
    }
}
