package dev.llmsession.cli.command;

import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.engine.SharedSessions;
import dev.llmsession.error.ConfigException;
import dev.llmsession.spi.DataDirectory;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.TeamStore;
import dev.llmsession.spi.TeamStoreProvider;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The {@code team:} section made usable: the machine and user names (defaults: the host name and the login name),
 * the team database opened through its {@code ServiceLoader} provider, and where this machine's sync ledger lives
 * (beside the local store).
 */
public final class TeamAccess {
    /** The sync ledger's file name in the data directory. */
    static final String LEDGER = "team-sync.ledger";

    private final Provider<CliConfig> config;
    private final CliEnvironment environment;
    private final GlobalOptions global;
    private final Optional<SharedSessions> shared;

    /** With {@code shared} (in the engine), the team database is the engine's kept one. */
    @Inject
    TeamAccess(Provider<CliConfig> config, CliEnvironment environment, GlobalOptions global,
            Optional<SharedSessions> shared) {
        this.config = Objects.requireNonNull(config, "config");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.global = Objects.requireNonNull(global, "global");
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    /** The provider context with the team settings, machine and user filled in; refuses a missing section. */
    ProviderContext context() {
        Map<String, String> settings = new HashMap<>(config.get().settings());
        if (!settings.containsKey(TeamStoreProvider.URL)) {
            throw new ConfigException("no team database configured: add a team: section with url: "
                    + "jdbc:postgresql://host:5432/db to " + config.get().file().orElse(config.get().looked())
                    + " (docs/team.md)");
        }
        settings.putIfAbsent(TeamStoreProvider.MACHINE, hostName());
        settings.putIfAbsent("team.user", loginName());
        global.dataDir().ifPresent(dir -> settings.put(DataDirectory.SETTING, dir.toAbsolutePath().toString()));
        return new ProviderContext(environment.userHome(), environment.env(), environment.clock(), settings);
    }

    String machine() {
        return context().setting(TeamStoreProvider.MACHINE).orElseThrow();
    }

    String user() {
        return context().setting("team.user").orElseThrow();
    }

    /** The database URL, which identifies the ledger's target (a new database starts a new ledger). */
    String url() {
        return context().setting(TeamStoreProvider.URL).orElseThrow();
    }

    Path ledger() {
        return DataDirectory.of(context()).resolve(LEDGER);
    }

    /**
     * Opens the team database (connects, migrates when behind and allowed); in the engine, the one it keeps open for
     * the same settings and password, which the caller's {@code close()} leaves open.
     */
    TeamStore open() {
        ProviderContext context = context();
        if (shared.isPresent()) {
            Map<String, String> team = new java.util.TreeMap<>();
            context.settings().forEach((k, v) -> {
                if (k.startsWith("team.")) {
                    team.put(k, v);
                }
            });
            Object key = java.util.List.of(team, context.userHome().toString(),
                    context.env(TeamStoreProvider.PASSWORD_ENV).orElse(""));
            return shared.get().team(key, () -> open(context));
        }
        return open(context);
    }

    private static TeamStore open(ProviderContext context) {
        for (TeamStoreProvider p : ServiceLoader.load(TeamStoreProvider.class, TeamStoreProvider.class.getClassLoader())) {
            Optional<String> unavailable = p.unavailableReason(context);
            if (unavailable.isEmpty()) {
                return p.create(context);
            }
            throw new ConfigException("team database provider " + p.id() + ": " + unavailable.get());
        }
        throw new ConfigException("no team database adapter is installed (session-storage-postgres)");
    }

    /** {@code HOSTNAME}, else {@code /etc/hostname}, else the JVM's local host name. */
    private String hostName() {
        String env = environment.get("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isRegularFile(etc) && Files.size(etc) < 256) {
                String name = Files.readString(etc, StandardCharsets.UTF_8).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private String loginName() {
        for (String var : new String[] {"USER", "LOGNAME", "USERNAME"}) {
            String v = environment.get(var);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return System.getProperty("user.name", "unknown");
    }
}
