package dev.llmsession;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.SessionDiscoveryProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real plugin jars in a test: Java sources compiled with the JDK's compiler against the core's classes. */
final class PluginJars {
    private PluginJars() {
    }

    /** Compiles {@code sources} (file name → text) into {@code classes} against the core's own classes. */
    static Path compile(Path work, Map<String, String> sources) throws IOException, URISyntaxException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-proc:none",
                "-classpath", Path.of(SessionDiscoveryProvider.class.getProtectionDomain().getCodeSource()
                        .getLocation().toURI()).toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK compiler").isNotNull();
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit code").isZero();
        return classes;
    }

    /**
     * A jar holding the classes under {@code classes} whose path starts with one of {@code packages}, and the
     * given extra entries (e.g. a services file).
     */
    static Path jar(Path file, Path classes, List<String> packages, Map<String, String> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                if (packages.stream().anyMatch(name::startsWith)) {
                    jar.putNextEntry(new JarEntry(name));
                    jar.write(Files.readAllBytes(p));
                    jar.closeEntry();
                }
            }
            for (Map.Entry<String, String> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }

    /** The services-file entry for discovery providers, naming {@code classes}. */
    static Map<String, String> discoveryServices(String... classes) {
        return Map.of("META-INF/services/" + SessionDiscoveryProvider.class.getName(),
                String.join("\n", classes) + "\n");
    }
}
