package dev.llmsession.cli.context;

import dev.llmsession.LlmSessions;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Export in one call, for the commands and for the monitor's {@code e} key: a session's redacted pack written to
 * the default export directory ({@code <data dir>/exports}), the path returned. Thread-safe.
 */
public final class ContextExports {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ContextExports() {
    }

    /**
     * Where exports go by default: {@code exports/} inside the data directory, which is {@code --data-dir} &gt;
     * {@code LLM_SESSION_HOME} &gt; {@code $XDG_DATA_HOME/llm-session} &gt; on macOS
     * {@code ~/Library/Application Support/llm-session} &gt; {@code ~/.local/share/llm-session} (the store's rule).
     */
    public static Path defaultDirectory(Map<String, String> env, Path home, Optional<Path> dataDir) {
        return dataDirectory(env, home, dataDir, System.getProperty("os.name", "")).resolve("exports");
    }

    /** The data directory itself (see {@link #defaultDirectory}). */
    public static Path dataDirectory(Map<String, String> env, Path home, Optional<Path> dataDir) {
        return dataDirectory(env, home, dataDir, System.getProperty("os.name", ""));
    }

    static Path dataDirectory(Map<String, String> env, Path home, Optional<Path> dataDir, String osName) {
        if (dataDir.isPresent()) {
            return dataDir.get().toAbsolutePath();
        }
        String llm = blankToNull(env.get("LLM_SESSION_HOME"));
        if (llm != null) {
            return expand(llm, home);
        }
        String xdg = blankToNull(env.get("XDG_DATA_HOME"));
        if (xdg != null) {
            return expand(xdg, home).resolve("llm-session");
        }
        return osName.startsWith("Mac") ? home.resolve("Library").resolve("Application Support").resolve("llm-session")
                : home.resolve(".local").resolve("share").resolve("llm-session");
    }

    /**
     * Exports {@code session} (redacted, {@link ContextRequest#DEFAULT} limits) as JSON to a new file in
     * {@code directory}, named after the session and the export time, and returns its path.
     */
    public static Path exportTo(LlmSessions sessions, Session session, Path directory) {
        Objects.requireNonNull(directory, "directory");
        ContextPack pack = sessions.contexts().export(session, ContextRequest.DEFAULT, true);
        String base = session.id().value().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + STAMP.format(pack.exportedAt());
        Path target = directory.resolve(base + ".json");
        for (int n = 2; Files.exists(target); n++) {
            target = directory.resolve(base + "-" + n + ".json");
        }
        byte[] bytes = PackCodec.encode(pack, false);
        return SafeFiles.write(target, false, out -> out.write(bytes));
    }

    private static Path expand(String dir, Path home) {
        String d = dir.strip();
        if (d.equals("~")) {
            return home;
        }
        return d.startsWith("~/") ? home.resolve(d.substring(2)) : home.resolve(d);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
