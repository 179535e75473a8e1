package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.LlmSessions;
import dev.llmsession.api.DiagnosticsReport;
import dev.llmsession.api.ProviderStatus;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.config.ConfigLoader;
import dev.llmsession.cli.config.PluginDirectories;
import dev.llmsession.cli.render.SessionJson;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llm-session doctor}: where data was looked for, what was found, what is missing. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Configuration used, where each adapter looked and what it found, inactive providers, store.")
public final class DoctorCommand extends BaseCommand {
    static final String NO_STORE_LINE = "none active: the index lives in memory for one run (llm-session providers says why)";

    @Option(names = "--rebuild-index", description = "Forget the store's per-file index and read every transcript again.")
    boolean rebuildIndex;

    private final Provider<CliConfig> config;
    private final Provider<PluginDirectories> plugins;

    @Inject
    DoctorCommand(Provider<LlmSessions> sessions, CliEnvironment environment, Provider<CliConfig> config,
            Provider<PluginDirectories> plugins) {
        super(sessions, environment);
        this.config = config;
        this.plugins = plugins;
    }

    @Override
    public Integer call() {
        CliConfig cfg = config.get();
        LlmSessions lib = sessions();
        String configText = cfg.file().map(f -> ConfigLoader.shorten(f, environment().userHome()))
                .orElse("defaults (no " + ConfigLoader.shorten(cfg.looked(), environment().userHome()) + ")");
        DiagnosticsReport report = lib.diagnostics().diagnose(rebuildIndex);
        List<String> warnings = report.warnings();
        boolean storeInstalled = report.store().isPresent();
        List<String> storeLines = report.store().orElse(List.of(NO_STORE_LINE));
        Map<String, List<String>> diagnostics = report.discoveries();
        // An adapter whose discover() failed in the refresh carries the failure as its reason.
        List<ProviderStatus> inactive = report.providers().stream().filter(p -> !p.active() || p.reason().isPresent())
                .toList();
        PluginDirectories dirs = plugins.get();
        if (global.json()) {
            ObjectNode root = SessionJson.mapper().createObjectNode();
            ObjectNode c = root.putObject("config");
            if (cfg.file().isPresent()) {
                c.put("file", cfg.file().get().toString());
            } else {
                c.putNull("file");
            }
            c.put("looked", cfg.looked().toString());
            c.put("defaults", cfg.file().isEmpty());
            root.put("providerSource", environment().providers().describe());
            ArrayNode pd = root.putArray("pluginDirectories");
            dirs.directories().forEach(dir -> pd.addObject().put("path", dir.toString())
                    .put("found", PluginDirectories.describe(dir)));
            ArrayNode ds = root.putArray("discoveries");
            diagnostics.forEach((id, lines) -> {
                ObjectNode d = ds.addObject();
                d.put("id", id);
                ArrayNode l = d.putArray("diagnostics");
                lines.forEach(l::add);
            });
            ArrayNode w = root.putArray("warnings");
            warnings.forEach(w::add);
            root.set("inactiveProviders", ProvidersCommand.json(inactive, dirs));
            ObjectNode store = root.putObject("store");
            store.put("installed", storeInstalled);
            store.put("indexRebuilt", report.indexRebuilt());
            ArrayNode sl = store.putArray("lines");
            storeLines.forEach(sl::add);
            printJson(root);
            return 0;
        }
        List<String> out = new ArrayList<>();
        out.add("config: " + configText);
        out.add("providers from: " + environment().providers().describe());
        dirs.directories().forEach(dir -> out.add("plugins: " + ConfigLoader.shorten(dir, environment().userHome())
                + " (" + PluginDirectories.describe(dir) + ")"));
        if (diagnostics.isEmpty()) {
            out.add("discovery: no adapter active (llm-session providers says why)");
        }
        warnings.forEach(w -> out.add("warning: " + w));
        diagnostics.forEach((id, lines) -> {
            out.add("discovery " + id + ":");
            if (lines.isEmpty()) {
                out.add("  (no diagnostics)");
            }
            lines.forEach(line -> out.add("  " + line));
        });
        if (!inactive.isEmpty()) {
            out.add("providers not active:");
            inactive.forEach(p -> out.add("  " + p.port() + " " + p.id() + ": " + p.reason().orElse("not active")
                    + (dirs.contains(p.source()) ? " [" + ConfigLoader.shorten(Path.of(p.source()),
                            environment().userHome()) + "]" : "")));
        }
        out.add("store:");
        storeLines.forEach(line -> out.add("  " + line));
        if (rebuildIndex) {
            out.add(report.indexRebuilt() ? "  index rebuilt from the transcripts" : "  nothing to rebuild");
        }
        print(out);
        return 0;
    }
}
