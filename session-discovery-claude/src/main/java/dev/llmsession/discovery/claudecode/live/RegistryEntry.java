package dev.llmsession.discovery.claudecode.live;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One {@code <root>/sessions/<pid>.json} file.
 *
 * @param file       the file it came from
 * @param pid        {@code pid}
 * @param sessionId  {@code sessionId}
 * @param cwd        {@code cwd}, or empty
 * @param startedAt  {@code startedAt} (epoch ms), or empty
 * @param status     {@code status} ({@code busy}, {@code idle}, {@code waiting}), or empty
 * @param waitingFor {@code waitingFor}, or empty
 * @param updatedAt  {@code updatedAt} (epoch ms), or empty
 * @param kind       {@code kind} ({@code interactive}, {@code bg} for {@code claude --bg}), or empty
 */
public record RegistryEntry(Path file, long pid, String sessionId, Optional<String> cwd, Optional<Instant> startedAt,
        Optional<String> status, Optional<String> waitingFor, Optional<Instant> updatedAt, Optional<String> kind) {

    /** An entry without a {@code kind}. */
    public RegistryEntry(Path file, long pid, String sessionId, Optional<String> cwd, Optional<Instant> startedAt,
            Optional<String> status, Optional<String> waitingFor, Optional<Instant> updatedAt) {
        this(file, pid, sessionId, cwd, startedAt, status, waitingFor, updatedAt, Optional.empty());
    }

    /** The kind as the model names it; empty when absent or not one Claude Code is known to write. */
    public Optional<dev.llmsession.model.SessionKind> sessionKind() {
        if (background()) {
            return Optional.of(dev.llmsession.model.SessionKind.BACKGROUND);
        }
        return kind.filter("interactive"::equals).map(k -> dev.llmsession.model.SessionKind.INTERACTIVE);
    }

    /** Whether this is a background session ({@code claude --bg}). */
    public boolean background() {
        return kind.filter(k -> k.equals("bg") || k.equals("background")).isPresent();
    }
}
