package dev.llmsession.cli.command;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run reads from its surroundings, so tests can set each of them.
 *
 * @param env       environment variables ({@code NO_COLOR}, {@code COLUMNS}, {@code XDG_CONFIG_HOME}, …)
 * @param userHome  the user's home directory
 * @param clock     the clock of "now"
 * @param console   whether a terminal is attached (colour is on by default only then)
 * @param providers where the providers come from
 */
public record CliEnvironment(Map<String, String> env, Path userHome, Clock clock, boolean console,
        ProviderSource providers) {
    public CliEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(providers, "providers");
    }

    /** The real process environment, with providers from {@code loader}'s class path. */
    public static CliEnvironment system(ClassLoader loader) {
        return of(System.getenv(), loader);
    }

    /**
     * {@code env} with the user's home, the real clock and console, and providers from {@code loader}'s class
     * path. {@code HOME} wins over the JVM's {@code user.home} (which comes from the password database), as
     * for every other command-line tool.
     */
    public static CliEnvironment of(Map<String, String> env, ClassLoader loader) {
        String home = env.get("HOME");
        Path userHome = home == null || home.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(home);
        return new CliEnvironment(env, userHome, Clock.systemUTC(), System.console() != null,
                ProviderSource.discover(loader));
    }

    /** An environment variable, or null when unset or blank. */
    public String get(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
