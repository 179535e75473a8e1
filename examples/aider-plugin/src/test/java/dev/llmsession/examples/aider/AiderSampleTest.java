package dev.llmsession.examples.aider;

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

/** The real sample against the figures computed independently (see the sample's README). */
final class AiderSampleTest {
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path home;

    private SessionDiscovery discovery(Map<String, String> settings) {
        return new AiderDiscoveryProvider().create(new ProviderContext(home, Map.of(),
                Clock.fixed(NOW, ZoneOffset.UTC), settings));
    }

    private static SessionDiscovery.Request request(ProcessTable table, boolean all, TranscriptIndex index) {
        return new SessionDiscovery.Request(table, NOW, all, Optional.empty(), index, IndexProgress.NONE,
                TokenEstimator.charsPerToken());
    }

    private List<Session> all(TranscriptIndex index) {
        return discovery(Map.of("aider.roots", home.resolve("code").toString()))
                .discover(request(ProcessTable.empty(NOW), true, index));
    }

    @Test
    void sample_givesEveryChatWithTheExpectedTotals() throws IOException {
        AiderSample.layOut(home.resolve("code/aider"));
        List<Session> sessions = all(TranscriptIndex.inMemory());

        assertThat(sessions).hasSize(383);
        assertThat(sessions.stream().map(s -> s.id().value()).distinct()).hasSize(383);
        TokenUsage sum = sessions.stream().filter(s -> s.tokens().known()).map(s -> s.tokens().total())
                .reduce(TokenUsage.ZERO, TokenUsage::plus);
        assertThat(sum).isEqualTo(new TokenUsage(1_870_280, 79_184, 109_595, 205_524, 263));
        assertThat(sessions).filteredOn(s -> s.tokens().known()).hasSize(178);
        assertThat(sessions).filteredOn(s -> s.tokens().source() == TokenSource.ESTIMATED).hasSize(69);
        assertThat(sessions.stream().filter(s -> s.cost().usd().isPresent())
                .mapToDouble(s -> s.cost().usd().getAsDouble()).sum())
                .isCloseTo(6.1374478, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sessions).allSatisfy(s -> {
            assertThat(s.activity().state()).isEqualTo(ActivityState.ENDED);
            assertThat(s.context().windowAssumed()).isTrue();
        });
    }

    @Test
    void firstChat_hasItsHeaderTimeModelTitleAndAiderCost() throws IOException {
        AiderSample.layOut(home.resolve("code/aider"));
        Session first = all(TranscriptIndex.inMemory()).stream()
                .filter(s -> s.startedAt().equals(Instant.parse("2024-08-17T06:57:37Z"))).findFirst().orElseThrow();

        assertThat(first.model()).hasValue("claude-3-5-sonnet-20240620");
        assertThat(first.title()).hasValue("add a new `ModelSettings` cache_control");
        assertThat(first.tokens().total()).isEqualTo(new TokenUsage(36_303, 1_792, 0, 0, 4));
        assertThat(first.tokens().source()).isEqualTo(TokenSource.MEASURED);
        assertThat(first.context().tokens()).hasValue(9_976);
        assertThat(first.cost().usd()).hasValue(0.14);
    }

    @Test
    void appendedReply_isReadIncrementally_andEqualsAColdRead() throws IOException {
        Path file = AiderSample.layOut(home.resolve("code/aider"));
        TranscriptIndex index = TranscriptIndex.inMemory();
        all(index);
        Files.writeString(file, "\n# aider chat started at 2026-11-30 10:00:00\n\n> Model: gpt-4o with diff edit "
                + "format\n\n#### hello\n\nHi.\n\n> Tokens: 1,200 sent, 34 received. Cost: $0.0034 message, "
                + "$0.0034 session.  \n> Tokens: 2.5k sent", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<Session> warm = all(index);
        List<Session> cold = all(TranscriptIndex.inMemory());

        assertThat(warm).hasSize(384);
        assertThat(warm.toString()).isEqualTo(cold.toString());
        Session added = warm.stream().filter(s -> s.startedAt().equals(Instant.parse("2026-11-30T10:00:00Z")))
                .findFirst().orElseThrow();
        // The unfinished last line waits for its newline: one reply so far, and its bytes are reported.
        assertThat(added.tokens().total()).isEqualTo(new TokenUsage(1_200, 34, 0, 0, 1));
        assertThat(added.quality().partialTailBytes()).isEqualTo("> Tokens: 2.5k sent".length());
    }

    @Test
    void liveAiderProcessInTheProjectStartedBeforeTheLastChat_ownsIt() throws IOException {
        Path project = home.resolve("code/aider");
        AiderSample.layOut(project);
        ProcessInfo python = new ProcessInfo(4242, 1, "python3.12", "/usr/bin/python3.12",
                List.of("/usr/bin/python3.12", "/home/me/.local/bin/aider", "--model", "gpt-4o"),
                Optional.of(project.toString()), Optional.of(Instant.parse("2024-08-22T08:47:00Z")));
        ProcessInfo other = new ProcessInfo(4243, 1, "python3.12", "/usr/bin/python3.12",
                List.of("/usr/bin/python3.12", "server.py"), Optional.of(project.toString()),
                Optional.of(Instant.parse("2024-08-22T08:47:00Z")));

        List<Session> running = discovery(Map.of()).discover(request(ProcessTable.of(NOW, List.of(python, other)),
                false, TranscriptIndex.inMemory()));

        assertThat(running).singleElement().satisfies(s -> {
            assertThat(s.pid()).hasValue(4242);
            assertThat(s.startedAt()).isEqualTo(Instant.parse("2024-08-22T08:47:04Z"));
            assertThat(s.running()).isTrue();
        });
    }
}
