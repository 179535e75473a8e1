package dev.llmsession.discovery.codex;

import dev.llmsession.spi.ProviderContext;
import java.nio.file.Path;

/**
 * Where Codex keeps its data: {@code $CODEX_HOME} (default {@code ~/.codex}; Codex has no XDG support).
 *
 * @param root the Codex home
 */
record CodexHome(Path root) {

    /** The home named by the context's {@code CODEX_HOME}, else {@code ~/.codex}; a relative value is ignored. */
    static CodexHome of(ProviderContext context) {
        Path root = context.env("CODEX_HOME").map(Path::of).filter(Path::isAbsolute)
                .orElseGet(() -> context.userHome().resolve(".codex"));
        return new CodexHome(root);
    }

    /** {@code sessions/YYYY/MM/DD/rollout-*.jsonl}, one append-only file per session. */
    Path sessions() {
        return root.resolve("sessions");
    }

    /** {@code archived_sessions/rollout-*.jsonl}, flat: sessions the user archived. */
    Path archived() {
        return root.resolve("archived_sessions");
    }
}
