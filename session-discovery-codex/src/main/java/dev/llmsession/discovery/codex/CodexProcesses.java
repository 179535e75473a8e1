package dev.llmsession.discovery.codex;

import dev.llmsession.adapterkit.ProcessMatcher;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which processes are Codex sessions. Codex has no process registry: the kit's {@link ProcessMatcher} ties them
 * to rollouts by directory and start time ({@code codex resume <id>} names its session). {@code codex app-server}
 * hosts many threads in one process (IDE extension, desktop app; since 0.171 also the daemon the TUI leaves
 * behind) and is never a session. The npm launcher is a {@code node} parent of the native binary and is not
 * matched: the native child is.
 */
final class CodexProcesses {
    private static final Set<String> NAMES = Set.of("codex");

    private CodexProcesses() {
    }

    static boolean isCodex(ProcessInfo p) {
        return ProcessMatcher.executableIs(p, NAMES) && !p.arguments().contains("app-server");
    }

    static List<ProcessInfo> find(ProcessTable table) {
        return ProcessMatcher.find(table, CodexProcesses::isCodex);
    }

    /** The session id of {@code codex resume <id>} (or {@code codex exec resume <id>}). */
    static Optional<String> resumedId(ProcessInfo p) {
        return ProcessMatcher.argumentAfter(p, "resume");
    }
}
