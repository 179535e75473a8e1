package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmsession.LlmSessions;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.render.Terminal;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the global options, the library (built on first use) and the output writers. */
abstract class BaseCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    private final Provider<LlmSessions> sessions;
    private final CliEnvironment environment;

    BaseCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The library, built (configuration read, providers created) on the first call. */
    LlmSessions sessions() {
        return sessions.get();
    }

    CliEnvironment environment() {
        return environment;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Terminal terminal() {
        return global.terminal(environment);
    }

    /** Human lines to stdout, ASCII-only when asked. */
    void print(List<String> lines) {
        Terminal t = terminal();
        lines.forEach(line -> out().println(t.sanitize(line)));
        out().flush();
    }

    void printJson(JsonNode node) {
        out().print(SessionJson.write(node));
        out().flush();
    }

    /** Adapter warnings: one line each, always on stderr. */
    void warn(List<String> warnings) {
        Terminal t = terminal();
        warnings.forEach(w -> err().println(t.sanitize("llm-session: warning: " + Failures.oneLine(w))));
        err().flush();
    }
}
