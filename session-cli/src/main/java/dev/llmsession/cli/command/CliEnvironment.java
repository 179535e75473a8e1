package dev.llmsession.cli.command;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Everything a run reads from its surroundings, so tests can set each of them.
 *
 * @param env       environment variables ({@code NO_COLOR}, {@code COLUMNS}, {@code XDG_CONFIG_HOME}, …)
 * @param userHome  the user's home directory
 * @param clock     the clock of "now"
 * @param console   whether a terminal is attached (colour is on by default only then)
 * @param providers where the providers come from
 * @param columns   the width of the terminal standard output is, asked once; 0 when it is not a terminal
 * @param stdin     the standard input (in the engine: the client's, sent only when a command reads it)
 */
public record CliEnvironment(Map<String, String> env, Path userHome, Clock clock, boolean console,
        ProviderSource providers, IntSupplier columns, Supplier<InputStream> stdin) {
    public CliEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(stdin, "stdin");
    }

    /** An environment reading this process's standard input. */
    public CliEnvironment(Map<String, String> env, Path userHome, Clock clock, boolean console,
            ProviderSource providers, IntSupplier columns) {
        this(env, userHome, clock, console, providers, columns, () -> System.in);
    }

    /** An environment whose standard output is not a terminal: widths come from {@code COLUMNS}, else 80. */
    public CliEnvironment(Map<String, String> env, Path userHome, Clock clock, boolean console,
            ProviderSource providers) {
        this(env, userHome, clock, console, providers, () -> 0);
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
                ProviderSource.discover(loader), TerminalColumns.once());
    }

    /**
     * Columns to lay text out in: the terminal's own width (shells do not export {@code COLUMNS}), else
     * {@code COLUMNS}, else {@code fallback}.
     */
    public int width(int fallback) {
        int asked = columns.getAsInt();
        if (asked > 0) {
            return asked;
        }
        String text = get("COLUMNS");
        if (text != null) {
            try {
                int n = Integer.parseInt(text.strip());
                return n > 0 ? n : fallback;
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** An environment variable, or null when unset or blank. */
    public String get(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
