package dev.llmsession.discovery.claudecode;

import dev.llmsession.spi.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Where Claude Code keeps its data: every candidate root, canonicalised, de-duplicated. */
final class ClaudeRoots {

    /** Setting with extra roots, comma-separated. */
    static final String ROOTS_SETTING = "claude-code.roots";

    private ClaudeRoots() {
    }

    /** Candidate roots in priority order, whether or not they exist. */
    static List<Path> candidates(ProviderContext context) {
        List<Path> out = new ArrayList<>();
        context.env("CLAUDE_CONFIG_DIR").ifPresent(v -> addList(out, v, context.userHome()));
        out.add(context.userHome().resolve(".claude"));
        out.add(context.env("XDG_CONFIG_HOME").map(x -> path(x, context.userHome()))
                .orElse(context.userHome().resolve(".config")).resolve("claude"));
        context.setting(ROOTS_SETTING).ifPresent(v -> addList(out, v, context.userHome()));
        return out;
    }

    /** Existing roots holding {@code projects/} or {@code sessions/}, canonical and de-duplicated. */
    static List<Path> existing(ProviderContext context) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path candidate : candidates(context)) {
            Path root = candidate;
            if (root.getFileName() != null && root.getFileName().toString().equals("projects")
                    && root.getParent() != null) {
                root = root.getParent();
            }
            if (Files.isDirectory(root.resolve("projects")) || Files.isDirectory(root.resolve("sessions"))) {
                try {
                    out.add(root.toRealPath());
                } catch (IOException e) {
                    // vanished between the check and now
                }
            }
        }
        return List.copyOf(out);
    }

    private static void addList(List<Path> out, String value, Path home) {
        for (String part : value.split(",")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                Path path = path(p, home);
                if (path != null) {
                    out.add(path);
                }
            }
        }
    }

    private static Path path(String value, Path home) {
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
