package dev.llmsession.cli.command;

import dev.llmsession.cli.render.Terminal;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options every command accepts, before or after its name. One instance per run is shared by every command
 * (the Guice factory hands out the same one), and its setters only ever switch an option on, so picocli
 * resetting a command's options while it parses cannot undo what an earlier position set.
 */
public final class GlobalOptions {
    private boolean json;
    private boolean noColor;
    private boolean ascii;
    private boolean verbose;
    private Path dataDir;
    private Path config;
    private Path plugins;

    @Option(names = "--json", description = "Print JSON (SPEC section 2's stable field names).")
    void json(boolean on) {
        json |= on;
    }

    @Option(names = "--no-color", description = "No ANSI colour (also when NO_COLOR is set).")
    void noColor(boolean on) {
        noColor |= on;
    }

    @Option(names = "--ascii", description = "ASCII only: no emoji or box glyphs.")
    void ascii(boolean on) {
        ascii |= on;
    }

    @Option(names = "--verbose", description = "Our own phases, files and timings on stderr (third-party libraries stay quiet), and stack traces with errors.")
    void verbose(boolean on) {
        verbose |= on;
    }

    /** Read by the launcher's client, which runs the command in its own JVM; accepted here so it parses. */
    @Option(names = "--no-daemon", description = "Run in this process, not in the engine (also LLM_SESSION_NO_DAEMON=1).")
    void noDaemon(boolean on) {
        // The launcher's client acted on it before this JVM parsed anything.
    }

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: $XDG_CONFIG_HOME/llm-session/config.yaml).")
    void config(Path file) {
        if (file != null) {
            config = file;
        }
    }

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the store lives (default: $LLM_SESSION_HOME, else $XDG_DATA_HOME/llm-session).")
    void dataDir(Path dir) {
        if (dir != null) {
            dataDir = dir;
        }
    }

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also load adapter plugin jars from DIR (always: $XDG_CONFIG_HOME/llm-session/plugins).")
    void plugins(Path dir) {
        if (dir != null) {
            plugins = dir;
        }
    }

    /** The extra plugins directory given on the command line, if any. */
    public Optional<Path> plugins() {
        return Optional.ofNullable(plugins);
    }

    /** The store directory given on the command line, if any. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    public boolean json() {
        return json;
    }

    public boolean ascii() {
        return ascii;
    }

    public boolean verbose() {
        return verbose;
    }

    public Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    /** Colour only on a console, never with {@code --no-color}, {@code NO_COLOR}, {@code TERM=dumb} or JSON. */
    public boolean color(CliEnvironment env) {
        return env.console() && !noColor && !json && env.get("NO_COLOR") == null
                && !"dumb".equals(env.get("TERM"));
    }

    /** The terminal this run writes to. */
    public Terminal terminal(CliEnvironment env) {
        return new Terminal(color(env), ascii, env.width(Terminal.DEFAULT_WIDTH));
    }
}
