package dev.llmsession.cli.inject;

import com.google.inject.Guice;
import com.google.inject.Injector;
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
        if (type == LlmSessionCommand.class) {
            // the top command needs nothing but the environment: made here, a bare run or --version never creates
            // the injector
            return type.cast(new LlmSessionCommand(module.environment()));
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
