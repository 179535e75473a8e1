package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.FoundProviders;
import dev.llmsession.LlmSessions;
import dev.llmsession.api.ProviderStatus;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.cli.config.ConfigLoader;
import dev.llmsession.cli.config.PluginDirectories;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.render.Table;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/** {@code llm-session providers}: which adapters were found and why one is not in use. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "Adapters found, their versions, whether they are active, and why not.")
public final class ProvidersCommand extends BaseCommand {
    private final Provider<PluginDirectories> plugins;

    @Inject
    ProvidersCommand(Provider<LlmSessions> sessions, CliEnvironment environment, Provider<PluginDirectories> plugins) {
        super(sessions, environment);
        this.plugins = plugins;
    }

    @Override
    public Integer call() {
        LlmSessions lib = sessions();
        // One refresh of the running sessions (cheap: no ended session is read) lets each adapter's discover() run
        // once, so an adapter that fails there is reported here too. Its warnings go to stderr as with list.
        warn(lib.catalog().list(SessionQuery.RUNNING).warnings());
        List<ProviderStatus> statuses = lib.providers();
        PluginDirectories dirs = plugins.get();
        if (global.json()) {
            printJson(json(statuses, dirs));
            return 0;
        }
        if (statuses.isEmpty()) {
            print(List.of("No providers found on the class path or in the plugin directories."));
            return 0;
        }
        int fixed = Integer.MAX_VALUE;
        Table<ProviderStatus> table = new Table<ProviderStatus>()
                .add(new Table.Column<>("PORT", ProviderStatus::port, null, false, fixed, fixed, 20))
                .add(new Table.Column<>("ID", ProviderStatus::id, null, false, fixed, 8, 24))
                .add(new Table.Column<>("VERSION", ProviderStatus::version, null, false, 10, 7, 16))
                .add(new Table.Column<>("ACTIVE", p -> p.active() ? "yes" : "no", null, false, fixed, fixed, 6))
                .add(new Table.Column<>("REASON", p -> p.reason().orElse(""), null, false, 50, 10, 200));
        List<String> out = new ArrayList<>(table.render(statuses, terminal()));
        out.addAll(pluginLines(statuses, dirs));
        print(out);
        return 0;
    }

    /** Below the table: each plugin directory that gave a provider or a failure, and what each jar gave. */
    private List<String> pluginLines(List<ProviderStatus> statuses, PluginDirectories dirs) {
        List<String> lines = new ArrayList<>();
        for (Path dir : dirs.directories()) {
            Map<String, List<String>> byJar = new TreeMap<>();
            for (ProviderStatus p : statuses) {
                Path source = Path.of(p.source());
                if (dirs.contains(p.source()) && source.getParent() != null && source.getParent().equals(dir)) {
                    byJar.computeIfAbsent(source.getFileName().toString(), k -> new ArrayList<>())
                            .add((p.port().equals(FoundProviders.PLUGIN) ? "not loaded" : p.port() + " " + p.id())
                                    + p.reason().map(r -> ": " + r).orElse(""));
                }
            }
            if (byJar.isEmpty()) {
                continue;
            }
            lines.add("");
            lines.add("Plugins in " + ConfigLoader.shorten(dir, environment().userHome()) + ":");
            byJar.forEach((jar, what) -> what.forEach(w -> lines.add("  " + jar + ": " + w)));
        }
        return lines;
    }

    static ArrayNode json(List<ProviderStatus> statuses, PluginDirectories dirs) {
        ArrayNode array = SessionJson.mapper().createArrayNode();
        for (ProviderStatus p : statuses) {
            ObjectNode n = array.addObject();
            n.put("port", p.port());
            n.put("id", p.id());
            n.put("version", p.version());
            n.put("source", p.source());
            n.put("plugin", dirs.contains(p.source()));
            n.put("active", p.active());
            if (p.reason().isPresent()) {
                n.put("reason", p.reason().get());
            } else {
                n.putNull("reason");
            }
        }
        return array;
    }
}
