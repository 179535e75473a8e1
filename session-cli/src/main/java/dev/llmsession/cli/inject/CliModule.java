package dev.llmsession.cli.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.llmsession.FoundProviders;
import dev.llmsession.LlmSessions;
import dev.llmsession.cli.command.CliEnvironment;
import dev.llmsession.cli.command.DataDirectory;
import dev.llmsession.cli.command.GlobalOptions;
import dev.llmsession.cli.command.LongLived;
import dev.llmsession.cli.command.ProviderSource;
import dev.llmsession.cli.command.TeamAccess;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.config.ConfigLoader;
import dev.llmsession.cli.config.PluginDirectories;
import dev.llmsession.cli.engine.CommandRunner;
import dev.llmsession.cli.engine.ResidentLibrary;
import dev.llmsession.cli.engine.SharedSessions;
import dev.llmsession.cli.render.ProgressBar;
import dev.llmsession.cli.statusline.StatusLineFiles;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscoveryProvider;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one run: its environment, its global options, where its providers come from, the configuration
 * read once, and the {@link LlmSessions} built from them once. The core stays Guice-free: it is built with
 * its own builder inside a {@code @Provides} method, and providers are registered as instances.
 */
public final class CliModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(CliModule.class);
    /** The storage adapter's setting for its directory; {@code --data-dir} sets it. */
    static final String STORE_DIR_SETTING = "store.dir";
    static final String STATUSLINE_DIR_SETTING = "claude-code.statusline-dir";

    private final CliEnvironment environment;
    private final GlobalOptions global;
    private final PrintWriter err;
    private final Optional<SharedSessions> shared;
    private final CommandRunner runner;
    private final AtomicReference<LlmSessions> built = new AtomicReference<>();
    /** The subcommands this run's command line has (the factory makes the top one). */
    private final List<Class<?>> subcommands;
    /** Those and their own subcommands: the command classes this run binds. Read when first needed. */
    private Set<Class<?>> commands;

    /**
     * With {@code shared}, the library comes from there (the engine's resident one) and this run never closes it;
     * {@code runner} is what {@code daemon run} serves commands with. Only {@code subcommands} (with their own
     * subcommands) are bound: Guice inspects every bound class when the
     * injector is created, and a run needs one command.
     */
    public CliModule(CliEnvironment environment, GlobalOptions global, PrintWriter err,
            Optional<SharedSessions> shared, CommandRunner runner, List<Class<?>> subcommands) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.global = Objects.requireNonNull(global, "global");
        this.err = Objects.requireNonNull(err, "err");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.subcommands = List.copyOf(subcommands);
    }

    /**
     * The command classes this run binds. Their own subcommands are read from their annotations here rather than
     * when the module is made: a run makes it on its main thread, and creates the injector (which reads them first)
     * on a thread of its own.
     */
    private synchronized Set<Class<?>> commands() {
        if (commands == null) {
            Set<Class<?>> all = new LinkedHashSet<>();
            for (Class<?> c : subcommands) {
                all.add(c);
                all.addAll(List.of(c.getAnnotation(picocli.CommandLine.Command.class).subcommands()));
            }
            commands = all;
        }
        return commands;
    }

    /** The environment of this run. */
    CliEnvironment environment() {
        return environment;
    }

    /** The global options of this run, shared by every command. */
    GlobalOptions global() {
        return global;
    }

    /** Whether this module binds {@code type} (the injector then creates it). */
    boolean binds(Class<?> type) {
        return type == TeamAccess.class || subcommands.contains(type) || commands().contains(type);
    }

    /** Closes the library (and so the store) if this run built it. */
    public void close() {
        LlmSessions sessions = built.getAndSet(null);
        if (sessions != null) {
            sessions.close();
        }
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().disableCircularProxies();
        bind(CliEnvironment.class).toInstance(environment);
        bind(GlobalOptions.class).toInstance(global);
        bind(CommandRunner.class).toInstance(runner);
        bind(ProviderSource.class).toInstance(environment.providers());
        commands().forEach(this::bind);
        bind(TeamAccess.class);
        bind(new com.google.inject.TypeLiteral<Optional<SharedSessions>>() { }).toInstance(shared);
    }

    /** Read after the command line is parsed, so {@code --config} is known. */
    @Provides
    @Singleton
    CliConfig config(CliEnvironment env, GlobalOptions options) {
        CliConfig config = new ConfigLoader().load(options.config(), env.env(), env.userHome());
        LOG.debug("configuration: {} ({} provider setting(s))",
                config.file().map(Object::toString).orElse("defaults, no " + config.looked()), config.settings().size());
        return config;
    }

    /** The plugin directories of this run; read after the command line is parsed, so {@code --plugins} is known. */
    @Provides
    @Singleton
    PluginDirectories pluginDirectories(CliEnvironment env, GlobalOptions options) {
        return PluginDirectories.of(options.plugins(), env.env(), env.userHome());
    }

    /**
     * The provider instances the registry found on the class path and in the plugin jars, bound as instances:
     * ServiceLoader made them, not Guice. Each plugin jar gets a class loader whose parent is the one that holds
     * the SPI, so plugins share the host's SPI and model types.
     */
    @Provides
    @Singleton
    FoundProviders found(CliEnvironment env, PluginDirectories plugins) {
        FoundProviders found = env.providers().found();
        ClassLoader spi = SessionDiscoveryProvider.class.getClassLoader();
        for (Path dir : plugins.directories()) {
            found = found.plus(FoundProviders.loadPlugins(dir, spi));
        }
        return found;
    }

    @Provides
    @Singleton
    LlmSessions sessions(Provider<FoundProviders> found, CliEnvironment env, CliConfig config,
            PluginDirectories plugins) {
        return sessions(found, env, config, plugins, false);
    }

    /**
     * The library of a command that runs until the user stops it (the monitor): it watches the assistants' folders,
     * so each refresh reads only what changed and a change can wake the screen. In the engine, the engine's own.
     */
    @Provides
    @Singleton
    @LongLived
    LlmSessions longLivedSessions(Provider<FoundProviders> found, CliEnvironment env, CliConfig config,
            PluginDirectories plugins) {
        return sessions(found, env, config, plugins, true);
    }

    /** This world's library among an engine's (for {@code daemon run}'s metrics endpoint). */
    @Provides
    @Singleton
    ResidentLibrary residentLibrary(Provider<FoundProviders> found, CliEnvironment env, CliConfig config,
            PluginDirectories plugins) {
        // Everything the library is built from, so a changed configuration or plugin jar builds a new one.
        return resident -> resident.get(List.of(config, plugins, PluginJars.fingerprint(plugins),
                global.dataDir().map(d -> d.toAbsolutePath().normalize().toString()).orElse("")),
                () -> build(found.get(), env, config, false, true));
    }

    private LlmSessions sessions(Provider<FoundProviders> found, CliEnvironment env, CliConfig config,
            PluginDirectories plugins, boolean longLived) {
        if (shared.isPresent()) {
            return residentLibrary(found, env, config, plugins).in(shared.get());
        }
        LlmSessions sessions = build(found.get(), env, config, env.console() && !global.json(), longLived);
        LlmSessions other = built.getAndSet(sessions);
        if (other != null) {
            other.close(); // a run uses one library; never leave a store open
        }
        return sessions;
    }

    /** @param watch whether the library outlives this command (the engine's): then it watches the assistants' files */
    private LlmSessions build(FoundProviders found, CliEnvironment env, CliConfig config, boolean progress,
            boolean watch) {
        Map<String, String> settings = new HashMap<>(config.settings());
        global.dataDir().ifPresent(dir -> settings.put(STORE_DIR_SETTING, dir.toAbsolutePath().toString()));
        // where the Claude adapter finds the payloads the status-line command recorded (exact window, plan limits)
        settings.put(STATUSLINE_DIR_SETTING,
                StatusLineFiles.in(DataDirectory.of(env, global, config)).spool().toAbsolutePath().toString());
        LlmSessions.Builder builder = LlmSessions.builder()
                .context(new ProviderContext(env.userHome(), env.env(), env.clock(), settings))
                .healthPolicy(config.policy())
                .watchFiles(watch);
        if (progress) {
            builder.progress(new ProgressBar(err, global.terminal(env), env.clock()));
        }
        builder.providers(found);
        long started = System.nanoTime();
        LlmSessions sessions = builder.build();
        LOG.debug("providers created and the store opened in {} ms", (System.nanoTime() - started) / 1_000_000);
        sessions.providers().forEach(p -> LOG.debug("provider {} {} {}: {}{}", p.port(), p.id(), p.version(),
                p.active() ? "active" : "inactive", p.reason().map(r -> " (" + r + ")").orElse("")));
        return sessions;
    }
}
