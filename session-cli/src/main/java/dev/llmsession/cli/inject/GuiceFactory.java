package dev.llmsession.cli.inject;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.llmsession.cli.command.GlobalOptions;
import dev.llmsession.cli.command.LlmSessionCommand;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine;

/**
 * picocli's factory backed by Guice: the classes the module binds come from the injector, the rest from picocli's
 * default. The injector is created when picocli first asks for a bound class, or ahead of that on a thread of its own
 * ({@link #createAhead}, for a run that will ask), so a command line that never asks ({@code --version}, which has no
 * subcommands) never creates it.
 */
public final class GuiceFactory implements CommandLine.IFactory {
    private final CliModule module;
    private Injector injector;
    /** The injector being created on a thread of its own, when {@link #createAhead} started it. */
    private FutureTask<Injector> ahead;

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

    /**
     * Starts creating the injector on a thread of its own, for a command line that will need it: picocli builds the
     * top command's model meanwhile (in a fresh JVM each was 50-120 ms of an in-process {@code list}, one after the
     * other). A failure to create it reaches the caller of {@link #create} as it would have without this.
     */
    public synchronized void createAhead() {
        if (injector == null && ahead == null) {
            ahead = new FutureTask<>(() -> Guice.createInjector(module));
            Thread thread = new Thread(ahead, "llm-session-injector");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private synchronized Injector injector() {
        if (injector == null) {
            injector = ahead == null ? Guice.createInjector(module) : awaitAhead();
        }
        return injector;
    }

    private Injector awaitAhead() {
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the injector was created", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
