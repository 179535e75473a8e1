package dev.llmsession.cli.manage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What Linux's {@code /proc} tells about one process, where readable: its start time in clock ticks, one variable
 * of its environment, its terminal. Bounded reads; anything unreadable (another user's process, another OS) is
 * empty. Stateless.
 */
public final class ProcFs {
    private static final int MAX_ENVIRON = 1 << 20;
    private final Path proc;

    /** The real {@code /proc}. */
    public ProcFs() {
        this(Path.of("/proc"));
    }

    ProcFs(Path proc) {
        this.proc = proc;
    }

    /** Field 22 of {@code /proc/<pid>/stat}: the start in clock ticks since boot (what Claude Code records). */
    public Optional<String> startTicks(long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"), StandardCharsets.UTF_8);
            // the command name (field 2) is in parentheses and may hold spaces and ')': count after the last ')'
            int close = stat.lastIndexOf(')');
            if (close < 0) {
                return Optional.empty();
            }
            String[] rest = stat.substring(close + 1).trim().split("\\s+");
            // rest[0] is field 3, so field 22 is rest[19]
            return rest.length > 19 && rest[19].chars().allMatch(Character::isDigit) ? Optional.of(rest[19])
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the process has exited and waits for its parent to collect it (state {@code Z}): the JDK still calls
     * such a process alive, but it will never run again.
     */
    public boolean zombie(long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')');
            return close >= 0 && stat.substring(close + 1).trim().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code process} has ended: gone, or a zombie. */
    public boolean ended(ProcessHandle process) {
        return !process.isAlive() || zombie(process.pid());
    }

    /** The value of {@code name} in the process's environment (readable for one's own processes only). */
    public Optional<String> environment(long pid, String name) {
        Path file = proc.resolve(pid + "/environ");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_ENVIRON);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String prefix = name + "=";
        for (String entry : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
            if (entry.startsWith(prefix) && entry.length() > prefix.length()) {
                return Optional.of(entry.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    /** The terminal the process reads from ({@code /dev/pts/3}), when its standard input is one. */
    public Optional<String> tty(long pid) {
        try {
            String target = Files.readSymbolicLink(proc.resolve(pid + "/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") ? Optional.of(target)
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
