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
import org.junit.jupiter.api.Assumptions;

/** A tmux server of a test's own (private socket, {@code -L}), and waiting for a condition without fixed sleeps. */
final class TmuxServer {
    final String socket = "llm-session-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private boolean used;

    /** Skips the test without tmux and script locally; on CI they must be installed. */
    static void assumeInstalled() {
        boolean tools = Stream.of("/usr/bin/tmux", "/usr/local/bin/tmux").anyMatch(p -> Files.isExecutable(Path.of(p)))
                && Files.isExecutable(Path.of("/usr/bin/script"));
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(tools, "tmux and script are not installed");
        }
        assertThat(tools).as("tmux and script installed").isTrue();
    }

    /** Runs {@code tmux -L <socket> args…} and returns what it printed. */
    String tmux(String... args) throws IOException, InterruptedException {
        used = true;
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("tmux %s finished", args[0]).isTrue();
        return out;
    }

    /** A client attached to {@code session} on a pseudo-terminal (from {@code script}), as a user's terminal. */
    Process attachClient(String session, Path log) throws IOException {
        return new ProcessBuilder("script", "-qfec", "tmux -L " + socket + " attach -t " + session, "/dev/null")
                .redirectOutput(log.toFile()).start();
    }

    /** Kills the server if anything started it. */
    void kill() throws IOException, InterruptedException {
        if (used) {
            tmux("kill-server");
        }
    }

    /** What a probe reads. */
    interface Probe {
        String read() throws Exception;
    }

    /** Polls {@code probe} until {@code condition} holds, up to {@code seconds}; returns what satisfied it. */
    static String await(Probe probe, Predicate<String> condition, String what, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = probe.read();
            if (condition.test(seen)) {
                return seen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never saw " + what + ":\n" + seen);
    }
}
