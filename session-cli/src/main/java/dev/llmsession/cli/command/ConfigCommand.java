package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.LlmSessions;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.config.ConfigLoader;
import dev.llmsession.cli.config.PluginDirectories;
import dev.llmsession.cli.context.ContextExports;
import dev.llmsession.cli.context.SafeFiles;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.render.Table;
import dev.llmsession.error.ConfigException;
import dev.llmsession.model.Curve;
import dev.llmsession.model.HealthPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code llm-session config show|init|path} (SPEC §2): the effective configuration and where each value comes
 * from, a commented starting file, and where the file is looked for.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "The configuration: show (effective values and where each comes from), init (write a "
                + "commented default file, never over an existing one), path (where the file is looked for).")
public final class ConfigCommand extends BaseCommand {
    private static final String TEMPLATE = "/dev/llmsession/cli/config/config-template.yaml";

    private final Provider<CliConfig> config;

    /** One effective value: its dotted key, how it reads, and where it comes from. */
    record Entry(String key, String value, String from) {
    }

    @Inject
    ConfigCommand(Provider<LlmSessions> sessions, CliEnvironment environment, Provider<CliConfig> config) {
        super(sessions, environment);
        this.config = config;
    }

    @Override
    public Integer call() {
        return show(global);
    }

    @Command(name = "path", description = "Print the configuration file's path (whether or not it exists).")
    int path(@picocli.CommandLine.Mixin GlobalOptions options) {
        out().println(file());
        out().flush();
        return 0;
    }

    @Command(name = "init", description = "Write a commented configuration with the defaults to the file's path; "
            + "refuses when a file is already there.")
    int init(@picocli.CommandLine.Mixin GlobalOptions options) {
        Path file = file();
        byte[] template = template();
        SafeFiles.write(file, false, o -> o.write(template));
        print(List.of("Wrote " + file + " (the defaults, commented); `llm-session config show` reads it back."));
        return 0;
    }

    @Command(name = "show", description = "Print every effective value and where it comes from (default, the "
            + "file and line, an option or a variable).")
    int show(@picocli.CommandLine.Mixin GlobalOptions options) {
        CliConfig effective = config.get();
        List<Entry> entries = entries(effective);
        if (global.json()) {
            ObjectNode root = SessionJson.mapper().createObjectNode();
            root.put("file", effective.looked().toString());
            root.put("exists", effective.file().isPresent());
            ObjectNode values = root.putObject("values");
            entries.forEach(e -> values.putObject(e.key()).put("value", e.value()).put("from", e.from()));
            printJson(root);
            return 0;
        }
        List<String> lines = new ArrayList<>();
        lines.add("Configuration file: " + effective.looked()
                + (effective.file().isPresent() ? "" : " (not there: defaults; `llm-session config init` writes one)"));
        lines.add("");
        Table<Entry> table = new Table<Entry>()
                .add(new Table.Column<>("KEY", Entry::key, null, false, Integer.MAX_VALUE, Integer.MAX_VALUE, 40))
                .add(new Table.Column<>("VALUE", Entry::value, null, false, Integer.MAX_VALUE, 12, 60))
                .add(new Table.Column<>("FROM", Entry::from, null, false, Integer.MAX_VALUE, 10, 40));
        lines.addAll(table.render(entries, terminal()));
        print(lines);
        return 0;
    }

    private Path file() {
        return global.config().orElseGet(() -> ConfigLoader.defaultPath(environment().env(),
                environment().userHome()));
    }

    private List<Entry> entries(CliConfig effective) {
        Map<String, Integer> lines = effective.file().map(f -> new ConfigLoader().keyLines(f)).orElse(Map.of());
        String name = effective.looked().getFileName().toString();
        HealthPolicy p = effective.policy();
        List<Entry> out = new ArrayList<>();
        Source from = key -> lines.containsKey(key) ? name + ":" + lines.get(key) : "default";
        add(out, from, "health.weights.tokens", number(p.tokensWeight()));
        add(out, from, "health.weights.duration", number(p.durationWeight()));
        add(out, from, "health.weights.activity", number(p.activityWeight()));
        add(out, from, "health.weights.errors", number(p.errorsWeight()));
        add(out, from, "health.curves.tokens", curve(p.tokensCurve()));
        add(out, from, "health.curves.duration", curve(p.durationCurve()));
        add(out, from, "health.curves.activity", curve(p.activityCurve()));
        add(out, from, "health.curves.errors", curve(p.errorsCurve()));
        add(out, from, "health.errorWindow", duration(p.errorWindow()));
        add(out, from, "health.waitingGrace", duration(p.waitingGrace()));
        add(out, from, "health.longSession", duration(p.longSession()));
        add(out, from, "health.idleAdvice", duration(p.idleAdvice()));
        add(out, from, "health.nearAutoCompactPercent", number(p.nearAutoCompactPercent()));
        add(out, from, "health.repeatedErrors", Integer.toString(p.repeatedErrors()));
        out.add(storeDir(effective, from));
        effective.settings().forEach((key, value) -> {
            if (!key.equals("store.dir")) {
                out.add(new Entry("adapters." + key, value, from.of("adapters." + key)));
            }
        });
        effective.prices().forEach((model, r) -> out.add(new Entry("prices." + model,
                "input " + number(r.input()) + ", output " + number(r.output()) + ", cacheWrite "
                        + number(r.cacheWrite()) + ", cacheRead " + number(r.cacheRead()), from.of("prices." + model))));
        PluginDirectories plugins = PluginDirectories.of(global.plugins(), environment().env(),
                environment().userHome());
        out.add(new Entry("plugins", plugins.directories().stream().map(Path::toString)
                .collect(Collectors.joining(", ")), global.plugins().isPresent() ? "default, --plugins"
                        : environment().get("XDG_CONFIG_HOME") != null ? "$XDG_CONFIG_HOME" : "default"));
        return out;
    }

    /** The store's directory by the store's own rule: --data-dir, the file's store.dir, variables, default. */
    private Entry storeDir(CliConfig effective, Source from) {
        Optional<Path> option = global.dataDir();
        if (option.isPresent()) {
            return new Entry("store.dir", option.get().toAbsolutePath().toString(), "--data-dir");
        }
        String set = effective.settings().get("store.dir");
        if (set != null) {
            return new Entry("store.dir", set, from.of("store.dir"));
        }
        Path dir = ContextExports.defaultDirectory(environment().env(), environment().userHome(), Optional.empty())
                .getParent();
        String why = environment().get("LLM_SESSION_HOME") != null ? "$LLM_SESSION_HOME"
                : environment().get("XDG_DATA_HOME") != null ? "$XDG_DATA_HOME" : "default";
        return new Entry("store.dir", dir.toString(), why);
    }

    /** Where a key's value comes from. */
    @FunctionalInterface
    private interface Source {
        String of(String key);
    }

    private static void add(List<Entry> out, Source from, String key, String value) {
        out.add(new Entry(key, value, from.of(key)));
    }

    /** Six significant digits, no trailing zeros: {@code 0.4}, {@code 75}, {@code 6.66667}. */
    private static String number(double d) {
        return java.math.BigDecimal.valueOf(d).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }

    private static String curve(Curve c) {
        return c.points().stream().map(p -> "[" + number(p.x()) + ", " + number(p.score()) + "]")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String duration(Duration d) {
        long s = d.getSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static byte[] template() {
        try (InputStream in = ConfigCommand.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new ConfigException("the configuration template is missing from the jar", null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration template: " + e.getMessage(), e);
        }
    }
}
