package dev.llmsession.cli.tokens;

import dev.llmsession.spi.RegularFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The two ignore files git reads besides {@code .gitignore}, in its order of precedence (gitignore(5)): the
 * repository's {@code info/exclude}, then the user's {@code core.excludesFile} (from the repository's config, else
 * {@code ~/.gitconfig} or {@code $XDG_CONFIG_HOME/git/config}; default {@code $XDG_CONFIG_HOME/git/ignore}).
 * Both are matched relative to the work tree's root.
 *
 * @param env  environment variables ({@code XDG_CONFIG_HOME})
 * @param home the user's home
 */
public record GitExcludes(Map<String, String> env, Path home) {
    /** Files larger than this are not git configuration: skipped rather than read whole. */
    private static final int MAX_CONFIG_BYTES = 1 << 20;

    /** The files, highest precedence first, that exist for the work tree at {@code root}. */
    List<Path> files(Path root) {
        List<Path> out = new ArrayList<>();
        Optional<Path> gitDir = gitDir(root);
        gitDir.map(d -> common(d).resolve("info").resolve("exclude")).filter(Files::isRegularFile).ifPresent(out::add);
        Optional<String> configured = gitDir.flatMap(d -> excludesFile(common(d).resolve("config")));
        if (configured.isEmpty()) {
            configured = excludesFile(home.resolve(".gitconfig"));
        }
        if (configured.isEmpty()) {
            configured = excludesFile(xdgConfig().resolve("git").resolve("config"));
        }
        Path user = configured.map(this::expand).orElseGet(() -> xdgConfig().resolve("git").resolve("ignore"));
        if (Files.isRegularFile(user)) {
            out.add(user);
        }
        return out;
    }

    /** {@code root/.git}, or where a {@code .git} file ({@code gitdir: …}, as in a linked work tree) points. */
    private static Optional<Path> gitDir(Path root) {
        Path dotGit = root.resolve(".git");
        if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(dotGit);
        }
        return firstLine(dotGit).filter(l -> l.startsWith("gitdir:"))
                .map(l -> root.resolve(l.substring("gitdir:".length()).strip()).normalize());
    }

    /** A linked work tree's git dir names the shared one in {@code commondir}; info/ and config live there. */
    private static Path common(Path gitDir) {
        return firstLine(gitDir.resolve("commondir")).map(c -> gitDir.resolve(c).normalize()).orElse(gitDir);
    }

    /** The last {@code excludesFile} of the {@code [core]} section of a git config file. */
    static Optional<String> excludesFile(Path config) {
        String value = null;
        boolean core = false;
        for (String raw : lines(config)) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                core = line.toLowerCase(Locale.ROOT).matches("\\[\\s*core\\s*]");
            } else if (core && line.toLowerCase(Locale.ROOT).startsWith("excludesfile")) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase("excludesfile")) {
                    String v = line.substring(eq + 1).strip();
                    value = v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1)
                            : v;
                }
            }
        }
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    private Path expand(String path) {
        return path.equals("~") ? home : path.startsWith("~/") ? home.resolve(path.substring(2)) : home.resolve(path);
    }

    private Path xdgConfig() {
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
    }

    private static Optional<String> firstLine(Path file) {
        return lines(file).stream().findFirst().map(String::strip);
    }

    private static List<String> lines(Path file) {
        try {
            if (!RegularFiles.isRegular(file)) {
                return List.of();
            }
            return new String(RegularFiles.readAll(file, MAX_CONFIG_BYTES), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
