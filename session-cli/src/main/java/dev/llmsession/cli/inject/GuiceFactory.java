package dev.llmsession.cli.inject;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.llmsession.cli.command.GlobalOptions;
import dev.llmsession.cli.command.LlmSessionCommand;
import java.util.Objects;
import picocli.CommandLine;

/**
 * picocli's factory backed by Guice: the classes the module binds come from the injector, the rest from picocli's
 * default. The injector is created when picocli first asks for a bound class, so a command line that never does
 * ({@code --version}, which has no subcommands) never creates it.
 */
public final class GuiceFactory implements CommandLine.IFactory {
    private final CliModule module;
    private Injector injector;

    public GuiceFactory(CliModule module) {
        this.module = Objects.requireNonNull(module, "module");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        // the top command needs nothing but the environment, and every command shares the run's one global options
        // (the injector's instance): both made here, so --version never creates the injector
        if (type == LlmSessionCommand.class) {
            return type.cast(new LlmSessionCommand(module.environment()));
        }
        if (type == GlobalOptions.class) {
            return type.cast(module.global());
        }
        if (module.binds(type)) {
            return injector().getInstance(type);
        }
        return CommandLine.defaultFactory().create(type);
    }

    /** Whether the injector was created (a test seam). */
    boolean created() {
        return injector != null;
    }

    private synchronized Injector injector() {
        if (injector == null) {
            injector = Guice.createInjector(module);
        }
        return injector;
    }
}
