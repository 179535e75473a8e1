package dev.llmsession.cli.monitor;

import dev.llmsession.model.Session;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Desktop notifications for alerts ({@code alerts.desktop: true}): {@code notify-send} where it is on the PATH,
 * else macOS's {@code osascript}; nothing when neither is. The text is made printable and short, passed as an
 * argument (never through a shell); the child is not waited for.
 */
public final class DesktopNotifier implements Consumer<Session> {
    private final List<String> command;

    private DesktopNotifier(List<String> command) {
        this.command = command;
    }

    /** A notifier for this machine, or empty when it has no notification command. */
    public static Optional<DesktopNotifier> find(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            if (Files.isExecutable(Path.of(dir, "notify-send"))) {
                return Optional.of(new DesktopNotifier(List.of(Path.of(dir, "notify-send").toString())));
            }
            if (Files.isExecutable(Path.of(dir, "osascript"))) {
                return Optional.of(new DesktopNotifier(List.of(Path.of(dir, "osascript").toString(), "-e")));
            }
        }
        return Optional.empty();
    }

    /** The notification text for {@code s}. */
    static String text(Session s) {
        String what = s.project().orElse(s.id().value()) + ": " + s.activity().state().label();
        return what.replaceAll("\\p{Cntrl}", "").replace("\"", "'").substring(0, Math.min(what.length(), 120));
    }

    @Override
    public void accept(Session s) {
        String body = text(s);
        List<String> args = new java.util.ArrayList<>(command);
        if (command.size() == 2) { // osascript -e
            args.add("display notification \"" + body.replace("\\", "") + "\" with title \"llm-session\"");
        } else {
            args.add("llm-session");
            args.add(body);
        }
        try {
            new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            // a notification that cannot be shown is not worth failing the monitor for
        }
    }
}
