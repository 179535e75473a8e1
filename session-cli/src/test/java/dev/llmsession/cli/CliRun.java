package dev.llmsession.cli;

import dev.llmsession.cli.command.CliEnvironment;
import dev.llmsession.cli.command.ProviderSource;
import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SessionStoreProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@link Main#run} in-process with explicit providers, environment, home and the fixed clock. */
final class CliRun {
    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private List<SessionDiscoveryProvider> discoveries = List.of(FakeDiscoveryProvider.claude(Fixtures.all()));
    private List<HostProbeProvider> probes = List.of(new FakeHostProbeProvider());
    private List<SessionStoreProvider> stores = List.of();
    private boolean console;

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    CliRun(Path home) {
        this.home = home;
    }

    CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliRun console(boolean attached) {
        this.console = attached;
        return this;
    }

    CliRun discoveries(SessionDiscoveryProvider... providers) {
        this.discoveries = List.of(providers);
        return this;
    }

    CliRun probes(HostProbeProvider... providers) {
        this.probes = List.of(providers);
        return this;
    }

    CliRun stores(SessionStoreProvider... providers) {
        this.stores = List.of(providers);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(env, home, Fixtures.CLOCK, console,
                ProviderSource.explicit(discoveries, probes, stores));
        int code = Main.run(environment, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
