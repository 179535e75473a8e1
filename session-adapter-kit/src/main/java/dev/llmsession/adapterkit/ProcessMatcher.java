package dev.llmsession.adapterkit;

import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Ties live processes to sessions for assistants without a process registry: a process owns the newest session
 * whose working directory is the process's and which started at or after the process; a process whose arguments
 * name its session ({@code resume <id>}) owns that one first. Each process owns at most one session and the
 * reverse.
 */
public final class ProcessMatcher {
    /** Clocks of the process table and of the assistant's timestamps differ a little; this much early still counts. */
    public static final Duration START_SLACK = Duration.ofSeconds(5);

    private ProcessMatcher() {
    }

    /**
     * A session as the matcher sees it.
     *
     * @param sessionId the native id
     * @param cwds      the directories the session ran in (usually one)
     * @param startedAt its first recorded activity
     */
    public record Candidate(String sessionId, List<String> cwds, Instant startedAt) {
        public Candidate {
            cwds = List.copyOf(cwds);
        }
    }

    /**
     * The processes of a table that {@code isAssistant} accepts, oldest first. A match whose parent is a match too
     * (a launcher that re-spawns itself) is left out: the outermost process stands for the session.
     */
    public static List<ProcessInfo> find(ProcessTable table, Predicate<ProcessInfo> isAssistant) {
        List<ProcessInfo> all = new ArrayList<>();
        Set<Long> pids = new HashSet<>();
        for (ProcessInfo p : table.all()) {
            if (isAssistant.test(p)) {
                all.add(p);
                pids.add(p.pid());
            }
        }
        List<ProcessInfo> out = new ArrayList<>();
        for (ProcessInfo p : all) {
            if (!pids.contains(p.parentPid()) || p.parentPid() == p.pid()) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing((ProcessInfo p) -> p.startedAt().orElse(Instant.MIN))
                .thenComparingLong(ProcessInfo::pid));
        return out;
    }

    /** Session id → the process that owns it. {@code namedSession} reads a session id from a process's arguments. */
    public static Map<String, ProcessInfo> match(List<ProcessInfo> processes, List<Candidate> sessions,
            Function<ProcessInfo, Optional<String>> namedSession) {
        Map<String, ProcessInfo> owner = new HashMap<>();
        Set<Long> used = new HashSet<>();
        for (ProcessInfo p : processes) {
            namedSession.apply(p)
                    .flatMap(id -> sessions.stream().filter(s -> s.sessionId().equalsIgnoreCase(id)).findFirst())
                    .filter(s -> !owner.containsKey(s.sessionId()))
                    .ifPresent(s -> {
                        owner.put(s.sessionId(), p);
                        used.add(p.pid());
                    });
        }
        List<ProcessInfo> newestFirst = new ArrayList<>(processes);
        newestFirst.sort(Comparator.comparing((ProcessInfo p) -> p.startedAt().orElse(Instant.MIN)).reversed());
        List<Candidate> newestSessions = new ArrayList<>(sessions);
        newestSessions.sort(Comparator.comparing(Candidate::startedAt).reversed());
        for (ProcessInfo p : newestFirst) {
            if (used.contains(p.pid()) || p.cwd().isEmpty()) {
                continue;
            }
            String dir = normalise(p.cwd().get());
            for (Candidate s : newestSessions) {
                boolean sameDir = s.cwds().stream().map(ProcessMatcher::normalise).anyMatch(dir::equals);
                boolean after = p.startedAt().map(t -> !s.startedAt().isBefore(t.minus(START_SLACK))).orElse(true);
                if (sameDir && after && !owner.containsKey(s.sessionId())) {
                    owner.put(s.sessionId(), p);
                    used.add(p.pid());
                    break;
                }
            }
        }
        return owner;
    }

    /** The argument after {@code flag} ({@code resume <id>}, {@code --session <id>}), if any. */
    public static Optional<String> argumentAfter(ProcessInfo p, String flag) {
        List<String> args = p.arguments();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(flag) && !args.get(i + 1).startsWith("-")) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /** The last path element of an executable name or path, lower case ({@code /usr/bin/Codex} → {@code codex}). */
    public static String baseName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        String base = slash >= 0 ? n.substring(slash + 1) : n;
        return base.endsWith(".exe") ? base.substring(0, base.length() - 4) : base;
    }

    /** Whether the process's executable name or path is one of {@code names}. */
    public static boolean executableIs(ProcessInfo p, Set<String> names) {
        return names.contains(baseName(p.name())) || names.contains(baseName(p.path()));
    }

    /** Whether a script runtime ({@code node}, {@code bun}, {@code python}) runs a script whose path contains {@code marker}. */
    public static boolean runsScript(ProcessInfo p, Set<String> runtimes, String marker) {
        if (!runtimes.contains(baseName(p.name())) && !runtimes.contains(baseName(p.path()))) {
            return false;
        }
        List<String> args = p.arguments();
        for (int i = 1; i < args.size() && i < 4; i++) {
            if (args.get(i).contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String dir) {
        try {
            return Path.of(dir).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            return dir;
        }
    }
}
