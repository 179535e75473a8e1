package dev.llmsession.examples.codex;

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

/**
 * Ties running {@code codex} processes to rollouts. Codex has no process registry, so a process owns the newest
 * rollout whose working directory is the process's and whose session started at or after the process (a
 * {@code codex resume <id>} names its session in the arguments instead). {@code codex app-server} hosts many
 * threads in one process (IDE extension, desktop app) and is not matched. The npm launcher is a {@code node}
 * parent of the native binary and is not matched either: the native child is.
 */
final class CodexProcesses {
    /** Clocks of the process table and of Codex's timestamps differ a little; a start this much early still counts. */
    static final Duration START_SLACK = Duration.ofSeconds(5);

    private CodexProcesses() {
    }

    /**
     * A rollout as the matcher sees it.
     *
     * @param cwds the directories the session ran in: its start's and its latest turn's (usually one)
     */
    record Candidate(String sessionId, List<String> cwds, Instant startedAt) {
        Candidate {
            cwds = List.copyOf(cwds);
        }
    }

    /** Whether {@code p} is an interactive or exec Codex CLI process. */
    static boolean isCodex(ProcessInfo p) {
        String name = baseName(p.name());
        String exe = baseName(p.path());
        boolean codex = name.equals("codex") || name.equals("codex.exe") || exe.equals("codex") || exe.equals("codex.exe");
        return codex && !p.arguments().contains("app-server");
    }

    /** The Codex processes of a table, oldest first. */
    static List<ProcessInfo> find(ProcessTable table) {
        List<ProcessInfo> out = new ArrayList<>();
        for (ProcessInfo p : table.all()) {
            if (isCodex(p)) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing((ProcessInfo p) -> p.startedAt().orElse(Instant.MIN))
                .thenComparingLong(ProcessInfo::pid));
        return out;
    }

    /** Session id → the process that owns it. Each process owns at most one session and the reverse. */
    static Map<String, ProcessInfo> match(List<ProcessInfo> processes, List<Candidate> rollouts) {
        Map<String, ProcessInfo> owner = new HashMap<>();
        Set<Long> used = new HashSet<>();
        // Resumed sessions first: the argument names them exactly.
        for (ProcessInfo p : processes) {
            resumedId(p).flatMap(id -> rollouts.stream().filter(r -> r.sessionId().equalsIgnoreCase(id)).findFirst())
                    .filter(r -> !owner.containsKey(r.sessionId()))
                    .ifPresent(r -> {
                        owner.put(r.sessionId(), p);
                        used.add(p.pid());
                    });
        }
        // Then the newest processes first, each taking the newest free rollout of its directory started after it.
        List<ProcessInfo> newestFirst = new ArrayList<>(processes);
        newestFirst.sort(Comparator.comparing((ProcessInfo p) -> p.startedAt().orElse(Instant.MIN)).reversed());
        List<Candidate> newestRollouts = new ArrayList<>(rollouts);
        newestRollouts.sort(Comparator.comparing(Candidate::startedAt).reversed());
        for (ProcessInfo p : newestFirst) {
            if (used.contains(p.pid()) || p.cwd().isEmpty()) {
                continue;
            }
            String dir = normalise(p.cwd().get());
            for (Candidate r : newestRollouts) {
                boolean sameDir = r.cwds().stream().map(CodexProcesses::normalise).anyMatch(dir::equals);
                boolean after = p.startedAt().map(s -> !r.startedAt().isBefore(s.minus(START_SLACK))).orElse(true);
                if (sameDir && after && !owner.containsKey(r.sessionId())) {
                    owner.put(r.sessionId(), p);
                    used.add(p.pid());
                    break;
                }
            }
        }
        return owner;
    }

    /** The session id of {@code codex resume <id>} (or {@code codex exec resume <id>}), if the arguments name one. */
    static Optional<String> resumedId(ProcessInfo p) {
        List<String> args = p.arguments();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("resume") && !args.get(i + 1).startsWith("-")) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }

    private static String normalise(String dir) {
        try {
            return Path.of(dir).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            return dir;
        }
    }

    private static String baseName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        return slash >= 0 ? n.substring(slash + 1) : n;
    }
}
