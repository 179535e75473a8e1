package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code daemon run --metrics}: which addresses and actions are refused before any engine or socket starts. */
final class DaemonMetricsTest {
    @TempDir
    Path home;

    private CliRun.Result run(String... args) {
        return new CliRun(home).run(args);
    }

    @Test
    void anAddressOtherThanLoopbackIsRefusedUnlessMetricsPublicSaysSo() {
        CliRun.Result wildcard = run("daemon", "run", "--metrics", "0.0.0.0:9464");
        assertThat(wildcard.code()).isEqualTo(2);
        assertThat(wildcard.err()).contains("--metrics 0.0.0.0:9464 is not a loopback address")
                .contains("--metrics-public");
        assertThat(wildcard.out()).isEmpty();
    }

    @Test
    void metricsGoWithRunOrStartAndPublicGoesWithMetrics() {
        assertThat(run("daemon", "stop", "--metrics").err())
                .contains("--metrics applies to daemon run and daemon start");
        assertThat(run("daemon", "start", "--metrics", "0.0.0.0:9464").err())
                .contains("--metrics 0.0.0.0:9464 is not a loopback address");
        assertThat(run("daemon", "status", "--metrics", "127.0.0.1:9464").code()).isEqualTo(2);
        assertThat(run("daemon", "run", "--metrics-public").err())
                .contains("--metrics-public goes with --metrics HOST:PORT");
    }

    @Test
    void anAddressThatIsNotHostColonPortIsRefused() {
        assertThat(run("daemon", "run", "--metrics", "9464").err()).contains("invalid --metrics '9464'")
                .contains("expected HOST:PORT");
        assertThat(run("daemon", "run", "--metrics", "127.0.0.1:70000").err()).contains("port out of range");
    }
}
