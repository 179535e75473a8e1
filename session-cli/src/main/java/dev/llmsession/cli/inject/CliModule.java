package dev.llmsession.cli.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.llmsession.LlmSessions;
import dev.llmsession.cli.command.CliEnvironment;
import dev.llmsession.cli.command.DoctorCommand;
import dev.llmsession.cli.command.GlobalOptions;
import dev.llmsession.cli.command.HealthCommand;
import dev.llmsession.cli.command.ListCommand;
import dev.llmsession.cli.command.LlmSessionCommand;
import dev.llmsession.cli.command.ProviderSource;
import dev.llmsession.cli.command.ProvidersCommand;
import dev.llmsession.cli.config.CliConfig;
import dev.llmsession.cli.config.ConfigLoader;
import dev.llmsession.spi.ProviderContext;
import jakarta.inject.Singleton;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one run: its environment, its global options, where its providers come from, the configuration
 * read once, and the {@link LlmSessions} built from them once. The core stays Guice-free: it is built with
 * its own builder inside a {@code @Provides} method, and providers are registered as instances.
 */
public final class CliModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(CliModule.class);

    private final CliEnvironment environment;
    private final GlobalOptions global;

    public CliModule(CliEnvironment environment, GlobalOptions global) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.global = Objects.requireNonNull(global, "global");
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().disableCircularProxies();
        bind(CliEnvironment.class).toInstance(environment);
        bind(GlobalOptions.class).toInstance(global);
        bind(ProviderSource.class).toInstance(environment.providers());
        bind(LlmSessionCommand.class);
        bind(ListCommand.class);
        bind(HealthCommand.class);
        bind(ProvidersCommand.class);
        bind(DoctorCommand.class);
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

    @Provides
    @Singleton
    LlmSessions sessions(ProviderSource providers, CliEnvironment env, CliConfig config) {
        LlmSessions.Builder builder = LlmSessions.builder()
                .context(new ProviderContext(env.userHome(), env.env(), env.clock(), config.settings()))
                .healthPolicy(config.policy());
        providers.register(builder);
        LlmSessions sessions = builder.build();
        sessions.providers().forEach(p -> LOG.debug("provider {} {} {}: {}{}", p.port(), p.id(), p.version(),
                p.active() ? "active" : "inactive", p.reason().map(r -> " (" + r + ")").orElse("")));
        return sessions;
    }
}
