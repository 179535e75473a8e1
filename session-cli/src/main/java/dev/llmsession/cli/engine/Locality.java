package dev.llmsession.cli.engine;

import dev.llmsession.cli.client.EngineAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which command lines the engine runs and which it leaves to the launcher's own JVM: those that draw on this
 * terminal or hand it to another program ({@code monitor}, {@code attach}, {@code resume}), ask on it
 * ({@code stop}), print as they go ({@code logs --follow}: the client shows an engine's answer once it is
 * complete), name files relative to the caller's directory ({@code tokens}, {@code export},
 * {@code import-context}), change the engine itself ({@code daemon}) or the assistant's files ({@code integrate}),
 * log to the terminal ({@code --verbose}), or are unknown to this build.
 */
public final class Locality {
    /** Commands whose output depends only on the world, the arguments and the environment sent. */
    static final Set<String> SERVED = Set.of("list", "health", "history", "usage", "providers", "doctor",
            "statusline", "team", "config", "completion", "logs", "wait");
    /** Served commands that mostly sleep between short refreshes: they run without taking one of the turns. */
    private static final Set<String> WAITING = Set.of("wait");

    private Locality() {
    }

    /**
     * {@code args} with the value of each world option ({@code --data-dir D}, {@code --config=F}…) made absolute
     * against the caller's directory {@code cwd}, as the caller's own JVM would read it.
     */
    static List<String> resolved(List<String> args, Path cwd) {
        List<String> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            out.add(a);
            if ("--".equals(a)) {
                out.addAll(args.subList(i + 1, args.size()));
                break;
            }
            for (String name : EngineAddress.WORLD_OPTIONS) {
                if (a.equals(name) && i + 1 < args.size()) {
                    out.add(cwd.resolve(args.get(++i)).toString());
                } else if (a.startsWith(name + "=")) {
                    out.set(out.size() - 1, name + "=" + cwd.resolve(a.substring(name.length() + 1)));
                }
            }
        }
        return out;
    }

    /** Why {@code args} runs in the caller's JVM, or empty when the engine runs it. */
    static Optional<String> whyLocal(List<String> args) {
        if (options(args).contains("--verbose")) {
            return Optional.of("--verbose logs to the caller's terminal");
        }
        Optional<String> command = command(args);
        if (command.equals(Optional.of("logs")) && follows(options(args))) {
            return Optional.of("logs --follow prints as the session writes, in the caller's JVM");
        }
        return command.filter(c -> !SERVED.contains(c)).map(c -> c + " runs in the caller's JVM");
    }

    /** Whether {@code args} is a served command that mostly waits ({@code wait}): it takes no turn. */
    static boolean waits(List<String> args) {
        return command(args).filter(WAITING::contains).isPresent();
    }

    /** {@code --follow}, or {@code -f} alone or among clustered short options ({@code -fn5} counts: it may). */
    private static boolean follows(List<String> options) {
        for (String a : options) {
            if (a.equals("--follow") || a.startsWith("--follow=")
                    || a.startsWith("-") && !a.startsWith("--") && a.indexOf('f') > 0) {
                return true;
            }
        }
        return false;
    }

    /** The subcommand of {@code args}: its first word that is neither an option nor a world option's value. */
    public static Optional<String> command(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ("--".equals(a)) {
                break;
            }
            if (EngineAddress.WORLD_OPTIONS.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static List<String> options(List<String> args) {
        int end = args.indexOf("--");
        return end < 0 ? args : args.subList(0, end);
    }
}
