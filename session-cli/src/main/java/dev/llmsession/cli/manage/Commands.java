package dev.llmsession.cli.manage;

import dev.llmsession.cli.render.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs other programs for the manage commands ({@code tmux}, the assistants' own {@code attach}/{@code stop} and
 * {@code resume}): always as argument lists, never through a shell, and never writing to a session's input.
 */
public final class Commands {
    /** How long a short helper command ({@code tmux switch-client}, {@code claude stop}) may take. */
    static final long TIMEOUT_SECONDS = 20;

    private Commands() {
    }

    /** The outcome of a helper command: its exit code ({@code -1} when it could not run) and what it printed. */
    public record Outcome(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command} with output captured, up to {@link #TIMEOUT_SECONDS}. */
    public static Outcome capture(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Outcome(-1, command.get(0) + " did not finish in " + TIMEOUT_SECONDS + "s");
            }
            return new Outcome(p.exitValue(), Printable.inline(new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return new Outcome(-1, "cannot run " + command.get(0) + ": " + Printable.inline(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, "interrupted");
        }
    }

    /** Runs {@code command} on this terminal (it takes over stdin, stdout and stderr) in {@code dir}; its exit code. */
    public static int handOver(List<String> command, Optional<Path> dir) {
        ProcessBuilder b = new ProcessBuilder(command).inheritIO();
        dir.ifPresent(d -> b.directory(d.toFile()));
        try {
            return b.start().waitFor();
        } catch (IOException e) {
            throw new dev.llmsession.error.DiscoveryException("cannot run " + Printable.inline(command.get(0)) + ": "
                    + Printable.inline(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** {@code command} as a line a POSIX shell runs as it is. */
    public static String shellLine(List<String> command) {
        return command.stream().map(Commands::quote).collect(Collectors.joining(" "));
    }

    /** {@code s} quoted for a POSIX shell when it needs it; made printable first. */
    public static String quote(String s) {
        String p = Printable.inline(s);
        return !p.isEmpty() && p.matches("[A-Za-z0-9_@%+=:,./-]+") ? p : "'" + p.replace("'", "'\\''") + "'";
    }
}
