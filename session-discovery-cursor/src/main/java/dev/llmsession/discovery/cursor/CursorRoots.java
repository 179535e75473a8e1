package dev.llmsession.discovery.cursor;

import dev.llmsession.spi.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where Cursor keeps its data: the IDE's {@code User/} directories (Linux, macOS, or the {@code cursor.roots}
 * setting) and cursor-agent's {@code ~/.cursor/}.
 */
final class CursorRoots {

    /** Setting with the IDE's {@code User/} directories, comma-separated; replaces the platform defaults. */
    static final String ROOTS_SETTING = "cursor.roots";
    /** Setting with cursor-agent's data directory (default {@code ~/.cursor}). */
    static final String AGENT_ROOT_SETTING = "cursor.agentRoot";

    private CursorRoots() {
    }

    /** Candidate {@code User/} directories in priority order, whether or not they exist. */
    static List<Path> userCandidates(ProviderContext context) {
        List<Path> out = new ArrayList<>();
        Path home = context.userHome();
        if (context.setting(ROOTS_SETTING).isPresent()) {
            for (String part : context.setting(ROOTS_SETTING).get().split(",")) {
                Path p = path(part.strip(), home);
                if (p != null) {
                    out.add(p);
                }
            }
            return out;
        }
        Path config = context.env("XDG_CONFIG_HOME").map(x -> path(x, home)).orElse(null);
        out.add((config != null ? config : home.resolve(".config")).resolve("Cursor").resolve("User"));
        out.add(home.resolve("Library").resolve("Application Support").resolve("Cursor").resolve("User"));
        context.env("APPDATA").map(a -> path(a, home)).ifPresent(a -> out.add(a.resolve("Cursor").resolve("User")));
        return out;
    }

    /** Existing {@code User/} directories holding {@code globalStorage/} or {@code workspaceStorage/}. */
    static List<Path> userRoots(ProviderContext context) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path c : userCandidates(context)) {
            Path root = c;
            if (!Files.isDirectory(root.resolve("globalStorage")) && !Files.isDirectory(root.resolve("workspaceStorage"))
                    && Files.isDirectory(root.resolve("User"))) {
                root = root.resolve("User"); // the setting named the user data dir instead of its User/
            }
            if (Files.isDirectory(root.resolve("globalStorage")) || Files.isDirectory(root.resolve("workspaceStorage"))) {
                try {
                    out.add(root.toRealPath());
                } catch (IOException e) {
                    // vanished between the check and now
                }
            }
        }
        return List.copyOf(out);
    }

    /** cursor-agent's directory ({@code ~/.cursor}), whether or not it exists. */
    static Path agentCandidate(ProviderContext context) {
        return context.setting(AGENT_ROOT_SETTING).map(v -> path(v, context.userHome()))
                .orElse(context.userHome().resolve(".cursor"));
    }

    /** cursor-agent's directory when it holds {@code chats/} or {@code projects/}. */
    static List<Path> agentRoots(ProviderContext context) {
        Path root = agentCandidate(context);
        if (root != null && (Files.isDirectory(root.resolve("chats")) || Files.isDirectory(root.resolve("projects")))) {
            try {
                return List.of(root.toRealPath());
            } catch (IOException e) {
                return List.of();
            }
        }
        return List.of();
    }

    static Path path(String value, Path home) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (value.equals("~")) {
                return home;
            }
            if (value.startsWith("~/")) {
                return home.resolve(value.substring(2));
            }
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
