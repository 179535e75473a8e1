package dev.llmsession.discovery.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.testkit.RecordingIndex;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The captured Gemini CLI 0.61.0 files against the figures the scripted API sent (see the README beside them). */
final class GeminiCapturedTest {
    static final Instant NOW = Instant.parse("2026-12-06T19:00:00Z");

    @TempDir
    Path home;

    private Path project;

    @BeforeEach
    void layOut() throws IOException {
        project = Files.createDirectories(home.resolve("proj"));
        Captured.layOut(home, project);
    }

    private SessionDiscovery discovery() {
        return new GeminiDiscoveryProvider().create(new ProviderContext(home, Map.of(),
                Clock.fixed(NOW, ZoneOffset.UTC), Map.of()));
    }

    private static SessionDiscovery.Request request(ProcessTable table, boolean all, TranscriptIndex index) {
        return new SessionDiscovery.Request(table, NOW, all, Optional.empty(), index, IndexProgress.NONE,
                TokenEstimator.charsPerToken());
    }

    @Test
    void captured_oneSessionAcrossBothFiles_withTheExactFiguresSent() {
        List<Session> sessions = discovery().discover(request(ProcessTable.empty(NOW), true,
                TranscriptIndex.inMemory()));

        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.id().value()).isEqualTo("gemini_" + Captured.SESSION);
            assertThat(s.tokens().total()).isEqualTo(new TokenUsage(6_702, 183, 0, 3_000, 3));
            assertThat(s.tokens().source()).isEqualTo(TokenSource.MEASURED);
            assertThat(s.context().tokens()).hasValue(4_234);
            assertThat(s.context().window()).isEqualTo(1_048_576);
            assertThat(s.context().windowAssumed()).isTrue();
            assertThat(s.cost().usd().getAsDouble()).isCloseTo(0.0105825, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(s.model()).hasValue("gemini-2.5-pro");
            assertThat(s.title()).hasValue("Say hello");
            assertThat(s.cwd()).hasValue(project.toString());
            assertThat(s.startedAt()).isEqualTo(Instant.parse("2026-12-06T18:02:44.004Z"));
            assertThat(s.lastActivityAt()).isEqualTo(Instant.parse("2026-12-06T18:03:12.942Z"));
            assertThat(s.sources()).hasSize(2);
            assertThat(s.quality().clean()).isTrue();
            assertThat(s.activity().state()).isEqualTo(ActivityState.ENDED);
        });
    }

    @Test
    void usageRows_oneperCall_sameKeysWhateverFileHoldsThem() {
        RecordingIndex index = new RecordingIndex();
        discovery().discover(request(ProcessTable.empty(NOW), true, index));
        List<TranscriptIndex.UsageRow> rows = index.rows();

        assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.sessionId()).isEqualTo(Captured.SESSION));
        assertThat(rows.stream().mapToLong(r -> r.input() + r.output() + r.cacheRead()).sum()).isEqualTo(9_885);
        assertThat(rows.stream().mapToDouble(TranscriptIndex.UsageRow::costUsd).sum())
                .isCloseTo(0.0105825, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void appendedCall_readIncrementally_equalsAColdRead_andAReListedMessageKeepsItsTokens() throws IOException {
        SessionDiscovery warm = discovery();
        TranscriptIndex index = TranscriptIndex.inMemory();
        warm.discover(request(ProcessTable.empty(NOW), true, index));
        Path first = Captured.chatFiles(home).get(0);
        // What a later resume writes: the old message re-listed without tokens, then a new call; the last line is
        // one whole object without its newline yet.
        Files.writeString(first, "{\"$set\":{\"messages\":[{\"id\":\"332b5510-43f9-4dba-9717-63f682f2fe0a\","
                + "\"timestamp\":\"2026-12-06T18:02:44.717Z\",\"type\":\"gemini\",\"content\":\"OK 2\"}]}}\n"
                + "{\"id\":\"new-call\",\"timestamp\":\"2026-12-06T18:30:00Z\",\"type\":\"gemini\",\"content\":\"x\","
                + "\"tokens\":{\"input\":5000,\"output\":10,\"cached\":4000,\"thoughts\":0,\"tool\":0,\"total\":5010},"
                + "\"model\":\"gemini-2.5-pro\"}", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        Session incremental = warm.discover(request(ProcessTable.empty(NOW), true, index)).get(0);
        Session cold = discovery().discover(request(ProcessTable.empty(NOW), true, TranscriptIndex.inMemory())).get(0);

        assertThat(incremental.tokens()).isEqualTo(cold.tokens());
        assertThat(incremental.tokens().total()).isEqualTo(new TokenUsage(7_702, 193, 0, 7_000, 4));
        assertThat(incremental.context().tokens()).hasValue(5_000);
        // Its newline arrives: nothing counts twice.
        Files.writeString(first, "\n", StandardOpenOption.APPEND);
        assertThat(warm.discover(request(ProcessTable.empty(NOW), true, index)).get(0).tokens())
                .isEqualTo(cold.tokens());
    }

    @Test
    void damagedLinesAndALegacyJsonFile_areCountedOrRead_neverThrown() throws IOException {
        Files.writeString(Captured.chatFiles(home).get(1), "{not json\n{\"tokens\":\n", StandardOpenOption.APPEND);
        Path legacy = home.resolve(".gemini/tmp/0123abcd/chats/session-2025-06-01T10-00-aaaa0000.json");
        Files.createDirectories(legacy.getParent());
        Files.writeString(legacy, "{\"sessionId\":\"aaaa0000-0000-4000-8000-000000000000\",\"projectHash\":\"x\","
                + "\"startTime\":\"2025-06-01T10:00:00Z\",\"lastUpdated\":\"2025-06-01T10:05:00Z\",\"messages\":["
                + "{\"id\":\"u1\",\"timestamp\":\"2025-06-01T10:00:01Z\",\"type\":\"user\",\"content\":\"hi\"},"
                + "{\"id\":\"g1\",\"timestamp\":\"2025-06-01T10:00:05Z\",\"type\":\"gemini\",\"content\":\"ho\","
                + "\"tokens\":{\"input\":100,\"output\":5,\"cached\":0,\"thoughts\":2,\"tool\":0,\"total\":107},"
                + "\"model\":\"gemini-2.5-flash\"}]}");

        List<Session> sessions = discovery().discover(request(ProcessTable.empty(NOW), true,
                TranscriptIndex.inMemory()));

        assertThat(sessions).hasSize(2);
        Session captured = sessions.stream().filter(s -> s.id().nativeId().equals(Captured.SESSION)).findFirst()
                .orElseThrow();
        assertThat(captured.quality().malformedLines()).isEqualTo(2);
        assertThat(captured.tokens().total().total()).isEqualTo(9_885);
        Session old = sessions.stream().filter(s -> s.id().nativeId().startsWith("aaaa0000")).findFirst()
                .orElseThrow();
        assertThat(old.tokens().total()).isEqualTo(new TokenUsage(100, 7, 0, 0, 1));
        assertThat(old.title()).hasValue("hi");
    }

    @Test
    void liveGeminiProcessInTheProject_ownsTheSession_andTheRespawnedChildIsNotASecondOne() {
        ProcessInfo launcher = new ProcessInfo(700, 1, "node", "/usr/bin/node",
                List.of("node", "/usr/local/bin/gemini", "-m", "gemini-2.5-pro"), Optional.of(project.toString()),
                Optional.of(Instant.parse("2026-12-06T18:02:40Z")));
        ProcessInfo child = new ProcessInfo(701, 700, "node", "/usr/bin/node",
                List.of("node", "--max-old-space-size=8192", "/usr/local/bin/gemini"), Optional.of(project.toString()),
                Optional.of(Instant.parse("2026-12-06T18:02:41Z")));

        List<Session> running = discovery().discover(request(ProcessTable.of(NOW, List.of(launcher, child)), false,
                TranscriptIndex.inMemory()));

        assertThat(running).singleElement().satisfies(s -> {
            assertThat(s.pid()).hasValue(700);
            assertThat(s.activity().state()).isEqualTo(ActivityState.IDLE);
        });
    }
}
