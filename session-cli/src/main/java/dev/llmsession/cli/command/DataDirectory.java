package dev.llmsession.cli.command;

import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.context.ContextExports;
import java.nio.file.Path;
import java.util.Optional;

/**
 * llm-session's data directory for this run: {@code --data-dir}, else the configuration's {@code store.dir}, else
 * the store's default rule.
 */
public final class DataDirectory {
    private DataDirectory() {
    }

    public static Path of(CliEnvironment env, GlobalOptions global, CliConfig config) {
        Optional<Path> chosen = global.dataDir().or(() -> Optional.ofNullable(config.settings().get("store.dir"))
                .filter(d -> !d.isBlank()).map(d -> expand(d.strip(), env.userHome())));
        return ContextExports.dataDirectory(env.env(), env.userHome(), chosen);
    }

    private static Path expand(String d, Path home) {
        if (d.equals("~")) {
            return home;
        }
        return d.startsWith("~/") ? home.resolve(d.substring(2)) : home.resolve(d);
    }
}
