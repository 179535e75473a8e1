package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.LlmSessions;
import dev.llmsession.api.ProviderStatus;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.config.ConfigLoader;
import dev.llmsession.cli.config.PluginDirectories;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        if (rebuildIndex) {
            lib.store().ifPresent(SessionStore::clearIndex);
        }
        // One full refresh first, so each adapter can tell what it found, not only where it looked.
        List<String> warnings = lib.catalog().list(SessionQuery.ALL).warnings();
        List<String> storeLines = lib.store().map(DoctorCommand::describe).orElse(List.of(NO_STORE_LINE));
        Map<String, List<String>> diagnostics = new LinkedHashMap<>();
        lib.discoveries().forEach((id, discovery) -> diagnostics.put(id, diagnostics(discovery)));
        // After the refresh: an adapter whose discover() failed carries the failure as its reason.
        List<ProviderStatus> inactive = lib.providers().stream().filter(p -> !p.active() || p.reason().isPresent())
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
            store.put("installed", lib.store().isPresent());
            store.put("indexRebuilt", rebuildIndex && lib.store().isPresent());
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
            out.add(lib.store().isPresent() ? "  index rebuilt from the transcripts" : "  nothing to rebuild");
        }
        print(out);
        return 0;
    }

    private static List<String> describe(SessionStore store) {
        try {
            return List.copyOf(store.describe());
        } catch (RuntimeException e) {
            return List.of("unreadable: " + Failures.oneLine(String.valueOf(e.getMessage())));
        }
    }

    private static List<String> diagnostics(SessionDiscovery discovery) {
        try {
            return List.copyOf(discovery.diagnostics());
        } catch (RuntimeException e) {
            return List.of("diagnostics failed: " + Failures.oneLine(String.valueOf(e.getMessage())));
        }
    }
}
