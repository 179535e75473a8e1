package dev.llmsession.cli.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where one run looks for third-party adapter jars: {@code $XDG_CONFIG_HOME/llm-session/plugins/} (else
 * {@code ~/.config/llm-session/plugins/}), plus the {@code --plugins} directory when one is given.
 *
 * @param directories absolute and normalised, the default first, each once
 */
public record PluginDirectories(List<Path> directories) {
    public PluginDirectories {
        directories = List.copyOf(directories);
    }

    /** The default plugins directory, beside the default configuration file. */
    public static Path defaultDirectory(Map<String, String> env, Path home) {
        return ConfigLoader.defaultPath(env, home).resolveSibling("plugins");
    }

    /** The directories of a run with the {@code --plugins} option {@code option}. */
    public static PluginDirectories of(Optional<Path> option, Map<String, String> env, Path home) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(defaultDirectory(env, home).toAbsolutePath().normalize());
        option.map(p -> p.toAbsolutePath().normalize()).filter(p -> !dirs.contains(p)).ifPresent(dirs::add);
        return new PluginDirectories(dirs);
    }

    /** Whether {@code source} (a provider's jar) lies in one of the directories. */
    public boolean contains(String source) {
        try {
            Path p = Path.of(source).toAbsolutePath().normalize();
            return directories.stream().anyMatch(d -> p.startsWith(d) && !p.equals(d));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** For {@code doctor}: the directory and how many jars it holds, or that it does not exist. */
    public static String describe(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir) ? "not a directory" : "absent";
        }
        try (Stream<Path> files = Files.list(dir)) {
            long jars = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")).count();
            return jars + (jars == 1 ? " jar" : " jars");
        } catch (IOException | RuntimeException e) {
            return "unreadable";
        }
    }
}
