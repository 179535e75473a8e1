package dev.llmsession.cli.command;

import dev.llmsession.cli.render.Terminal;
import dev.llmsession.error.LlmSessionException;
import java.io.PrintWriter;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr, {@code llm-session: <message>}, and an exit code: the
 * {@code ErrorCode}'s for our own exceptions, 2 for a bad command line, 1 for anything unexpected. A stack
 * trace follows only with {@code --verbose}.
 */
public final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** Exit code of an unexpected failure. */
    public static final int FAILURE = 1;
    /** Exit code of a usage error. */
    public static final int USAGE = 2;

    private final GlobalOptions global;

    public Failures(GlobalOptions global) {
        this.global = Objects.requireNonNull(global, "global");
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        return report(ex, commandLine.getErr());
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println(safe("llm-session: " + message(ex) + suggestions(ex) + " (see '"
                + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')"));
        if (global.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    /** picocli's message, but "unknown command 'lst'" where a command name was expected. */
    private static String message(ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.isUnknownOption()
                && !ex.getCommandLine().getSubcommands().isEmpty() && !u.getUnmatched().isEmpty()
                && ex.getCommandLine().getCommandSpec().positionalParameters().isEmpty()) {
            return "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        return oneLine(ex.getMessage());
    }

    /**
     * {@code ; did you mean 'list'?} for a mistyped command or option: the names of this command within a few
     * typing mistakes (Damerau-Levenshtein), nearest first. picocli's own suggestions rank by shared letter
     * pairs, which offers {@code monitor} for {@code lsit}.
     */
    private static String suggestions(ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return "";
        }
        String typed = u.getUnmatched().get(0);
        int eq = typed.indexOf('=');
        String word = eq > 0 ? typed.substring(0, eq) : typed;
        java.util.List<String> names = new java.util.ArrayList<>();
        if (word.startsWith("-")) {
            ex.getCommandLine().getCommandSpec().options().forEach(o -> names.addAll(java.util.List.of(o.names())));
        } else {
            names.addAll(ex.getCommandLine().getSubcommands().keySet());
        }
        int limit = Math.max(2, word.length() / 3);
        java.util.List<String> near = names.stream().distinct()
                .filter(n -> TypingDistance.of(word, n) <= limit)
                .sorted(java.util.Comparator.comparingInt((String n) -> TypingDistance.of(word, n))
                        .thenComparing(n -> n))
                .limit(3).map(n -> "'" + n + "'").toList();
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
    }

    /** Prints {@code failure} as one line (plus its stack trace when verbose) and returns its exit code. */
    public int report(Throwable failure, PrintWriter err) {
        Throwable e = unwrap(failure);
        int code;
        if (e instanceof LlmSessionException l) {
            err.println(safe("llm-session: " + oneLine(l.getMessage())));
            code = l.code().exitCode();
        } else if (e instanceof ParameterException p) {
            err.println(safe("llm-session: " + oneLine(p.getMessage())));
            code = USAGE;
        } else {
            err.println(safe("llm-session: unexpected error: " + describe(e)
                    + (global.verbose() ? "" : " (--verbose shows the stack trace)")));
            code = FAILURE;
        }
        if (global.verbose()) {
            failure.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** With {@code --ascii}, no character outside ASCII reaches the terminal, not even from a message. */
    private String safe(String line) {
        return new Terminal(false, global.ascii(), Terminal.DEFAULT_WIDTH).sanitize(line);
    }

    /** The exception a Guice provision or a reflective call wrapped. */
    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while (e.getCause() != null && e.getCause() != e && !(e instanceof LlmSessionException)
                && (e instanceof com.google.inject.ProvisionException
                        || e instanceof com.google.inject.CreationException
                        || e instanceof java.lang.reflect.InvocationTargetException
                        || e instanceof CommandLine.ExecutionException)) {
            e = e.getCause();
        }
        return e;
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage() == null ? "" : ": " + oneLine(e.getMessage());
        return e.getClass().getSimpleName() + msg;
    }

    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String s = message.strip();
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }
}
