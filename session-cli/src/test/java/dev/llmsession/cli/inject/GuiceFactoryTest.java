package dev.llmsession.cli.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.CreationException;
import dev.llmsession.cli.command.CliEnvironment;
import dev.llmsession.cli.command.GlobalOptions;
import dev.llmsession.cli.command.ProviderSource;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

final class GuiceFactoryTest {
    @TempDir
    Path home;

    @Command(name = "made")
    static final class Made {
        final CliEnvironment environment;

        @Inject
        Made(CliEnvironment environment) {
            this.environment = environment;
        }
    }

    /** Guice cannot make it: no injectable constructor. */
    @Command(name = "broken")
    static final class Broken {
        Broken(String unbound) {
        }
    }

    @Test
    void anInjectorCreatedAheadMakesTheCommandWithThisRunsBindings() throws Exception {
        CliEnvironment environment = environment();
        GuiceFactory factory = new GuiceFactory(module(environment, Made.class));
        factory.createAhead();
        factory.createAhead(); // a second call starts nothing more

        assertThat(factory.create(Made.class).environment).isSameAs(environment);
    }

    @Test
    void aFailureToCreateTheInjectorAheadReachesTheCallerAsWithoutIt() {
        GuiceFactory ahead = new GuiceFactory(module(environment(), Broken.class));
        ahead.createAhead();
        Throwable fromAhead = catchThrowable(() -> ahead.create(Broken.class));
        Throwable inline = catchThrowable(() -> new GuiceFactory(module(environment(), Broken.class))
                .create(Broken.class));

        assertThat(fromAhead).isInstanceOf(CreationException.class);
        assertThat(inline).isInstanceOf(CreationException.class);
        assertThat(fromAhead.getMessage()).isEqualTo(inline.getMessage());
    }

    private CliEnvironment environment() {
        return new CliEnvironment(Map.of(), home, Clock.systemUTC(), false,
                ProviderSource.explicit(List.of(), List.of(), List.of()));
    }

    private static CliModule module(CliEnvironment environment, Class<?> command) {
        return new CliModule(environment, new GlobalOptions(), new PrintWriter(new StringWriter()), Optional.empty(),
                (request, shared, out, err) -> 0, List.of(command));
    }
}
