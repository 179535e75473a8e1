package dev.llmsession.discovery.claudecode.live;

import dev.llmsession.adapterkit.JsonFields;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How Claude Code itself reaches a session: the registry file of its process names the tmux pane, whether it is a
 * background job (then {@code claude attach/stop <job>} act on it) and the process start it recorded
 * ({@code procStart}); {@code claude --resume <id>} continues it. Only {@code <pid>.json} is read (bounded, regular
 * files only); the {@code .key} file beside it holds a secret and is never opened. Thread-safe.
 */
public final class RegistryControl {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryControl.class);
    /** The executable users run; the one that resumes, attaches and stops. */
    public static final String CLAUDE = "claude";

    private RegistryControl() {
    }

    /**
     * The control of {@code session} from the registry file of its pid under one of {@code roots} (when that file
     * names the same session), else only its resume command.
     */
    public static SessionControl of(Session session, List<Path> roots) {
        List<String> resume = List.of(CLAUDE, "--resume", session.id().nativeId());
        if (session.pid().isEmpty()) {
            return SessionControl.resumeOnly(session, resume);
        }
        long pid = session.pid().getAsLong();
        for (Path root : roots) {
            Optional<JsonFields> entry = read(root.resolve("sessions").resolve(pid + ".json"));
            if (entry.isEmpty() || !entry.get().string("sessionId").filter(session.id().nativeId()::equals)
                    .isPresent()) {
                continue;
            }
            JsonFields n = entry.get();
            String kind = n.string("kind").orElse("").toLowerCase(Locale.ROOT);
            boolean background = kind.equals("bg") || kind.equals("background");
            // `claude --bg` prints an 8-hex job id, the first 8 characters of the session id
            String sessionId = session.id().nativeId();
            String job = n.text("jobId").orElse(sessionId.substring(0, Math.min(8, sessionId.length())));
            return new SessionControl(OptionalLong.of(pid), n.text("procStart"), n.text("tmux"), background,
                    background ? List.of(CLAUDE, "attach", job) : List.of(),
                    background ? List.of(CLAUDE, "stop", job) : List.of(), resume,
                    n.text("cwd").or(session::cwd));
        }
        return SessionControl.resumeOnly(session, resume);
    }

    private static Optional<JsonFields> read(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return JsonFields.read(file, ProcessRegistry.MAX_ENTRY_BYTES);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read registry entry {}: {}", file, e.toString());
            return Optional.empty();
        }
    }
}
