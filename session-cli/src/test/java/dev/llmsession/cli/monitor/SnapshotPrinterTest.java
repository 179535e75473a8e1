package dev.llmsession.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.cli.render.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SnapshotPrinterTest {
    @Test
    void print_json_writesOneObjectPerLinePerRefreshWithTheListJsonOfEachSession() throws Exception {
        StringWriter out = new StringWriter();
        SnapshotPrinter p = new SnapshotPrinter(new PrintWriter(out), new Terminal(false, false, 80),
                HeaderSegment.defaults(ZoneOffset.UTC), true);
        p.print(MonitorFixtures.four());
        p.print(MonitorFixtures.data(List.of(), new int[0]));

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("takenAt").asText()).isEqualTo("2026-02-12T18:00:00Z");
        assertThat(first.get("sessions")).hasSize(4);
        JsonNode s = first.get("sessions").get(0);
        assertThat(s.get("id").asText()).startsWith("claude_4d5611e5");
        assertThat(s.get("tokens").get("apiCalls").asLong()).isEqualTo(152);
        assertThat(s.get("health").get("score").asInt()).isEqualTo(92);
        assertThat(first.get("sessions").get(2).get("costUsd").isNull()).isTrue();
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("sessions")).isEmpty();
        assertThat(first.get("activeBlock").isNull()).isTrue();
    }

    @Test
    void print_json_withAnActiveBlock_writesItAsUsageBlocksDoes() throws Exception {
        StringWriter out = new StringWriter();
        new SnapshotPrinter(new PrintWriter(out), new Terminal(false, false, 80), HeaderSegment.defaults(ZoneOffset.UTC),
                true).print(MonitorFixtures.withBlock(MonitorFixtures.four()));

        JsonNode block = new ObjectMapper().readTree(out.toString()).get("activeBlock");
        assertThat(block.get("isActive").asBoolean()).isTrue();
        assertThat(block.get("startTime").asText()).isEqualTo("2026-02-12T15:00:00.000Z");
        assertThat(block.get("totalTokens").asLong()).isEqualTo(1_200_000);
        assertThat(block.get("costUSD").asDouble()).isEqualTo(4.20);
        assertThat(block.get("burnRate").get("costPerHour").asDouble()).isEqualTo(1.90);
    }

    @Test
    void print_plain_writesTheHeaderTheTableAndTheActions() {
        StringWriter out = new StringWriter();
        new SnapshotPrinter(new PrintWriter(out), new Terminal(false, true, 100), HeaderSegment.defaults(ZoneOffset.UTC),
                false).print(MonitorFixtures.four());
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo(
                "llm-session - 4 sessions: 1 working, 2 waiting, 1 idle - 51.9M tokens - $11.62 +? - 18:00:00");
        assertThat(lines.get(1)).startsWith("ID").contains("HEALTH");
        assertThat(lines).hasSizeGreaterThan(6);
        assertThat(out.toString()).contains("! claude_4d5", "Nearing auto-compact").matches("[\\x00-\\x7F]*");
    }
}
