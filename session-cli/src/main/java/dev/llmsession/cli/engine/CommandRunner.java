package dev.llmsession.cli.engine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Runs one client's command line in the engine, exactly as the client's own JVM would, with the shared libraries. */
@FunctionalInterface
public interface CommandRunner {
    /** Returns the exit code; never throws for a failing command (it prints its error like any run). */
    int run(Request request, SharedSessions shared, PrintWriter out, PrintWriter err);

    /**
     * What the client sent.
     *
     * @param env      its whole environment ({@code NO_COLOR}, {@code COLUMNS}, {@code TZ}… as well as the world's)
     * @param userHome its home directory
     * @param console  whether it has a terminal
     * @param args     its arguments, world options made absolute against its directory
     * @param stdin    its standard input, fetched from it on the first read
     */
    record Request(Map<String, String> env, Path userHome, boolean console, List<String> args, InputStream stdin) {
        public Request {
            env = Map.copyOf(env);
            Objects.requireNonNull(userHome, "userHome");
            args = List.copyOf(args);
            Objects.requireNonNull(stdin, "stdin");
        }
    }
}
