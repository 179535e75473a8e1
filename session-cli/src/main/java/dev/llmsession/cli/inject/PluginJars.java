package dev.llmsession.cli.inject;

import dev.llmsession.cli.config.PluginDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** What the plugin jars of a run are, by name, size and modification time: a changed jar is another world. */
final class PluginJars {
    private PluginJars() {
    }

    static List<String> fingerprint(PluginDirectories plugins) {
        List<String> out = new ArrayList<>();
        for (Path dir : plugins.directories()) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")).sorted()
                        .forEach(f -> {
                            try {
                                out.add(f + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis());
                            } catch (IOException e) {
                                out.add(f + " unreadable");
                            }
                        });
            } catch (IOException | RuntimeException e) {
                out.add(dir + " unreadable");
            }
        }
        return out;
    }
}
