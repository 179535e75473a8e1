package dev.llmsession.discovery.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionContext;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.testkit.RecordingIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Codex hands the usage ledger, the rate limits it records, an archived copy, and the export of its context. */
final class LedgerAndExportTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path home;


    private List<Session> discover(TranscriptIndex index) {
        return new CodexDiscoveryProvider().create(CodexSamplesTest.context(home, NOW)).discover(
                new SessionDiscovery.Request(ProcessTable.empty(NOW), NOW, true, Optional.empty(), index,
                        IndexProgress.NONE, TokenEstimator.charsPerToken()));
    }

    @Test
    void usageRows_oneperCountedCall_summingToTheSessionTotals_pricedFromTheTable() throws IOException {
        Samples.layOut(home.resolve(".codex"));
        RecordingIndex index = new RecordingIndex();
        List<Session> sessions = discover(index);

        List<TranscriptIndex.UsageRow> rows = index.rows();
        assertThat(rows).hasSize(6 + 286 + 1);
        assertThat(rows.stream().map(TranscriptIndex.UsageRow::callKey).distinct()).hasSize(rows.size());
        long tokens = rows.stream().mapToLong(r -> r.input() + r.output() + r.cacheRead() + r.cacheWrite()).sum();
        assertThat(tokens).isEqualTo(sessions.stream().mapToLong(s -> s.tokens().total().total()).sum())
                .isEqualTo(299_496 + 33_944_484 + 34_900);
        double cost = rows.stream().mapToDouble(TranscriptIndex.UsageRow::costUsd).sum();
        assertThat(cost).isCloseTo(sessions.stream().mapToDouble(s -> s.cost().usd().getAsDouble()).sum(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rows).allSatisfy(r -> assertThat(r.model()).isEqualTo("gpt-5.3-codex"));
    }

    @Test
    void aClearedIndex_isFilledAgain_onceTheResidentAdapterIsTold() throws IOException {
        Samples.layOut(home.resolve(".codex"));
        RecordingIndex index = new RecordingIndex();
        SessionDiscovery resident = new CodexDiscoveryProvider().create(CodexSamplesTest.context(home, NOW));
        SessionDiscovery.Request request = new SessionDiscovery.Request(ProcessTable.empty(NOW), NOW, true,
                Optional.empty(), index, IndexProgress.NONE, TokenEstimator.charsPerToken());
        resident.discover(request);
        List<TranscriptIndex.UsageRow> filed = index.rows();
        assertThat(filed).hasSize(6 + 286 + 1);

        index.clear();
        resident.indexCleared();
        resident.discover(request);

        assertThat(index.rows()).containsExactlyInAnyOrderElementsOf(filed);
    }

    @Test
    void archivedCopyOfALiveSession_givesOneSession_andTheSameCallKeys() throws IOException {
        Path day = Samples.layOut(home.resolve(".codex"));
        Path archived = Files.createDirectories(home.resolve(".codex/archived_sessions"));
        Files.copy(day.resolve(Samples.ONE_TURN), archived.resolve(Samples.ONE_TURN));
        RecordingIndex index = new RecordingIndex();
        List<Session> sessions = discover(index);

        assertThat(sessions).hasSize(3);
        Set<String> keys = new HashSet<>();
        List<String> all = new ArrayList<>();
        index.rows().forEach(r -> {
            keys.add(r.callKey());
            all.add(r.callKey());
        });
        // The ledger de-duplicates by call key across files: the copy's six calls collapse onto the original's.
        assertThat(all).hasSize(6 + 6 + 286 + 1);
        assertThat(keys).hasSize(6 + 286 + 1);
    }

    @Test
    void rateLimits_recordedByCodex_areReported() throws IOException {
        Samples.layOut(home.resolve(".codex"));
        SessionDiscovery discovery = new CodexDiscoveryProvider().create(CodexSamplesTest.context(home, NOW));
        discovery.discover(new SessionDiscovery.Request(ProcessTable.empty(NOW), NOW, true, Optional.empty(),
                TranscriptIndex.inMemory(), IndexProgress.NONE, TokenEstimator.charsPerToken()));
        assertThat(discovery.diagnostics()).anySatisfy(line -> assertThat(line)
                .isEqualTo("latest OpenAI rate limits at 2026-02-24T12:09:44.233Z: 5h window 25% used, resets "
                        + "2026-02-24T13:16:59Z, 7d window 20% used, resets 2026-03-01T09:01:47Z"));
    }

    @Test
    void readContext_givesGoalsLastMessagesAndTheCompactionSummary() throws IOException {
        Samples.layOut(home.resolve(".codex"));
        SessionDiscovery discovery = new CodexDiscoveryProvider().create(CodexSamplesTest.context(home, NOW));
        Session longOne = discovery.discover(new SessionDiscovery.Request(ProcessTable.empty(NOW), NOW, true,
                Optional.empty(), TranscriptIndex.inMemory(), IndexProgress.NONE, TokenEstimator.charsPerToken()))
                .stream().filter(s -> s.id().nativeId().startsWith("019c8a59")).findFirst().orElseThrow();

        SessionContext context = discovery.readContext(longOne, new ContextRequest(2, 5, 3, 200, 500)).orElseThrow();

        assertThat(context.goals()).hasSize(2).allSatisfy(g -> assertThat(g.role()).isEqualTo("user"));
        assertThat(context.messages()).hasSize(5);
        assertThat(context.messages().get(4).at()).hasValue(Instant.parse("2026-02-24T12:09:44.163Z"));
        assertThat(context.compaction()).isPresent();
        assertThat(context.errors()).isEmpty();
        Session foreign = new Session(longOne.id(), "claude-code", longOne.pid(), longOne.activity(), longOne.cwd(),
                longOne.gitBranch(), longOne.title(), longOne.model(), longOne.startedAt(), longOne.lastActivityAt(),
                longOne.tokens(), longOne.context(), longOne.cost(), longOne.errors(), longOne.quality(),
                List.of(home.resolve("elsewhere.jsonl")));
        assertThat(discovery.readContext(foreign, ContextRequest.DEFAULT)).isEmpty();
    }

    @Test
    void tokenCountWithAnInvalidFigure_makesTheTokensUnknown_neverZero() throws IOException {
        Path day = Files.createDirectories(home.resolve(".codex/sessions/2026/02/23"));
        String id = "019c0000-0000-7000-8000-00000000000f";
        Files.writeString(day.resolve("rollout-2026-02-23T10-00-00-" + id + ".jsonl"),
                Lines.meta("2026-02-23T10:00:00Z", id, "/w/a") + Lines.tokens("2026-02-23T10:00:01Z", 100, 10, 110)
                        + Lines.tokens("2026-02-23T10:00:02Z", 200, 20, 110).replace("\"output_tokens\":20",
                                "\"output_tokens\":-5"),
                StandardCharsets.UTF_8);
        Session s = discover(TranscriptIndex.inMemory()).get(0);
        assertThat(s.tokens().known()).isFalse();
        assertThat(s.cost().usd()).isEmpty();
    }
}
