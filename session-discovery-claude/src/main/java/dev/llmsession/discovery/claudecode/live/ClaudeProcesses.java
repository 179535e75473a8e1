package dev.llmsession.discovery.claudecode.live;

import dev.llmsession.adapterkit.ProcessMatcher;
import dev.llmsession.model.ProcessInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Recognises Claude Code processes and checks registry entries against them. */
public final class ClaudeProcesses {

    /** How far a process start may be from the registry's {@code startedAt} before the pid counts as recycled. */
    public static final Duration START_TOLERANCE = Duration.ofSeconds(60);

    private ClaudeProcesses() {
    }

    /** Named {@code claude}/{@code claude.exe}, or a node process whose arguments mention claude. */
    public static boolean looksLikeClaude(ProcessInfo p) {
        String name = ProcessMatcher.baseName(p.name());
        if (name.equals("claude")) {
            return true;
        }
        if (name.startsWith("node")) {
            return p.arguments().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains("claude"));
        }
        return false;
    }

    /**
     * Whether {@code p} is part of Claude Code's background machinery rather than a session: the supervisor
     * ({@code claude.exe daemon run}), a pty host ({@code bg-pty-host}) or a spare ({@code --bg-spare}). A claimed
     * spare is a session, but it has a registry file and is matched through that, never through this test.
     */
    public static boolean backgroundHelper(ProcessInfo p) {
        java.util.List<String> args = p.arguments();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("bg-pty-host") || a.equals("--bg-pty-host") || a.equals("bg-spare") || a.equals("--bg-spare")
                    || (a.equals("daemon") && i + 1 < args.size() && args.get(i + 1).equals("run"))) {
                return true;
            }
        }
        return false;
    }

    /** Why {@code entry} does not belong to {@code process}, or empty when it does. */
    public static Optional<String> mismatch(RegistryEntry entry, ProcessInfo process) {
        if (!looksLikeClaude(process)) {
            return Optional.of("pid " + entry.pid() + " is '" + process.name() + "', not claude");
        }
        if (entry.startedAt().isPresent() && process.startedAt().isPresent()) {
            Instant a = entry.startedAt().get();
            Instant b = process.startedAt().get();
            if (Duration.between(a, b).abs().compareTo(START_TOLERANCE) > 0) {
                return Optional.of("pid " + entry.pid() + " started at " + b + ", registry says " + a
                        + " (recycled pid)");
            }
        }
        return Optional.empty();
    }
}
