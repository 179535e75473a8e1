package dev.llmsession.cli.command;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.statusline.ClaudeIntegration;
import dev.llmsession.cli.statusline.StatusLineFiles;
import dev.llmsession.cli.statusline.StatusLineSettings;
import dev.llmsession.error.UsageException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llm-session integrate claude [--status | --uninstall] [--yes]}: the one command that edits Claude Code's
 * settings, and only because the user asked (see {@link ClaudeIntegration}).
 */
@Command(name = "integrate", mixinStandardHelpOptions = true,
        description = "Install llm-session's status line into Claude Code's settings.json (backed up; "
                + "--uninstall restores it exactly). Gives exact context windows and official plan limits.")
public final class IntegrateCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ASSISTANT", description = "claude (the only one so far).")
    String assistant;

    @Option(names = "--status", description = "Say whether the status line is installed; change nothing.")
    boolean status;

    @Option(names = "--uninstall", description = "Put the user's own status line back.")
    boolean uninstall;

    @Option(names = "--yes", description = "Do it without asking.")
    boolean yes;

    private final Provider<CliConfig> config;

    @Inject
    IntegrateCommand(Provider<LlmSessions> sessions, CliEnvironment environment, Provider<CliConfig> config) {
        super(sessions, environment);
        this.config = config;
    }

    @Override
    public Integer call() {
        if (!"claude".equals(assistant.toLowerCase(Locale.ROOT))) {
            throw new UsageException("integrate: only 'claude' is supported, got '" + assistant + "'");
        }
        if (status && uninstall) {
            throw new UsageException("integrate: --status and --uninstall do not go together");
        }
        StatusLineFiles files = StatusLineFiles.in(DataDirectory.of(environment(), global, config.get()));
        ClaudeIntegration integration = new ClaudeIntegration(
                ClaudeIntegration.settingsFile(environment().get("CLAUDE_CONFIG_DIR"), environment().userHome()),
                files);
        if (status) {
            return status(integration, files);
        }
        if (uninstall) {
            ClaudeIntegration.Undone undone = integration.uninstall();
            print(List.of(switch (undone) {
                case EXACT_BYTES -> "restored " + integration.settings() + " byte for byte";
                case REMOVED -> "removed " + integration.settings() + " (llm-session had created it)";
                case STATUS_LINE_ONLY -> "restored the statusLine of " + integration.settings()
                        + " (the rest was edited since and is kept)";
                case NOT_INSTALLED -> "the llm-session status line is not installed in " + integration.settings()
                        + "; nothing to do";
            }));
            return 0;
        }
        ClaudeIntegration.Plan plan = integration.plan();
        if (plan.installed()) {
            print(List.of("already installed in " + integration.settings() + "; nothing to do"));
            return 0;
        }
        List<String> lines = new ArrayList<>();
        lines.add("llm-session will edit " + integration.settings() + ":");
        plan.oldValue().ifPresentOrElse(v -> lines.add("  - \"statusLine\": " + v),
                () -> lines.add("  (no statusLine yet)"));
        lines.add("  + \"statusLine\": " + plan.newValue());
        if (plan.previous() != null) {
            lines.add("your status-line command keeps running after ours: " + plan.previous());
        }
        lines.add("every other key stays as it is; a backup goes to " + files.dir().resolve("backups"));
        print(lines);
        if (!yes && !confirm()) {
            print(List.of("nothing was changed" + (environment().console() ? "" : " (no terminal to ask: add --yes)")));
            return environment().console() ? 0 : 2;
        }
        Optional<Path> backup = integration.install(plan, StatusLineSettings.of(config.get().settings()),
                refresh(files));
        List<String> done = new ArrayList<>();
        done.add("installed; Claude Code shows the line from its next refresh");
        backup.ifPresent(b -> done.add("backup: " + b));
        done.add("undo: llm-session integrate claude --uninstall");
        print(done);
        return 0;
    }

    private int status(ClaudeIntegration integration, StatusLineFiles files) {
        List<String> lines = new ArrayList<>();
        boolean on = integration.installed();
        lines.add((on ? "installed in " : "not installed in ") + integration.settings());
        if (on) {
            lines.add("wrapper: " + files.script());
            integration.state().ifPresent(s -> {
                if (s.path("backup").isTextual()) {
                    lines.add("backup: " + s.path("backup").asText());
                }
            });
            long payloads = 0;
            try (var list = Files.list(files.spool())) {
                payloads = list.filter(p -> p.getFileName().toString().endsWith(".json")).count();
            } catch (IOException e) {
                // no spool yet
            }
            lines.add("sessions recorded: " + payloads);
        }
        print(lines);
        return on ? 0 : 1;
    }

    private boolean confirm() {
        if (!environment().console()) {
            return false;
        }
        out().print("Go ahead? [y/N] ");
        out().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * How the wrapper refreshes health in the background: this JVM and this jar, niced, with this data directory;
     * empty (no health segment) when not run from a jar.
     */
    private String refresh(StatusLineFiles files) {
        Optional<String> java = ProcessHandle.current().info().command();
        Path jar;
        try {
            jar = Path.of(IntegrateCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return "";
        }
        if (java.isEmpty() || !Files.isRegularFile(jar)) {
            return "";
        }
        return "nice -n 10 " + StatusLineFiles.shQuote(java.get())
                + " -XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1 -jar "
                + StatusLineFiles.shQuote(jar.toAbsolutePath().toString()) + " --data-dir "
                + StatusLineFiles.shQuote(files.dir().getParent().toAbsolutePath().toString())
                + " statusline --refresh";
    }
}
