package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.spi.HostProbe;
import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.ProviderContext;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProvidersAndDoctorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    /** A probe that reports itself unavailable. */
    static final class UnavailableProbeProvider implements HostProbeProvider {
        @Override
        public String id() {
            return "oshi";
        }

        @Override
        public int spiVersion() {
            return 99;
        }

        @Override
        public HostProbe create(ProviderContext context) {
            return () -> ProcessTable.empty(context.clock().instant());
        }

        @Override
        public Optional<String> unavailableReason(ProviderContext context) {
            return Optional.of("native library missing");
        }
    }

    @Test
    void providers_table_listsEachWithActiveAndReason() {
        CliRun.Result r = new CliRun(home)
                .probes(new FakeHostProbeProvider(), new UnavailableProbeProvider())
                .run("providers");

        assertThat(r.code()).isZero();
        assertThat(r.outLines().get(0).split("\\s+")).containsExactly("PORT", "ID", "VERSION", "ACTIVE", "REASON");
        assertThat(r.out()).contains("SessionDiscovery", "claude-code", "fake-host");
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("HostProbe") && l.contains("oshi") && l.contains(" no ")
                && l.contains("built for SPI version 99"));
        ListCommandTest.assertWithin(r.out(), 80);
    }

    @Test
    void providers_json_hasOneObjectPerProvider() throws Exception {
        CliRun.Result r = new CliRun(home).probes(new FakeHostProbeProvider(), new UnavailableProbeProvider())
                .run("providers", "--json");

        JsonNode array = JSON.readTree(r.out());
        assertThat(array).hasSize(3);
        JsonNode first = array.get(0);
        assertThat(first.get("port").asText()).isEqualTo("SessionDiscovery");
        assertThat(first.get("id").asText()).isEqualTo("claude-code");
        assertThat(first.get("active").asBoolean()).isTrue();
        assertThat(first.get("reason").isNull()).isTrue();
        assertThat(first.has("version")).isTrue();
        assertThat(first.has("source")).isTrue();
        assertThat(array).anyMatch(n -> !n.get("active").asBoolean() && n.get("reason").asText().contains("99"));
    }

    @Test
    void doctor_reportsConfigDiagnosticsInactiveProvidersAndStore() {
        CliRun.Result r = new CliRun(home).probes(new FakeHostProbeProvider(), new UnavailableProbeProvider())
                .run("doctor");

        assertThat(r.code()).isZero();
        assertThat(r.outLines()).contains(
                "config: defaults (no ~/.config/llm-session/config.yaml)",
                "discovery claude-code:",
                "  looked in ~/.claude/projects: 4 transcripts",
                "providers not active:",
                "store:",
                "  none active: the index lives in memory for one run (llm-session providers says why)");
        assertThat(r.out()).contains("HostProbe oshi: built for SPI version 99");
    }

    @Test
    void doctor_json_hasTheSameFacts() throws Exception {
        CliRun.Result r = new CliRun(home).run("doctor", "--json");

        JsonNode d = JSON.readTree(r.out());
        assertThat(d.get("config").get("file").isNull()).isTrue();
        assertThat(d.get("config").get("defaults").asBoolean()).isTrue();
        assertThat(d.get("discoveries").get(0).get("id").asText()).isEqualTo("claude-code");
        assertThat(d.get("discoveries").get(0).get("diagnostics")).hasSize(2);
        assertThat(d.get("inactiveProviders")).isEmpty();
        assertThat(d.get("store").get("installed").asBoolean()).isFalse();
    }
}
