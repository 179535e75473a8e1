package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.render.Labels;
import dev.llmsession.cli.statusline.StatusLineFiles;
import dev.llmsession.cli.statusline.StatusLineSettings;
import dev.llmsession.error.LlmSessionException;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llm-session statusline}: a Claude Code {@code statusLine.command}. Records the payload on stdin for the
 * session and prints one line rendered by the same awk renderer the wrapper uses. With {@code --refresh ID} it
 * computes the session's health for the wrapper's line instead. A status line must never show a stack trace:
 * every failure ends in the best line it has, exit 0.
 */
@Command(name = "statusline", mixinStandardHelpOptions = true,
        description = "Claude Code status line: records the payload on stdin (exact window, plan limits) and prints "
                + "one line. `integrate claude` installs a faster sh wrapper that runs this only in the background.")
public final class StatusLineCommand extends BaseCommand {
    /** Claude Code's payload is a few kilobytes; more is not a payload. */
    static final int MAX_PAYLOAD = 256 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(StatusLineCommand.class);

    @Option(names = "--refresh", paramLabel = "SESSION",
            description = "Compute the health of this Claude session id for the wrapper's line (no stdin).")
    String refresh;

    private final Provider<CliConfig> config;

    @Inject
    StatusLineCommand(Provider<LlmSessions> sessions, CliEnvironment environment, Provider<CliConfig> config) {
        super(sessions, environment);
        this.config = config;
    }

    @Override
    public Integer call() {
        try {
            if (refresh != null) {
                refreshHealth();
            } else {
                byte[] payload = readBounded(environment().stdin().get());
                out().println(render(payload));
            }
        } catch (Exception | LinkageError e) {
            // the line shows nothing rather than a trace; --verbose's log has the reason
            LOG.debug("status line failed", e);
            out().println();
        }
        out().flush();
        return 0;
    }

    private StatusLineFiles files() {
        CliConfig c = config.get();
        return StatusLineFiles.in(DataDirectory.of(environment(), global, c));
    }

    /** Records, then renders; a payload that cannot be recorded or a bad look setting still gets its line. */
    private String render(byte[] payload) {
        StatusLineFiles files = files();
        String sessionId = sessionId(payload);
        if (sessionId != null) {
            try {
                files.record(sessionId, payload);
            } catch (LlmSessionException e) {
                LOG.debug("status-line payload not recorded: {}", e.getMessage());
            }
        }
        StatusLineSettings look;
        try {
            look = StatusLineSettings.of(config.get().settings());
        } catch (LlmSessionException e) {
            look = StatusLineSettings.DEFAULT;
        }
        files.installRenderer(look);
        return files.render(payload, sessionId);
    }

    private void refreshHealth() {
        if (!StatusLineFiles.SESSION_ID.matcher(refresh).matches()) {
            return;
        }
        StatusLineFiles files = files();
        files.installRenderer(StatusLineSettings.of(config.get().settings()));
        LlmSessions lib = sessions();
        // the running listing only: it reads what changed since the last refresh, never the whole history
        Optional<Session> session = lib.catalog().list(SessionQuery.RUNNING).sessions().stream()
                .filter(s -> s.id().nativeId().equals(refresh)).findFirst();
        if (session.isPresent()) {
            HealthReport report = lib.health().assess(session.get());
            StatusLineFiles.write(files.health(refresh),
                    (Labels.health(report, global.ascii()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The payload's {@code session_id} when it may name a file, else null. */
    static String sessionId(byte[] payload) {
        try {
            JsonNode n = MAPPER.readTree(payload);
            String id = n == null ? null : n.path("session_id").asText(null);
            return id != null && StatusLineFiles.SESSION_ID.matcher(id).matches() ? id : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** At most {@link #MAX_PAYLOAD} bytes of stdin; the rest is left unread. */
    static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while (out.size() < MAX_PAYLOAD && (n = in.read(buf, 0, Math.min(buf.length, MAX_PAYLOAD - out.size()))) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
