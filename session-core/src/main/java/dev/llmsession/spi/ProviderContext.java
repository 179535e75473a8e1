package dev.llmsession.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider may know about its surroundings. Adapters read the user's home and environment from
 * here, never from {@code System}, so tests and embedders can point them anywhere.
 *
 * @param userHome    the user's home directory
 * @param environment environment variables
 * @param clock       the clock to read "now" from
 * @param settings    flat provider settings, keys prefixed by provider id ({@code claude-code.roots})
 * @since 0.1
 */
public record ProviderContext(Path userHome, Map<String, String> environment, Clock clock,
        Map<String, String> settings) {
    public ProviderContext {
        Objects.requireNonNull(userHome, "userHome");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(clock, "clock");
        settings = Map.copyOf(settings);
    }

    /** The real user's home, environment and the system clock. */
    public static ProviderContext system() {
        return new ProviderContext(Path.of(System.getProperty("user.home")), System.getenv(), Clock.systemUTC(),
                Map.of());
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    /**
     * Where to put temporary files, native libraries unpacked from a jar among them: {@code TMPDIR} when it names
     * an absolute path (the JVM's {@code java.io.tmpdir} ignores it), else {@code java.io.tmpdir}.
     */
    public Path tempDirectory() {
        return env("TMPDIR").map(Path::of).filter(Path::isAbsolute)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
    }
}
