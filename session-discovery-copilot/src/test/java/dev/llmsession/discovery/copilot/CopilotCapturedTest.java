package dev.llmsession.discovery.copilot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The captured Copilot CLI 1.0.102 session against the figures the scripted API sent (see the README). */
final class CopilotCapturedTest {
    static final Instant NOW = Instant.parse("2026-12-06T19:00:00Z");

    @TempDir
    Path home;

    private SessionDiscovery discovery() {
        return new CopilotDiscoveryProvider().create(new ProviderContext(home, Map.of(),
                Clock.fixed(NOW, ZoneOffset.UTC), Map.of()));
    }

    private static SessionDiscovery.Request request(ProcessTable table, boolean all, TranscriptIndex index) {
        return new SessionDiscovery.Request(table, NOW, all, Optional.empty(), index, IndexProgress.NONE,
                TokenEstimator.charsPerToken());
    }

    @Test
    void captured_oneCallPerUsageRecord_theShutdownTotalsNeverAdded() throws IOException {
        Captured.layOut(home);

        List<Session> sessions = discovery().discover(request(ProcessTable.empty(NOW), true,
                TranscriptIndex.inMemory()));

        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.id().value()).isEqualTo("copilot_" + Captured.SESSION);
            assertThat(s.tokens().total()).isEqualTo(new TokenUsage(5_202, 162, 0, 1_500, 3));
            assertThat(s.context().tokens()).hasValue(3_234);
            assertThat(s.context().window()).isEqualTo(64_000);
            assertThat(s.context().windowAssumed()).isFalse();
            assertThat(s.cost().usd()).isEmpty();
            assertThat(s.cost().unpricedModels()).containsExactly("gpt-4.1");
            assertThat(s.model()).hasValue("gpt-4.1");
            assertThat(s.title()).hasValue("Say hello");
            assertThat(s.cwd()).hasValue(Captured.DIR);
            assertThat(s.gitBranch()).hasValue("master");
            assertThat(s.startedAt()).isEqualTo(Instant.parse("2026-12-06T18:06:10.259Z"));
            assertThat(s.quality().clean()).isTrue();
            assertThat(s.activity().state()).isEqualTo(ActivityState.ENDED);
        });
    }

    @Test
    void appendedCallAndAWholeLastObjectWithoutNewline_incrementalEqualsCold_andCountOnce() throws IOException {
        Path events = Captured.layOut(home);
        SessionDiscovery warm = discovery();
        TranscriptIndex index = TranscriptIndex.inMemory();
        warm.discover(request(ProcessTable.empty(NOW), true, index));
        Files.writeString(events, "{\"type\":\"session.usage_record\",\"data\":{\"usage\":{\"model\":\"gpt-4.1\","
                + "\"inputTokens\":4234,\"outputTokens\":68,\"cacheReadTokens\":1500,\"cacheWriteTokens\":0,"
                + "\"maxPromptTokens\":64000,\"accounting\":{\"usageId\":\"chatcmpl-4\"}}},\"id\":\"e4\","
                + "\"timestamp\":\"2026-12-06T18:10:00Z\"}", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        Session incremental = warm.discover(request(ProcessTable.empty(NOW), true, index)).get(0);
        Session cold = discovery().discover(request(ProcessTable.empty(NOW), true, TranscriptIndex.inMemory()))
                .get(0);
        assertThat(incremental.tokens()).isEqualTo(cold.tokens());
        assertThat(incremental.tokens().total()).isEqualTo(new TokenUsage(7_936, 230, 0, 3_000, 4));

        Files.writeString(events, "\n{\"type\":\"session.error\",\"data\":{},\"timestamp\":\"2026-12-06T18:11:00Z\"}\n"
                + "garbage\n", StandardOpenOption.APPEND);
        Session after = warm.discover(request(ProcessTable.empty(NOW), true, index)).get(0);
        assertThat(after.tokens().total().apiCalls()).isEqualTo(4);
        assertThat(after.errors().api()).isEqualTo(1);
        assertThat(after.quality().malformedLines()).isEqualTo(1);
    }

    @Test
    void liveCopilotResumingTheSession_ownsIt_whateverItsStartTime() throws IOException {
        Captured.layOut(home);
        ProcessInfo resumed = new ProcessInfo(1200, 1, "copilot-linux-x64", "/opt/copilot/copilot-linux-x64",
                List.of("copilot-linux-x64", "--resume=" + Captured.SESSION), Optional.of("/elsewhere"),
                Optional.of(Instant.parse("2026-12-06T18:50:00Z")));
        ProcessInfo unrelated = new ProcessInfo(1201, 1, "node", "/usr/bin/node", List.of("node", "server.js"),
                Optional.of(Captured.DIR), Optional.of(Instant.parse("2026-12-06T18:00:00Z")));

        List<Session> running = discovery().discover(request(ProcessTable.of(NOW, List.of(resumed, unrelated)), false,
                TranscriptIndex.inMemory()));

        assertThat(running).singleElement().satisfies(s -> {
            assertThat(s.pid()).hasValue(1200);
            assertThat(s.activity().state()).isEqualTo(ActivityState.IDLE);
        });
    }
}
