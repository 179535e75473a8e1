package dev.llmsession.host.oshi;

import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Linux process table read straight from {@code /proc}, without OSHI's native library. Each snapshot lists
 * {@code /proc} and reads one small {@code stat} file per process; a process already seen with the same start tick
 * (the same process, not a reused pid) is reused as read then, so a resident engine reads command lines, the
 * executable and the working directory only of processes new since its previous snapshot. A process's working
 * directory is read when it is first seen (the assistants do not change theirs; their tools run in children).
 * Thread-safe.
 */
final class ProcTable {
    /** {@code /proc} reports times in USER_HZ clock ticks, 100 per second on every Linux architecture we run on. */
    private static final long TICKS_PER_SECOND = 100;
    /** Bounds every read: a stat line is short; a command line longer than this is cut (the kernel caps at 4 KiB+). */
    private static final int MAX_STAT = 4096;
    private static final int MAX_CMDLINE = 128 * 1024;

    private final Path proc;
    private final Clock clock;
    private final Map<Long, Seen> seen = new HashMap<>();
    private final byte[] statBuffer = new byte[MAX_STAT];
    private Instant bootTime;

    ProcTable(Path proc, Clock clock) {
        this.proc = proc;
        this.clock = clock;
    }

    /** Whether this machine has a {@code /proc} this reader understands. */
    static boolean available(Path proc) {
        return Files.isReadable(proc.resolve("self/stat")) && Files.isReadable(proc.resolve("stat"));
    }

    synchronized ProcessTable snapshot() throws IOException {
        Instant takenAt = clock.instant();
        if (bootTime == null) {
            bootTime = readBootTime();
        }
        Map<Long, Seen> now = new HashMap<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, ProcTable::isPid)) {
            for (Path dir : pids) {
                long pid = Long.parseLong(dir.getFileName().toString());
                Optional<Stat> stat = readStat(dir);
                if (stat.isEmpty() || stat.get().zombie()) {
                    continue; // exited while listed, or exited and not yet collected by its parent
                }
                Seen before = seen.get(pid);
                Seen current = before != null && before.startTicks == stat.get().startTicks ? before
                        : new Seen(stat.get().startTicks, describe(pid, dir, stat.get()));
                now.put(pid, current);
            }
        }
        seen.clear();
        seen.putAll(now);
        List<ProcessInfo> out = new ArrayList<>(now.size());
        now.values().forEach(s -> out.add(s.info));
        return ProcessTable.of(takenAt, out);
    }

    private static boolean isPid(Path p) {
        String name = p.getFileName().toString();
        if (name.isEmpty() || name.length() > 10) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private ProcessInfo describe(long pid, Path dir, Stat stat) {
        String path = link(dir.resolve("exe")).orElse("");
        List<String> arguments = arguments(dir.resolve("cmdline"));
        Instant start = bootTime.plusMillis(stat.startTicks * 1000 / TICKS_PER_SECOND);
        return new ProcessInfo(pid, stat.parentPid, stat.name, path, arguments, link(dir.resolve("cwd")),
                Optional.of(start));
    }

    private Instant readBootTime() throws IOException {
        for (String line : new String(read(proc.resolve("stat"), 64 * 1024), StandardCharsets.US_ASCII).split("\n")) {
            if (line.startsWith("btime ")) {
                return Instant.ofEpochSecond(Long.parseLong(line.substring(6).strip()));
            }
        }
        throw new IOException("no btime in " + proc.resolve("stat"));
    }

    /** {@code pid (comm) state ppid … starttime…}: the name may hold spaces and parentheses, so cut at the last ')'. */
    static Optional<Stat> parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        String rest = line.substring(close + 1).strip();
        // after the name: state(3) ppid(4) … starttime(22), so starttime is the 20th field after it; fields are
        // found by their spaces, not split into strings (every process's, at every refresh of a resident engine)
        int[] starts = new int[20];
        int[] ends = new int[20];
        int from = 0;
        for (int field = 0; field < 20; field++) {
            if (from > rest.length()) {
                return Optional.empty();
            }
            int space = rest.indexOf(' ', from);
            starts[field] = from;
            ends[field] = space < 0 ? rest.length() : space;
            from = space < 0 ? rest.length() + 1 : space + 1;
        }
        try {
            return Optional.of(new Stat(line.substring(open + 1, close),
                    ends[0] - starts[0] == 1 && rest.charAt(starts[0]) == 'Z',
                    Long.parseLong(rest, starts[1], ends[1], 10), Long.parseLong(rest, starts[19], ends[19], 10)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Under the snapshot's lock: one buffer for every process's stat line. */
    private Optional<Stat> readStat(Path dir) {
        try (InputStream in = Files.newInputStream(dir.resolve("stat"))) {
            int length = 0;
            for (int n; length < statBuffer.length
                    && (n = in.read(statBuffer, length, statBuffer.length - length)) > 0;) {
                length += n;
            }
            return parseStat(new String(statBuffer, 0, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> arguments(Path cmdline) {
        try {
            byte[] bytes = read(cmdline, MAX_CMDLINE);
            List<String> out = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    out.add(new String(bytes, from, i - from, StandardCharsets.UTF_8));
                    from = i + 1;
                }
            }
            if (from < bytes.length) {
                out.add(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            return List.of(); // another user's process, or gone
        }
    }

    private static Optional<String> link(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link).toString()).filter(s -> !s.isBlank());
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // another user's process, a kernel thread, or gone
        }
    }

    private static byte[] read(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }

    record Stat(String name, boolean zombie, long parentPid, long startTicks) {
    }

    private record Seen(long startTicks, ProcessInfo info) {
    }
}
