package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.FoundProviders;
import dev.llmsession.LlmSessions;
import dev.llmsession.api.UsageBlock;
import dev.llmsession.cli.monitor.CatalogSource;
import dev.llmsession.cli.monitor.HeaderSegment;
import dev.llmsession.cli.monitor.MonitorData;
import dev.llmsession.cli.monitor.MonitorScreen;
import dev.llmsession.cli.monitor.MonitorState;
import dev.llmsession.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's header shows the 5-hour usage block open now, read from the real SQLite store that the real
 * Claude Code adapter fills, on a fixed clock (09:00): calls at 07:30 and 08:10 open the block 07:00–12:00.
 */
final class MonitorUsageBlockTest {
    @TempDir
    Path tmp;

    private static String call(String id, String at, String msg, int in, int out, int write, int read) {
        String env = "\"sessionId\":\"" + id + "\",\"cwd\":\"/work/shop\",\"gitBranch\":\"main\",";
        return "{\"type\":\"assistant\"," + env + "\"timestamp\":\"" + at + "\",\"requestId\":\"req_" + msg + "\","
                + "\"message\":{\"id\":\"" + msg + "\",\"model\":\"claude-opus-4-6\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":{\"input_tokens\":" + in
                + ",\"output_tokens\":" + out + ",\"cache_creation_input_tokens\":" + write
                + ",\"cache_read_input_tokens\":" + read + "}}}";
    }

    private static LlmSessions library(ContextHome home) {
        FoundProviders found = FoundProviders.load(MonitorUsageBlockTest.class.getClassLoader());
        return LlmSessions.builder()
                .context(new ProviderContext(home.home, Map.of("LLM_SESSION_HOME", home.data.toString()),
                        ContextHome.CLOCK, Map.of()))
                .discovery(found.discoveries().stream().filter(p -> p.id().equals("claude-code")).findFirst()
                        .orElseThrow())
                .hostProbe(new FakeHostProbeProvider())
                .store(found.stores().stream().filter(p -> p.id().equals("sqlite")).findFirst().orElseThrow())
                .build();
    }

    @Test
    void fetch_withRecentCallsOfAnEndedSession_carriesTheActiveBlock_andTheHeaderShowsIt() throws Exception {
        String id = "b10c0000-0000-4000-8000-000000000001";
        ContextHome home = new ContextHome(tmp).withSession(id,
                call(id, "2026-02-13T07:30:00.000Z", "msg_1", 1_000, 2_000, 100_000, 400_000),
                call(id, "2026-02-13T08:10:00.000Z", "msg_2", 3_000, 4_000, 200_000, 500_000),
                // an old call, more than 5 hours before: a block of its own, not this one
                call(id, "2026-02-12T20:00:00.000Z", "msg_0", 9, 9, 9, 9));
        try (LlmSessions lib = library(home)) {
            MonitorData data = new CatalogSource(lib, ContextHome.CLOCK, Optional.empty()).fetch(Optional.empty());

            assertThat(data.sessions()).as("no claude process: nothing running").isEmpty();
            assertThat(data.warnings()).isEmpty();
            UsageBlock block = data.block().orElseThrow();
            assertThat(block.start()).isEqualTo(Instant.parse("2026-02-13T07:00:00Z"));
            assertThat(block.totals().totalTokens()).isEqualTo(503_000 + 707_000);
            assertThat(block.totals().costKnown()).isTrue();
            assertThat(block.timeToReset(data.takenAt())).isEqualTo(Duration.ofHours(3));

            MonitorState state = new MonitorState(MonitorData.empty(data.takenAt()), List.of());
            state.accept(data);
            String header = new MonitorScreen(HeaderSegment.defaults(ZoneOffset.UTC), false, false,
                    Duration.ofSeconds(5)).render(state, 160, 12).lines().get(0);
            assertThat(header).contains("09:00:00 · block 3h00 left, $", ", 1.2M tok, $")
                    .endsWith("/h");
        }
    }

    @Test
    void fetch_withoutRecentCalls_hasNoBlock_andTheHeaderNoBlockSegment() throws Exception {
        String id = "b10c0000-0000-4000-8000-000000000002";
        ContextHome home = new ContextHome(tmp).withSession(id,
                call(id, "2026-02-12T20:00:00.000Z", "msg_0", 10, 10, 10, 10));
        try (LlmSessions lib = library(home)) {
            MonitorData data = new CatalogSource(lib, ContextHome.CLOCK, Optional.empty()).fetch(Optional.empty());

            assertThat(data.block()).isEmpty();
            MonitorState state = new MonitorState(MonitorData.empty(data.takenAt()), List.of());
            state.accept(data);
            assertThat(new MonitorScreen(HeaderSegment.defaults(ZoneOffset.UTC), false, false, Duration.ofSeconds(5))
                    .render(state, 160, 12).lines().get(0)).doesNotContain("block");
        }
    }
}
