package dev.llmsession.discovery.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.EventStream;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.testkit.RecordingIndex;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollout Codex CLI 0.171.0 wrote against the scripted API (see the README beside it): exact figures. */
final class CodexCapturedTest {
    static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");
    static final String SESSION = "01a24d1c-3e88-7a21-844d-e08269c41fb3";
    static final String ROLLOUT = "sessions/2026/12/06/rollout-2026-12-06T20-47-06-" + SESSION + ".jsonl";
    /** Three calls: input 6,702 with 1,500 cached, output 162 with reasoning inside. */
    static final TokenUsage SENT = new TokenUsage(5_202, 162, 0, 1_500, 3);

    @TempDir
    Path home;

    private Path layOut() throws IOException {
        Path codexHome = home.resolve(".codex");
        SessionDiscoveryContract.copyTree(Path.of(resource("home/.codex")), codexHome);
        return codexHome.resolve(ROLLOUT);
    }

    private static String resource(String path) {
        try {
            return Path.of(CodexCapturedTest.class.getResource("/captured/codex-0.171.0/" + path).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private SessionDiscovery discovery() {
        return new CodexDiscoveryProvider().create(CodexSamplesTest.context(home, NOW));
    }

    private static SessionDiscovery.Request request(TranscriptIndex index) {
        return new SessionDiscovery.Request(ProcessTable.empty(NOW), NOW, true, Optional.empty(), index,
                IndexProgress.NONE, TokenEstimator.charsPerToken());
    }

    @Test
    void captured_exactFiguresSent_eachCallOnceThoughRecordedTwice_readOnly() throws IOException {
        layOut();
        Map<String, String> before = SessionDiscoveryContract.snapshot(home);
        RecordingIndex index = new RecordingIndex();

        List<Session> sessions = discovery().discover(request(index));

        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.id().value()).isEqualTo("codex_" + SESSION);
            assertThat(s.tokens().total()).isEqualTo(SENT);
            assertThat(s.tokens().total().total()).isEqualTo(6_864);
            assertThat(s.tokens().source()).isEqualTo(TokenSource.MEASURED);
            assertThat(s.context().tokens()).hasValue(3_234);
            assertThat(s.context().window()).isEqualTo(258_400);
            assertThat(s.context().windowAssumed()).isFalse();
            assertThat(s.model()).hasValue("gpt-5.5");
            assertThat(s.cwd()).hasValue("/tmp/a2c/cx/proj");
            assertThat(s.title()).hasValue("Say hello");
            assertThat(s.quality().clean()).isTrue();
        });
        assertThat(index.rows()).hasSize(3);
        assertThat(index.rows().stream().mapToLong(r -> r.input() + r.output() + r.cacheRead()).sum())
                .isEqualTo(6_864);
        assertThat(SessionDiscoveryContract.snapshot(home)).isEqualTo(before);
    }

    @Test
    void writtenLineByLine_andCutMidLine_incrementalEqualsCold_atEveryStep() throws IOException {
        Path rollout = layOut();
        byte[] whole = Files.readAllBytes(rollout);
        SessionDiscovery warm = discovery();
        TranscriptIndex index = TranscriptIndex.inMemory();
        Files.write(rollout, new byte[0]);
        int written = 0;
        for (int cut : cuts(whole)) {
            Files.write(rollout, Arrays.copyOfRange(whole, written, cut), StandardOpenOption.APPEND);
            written = cut;
            List<Session> incremental = warm.discover(request(index));
            List<Session> cold = discovery().discover(request(TranscriptIndex.inMemory()));
            assertThat(incremental).extracting(Session::tokens).isEqualTo(cold.stream().map(Session::tokens).toList());
        }
        assertThat(warm.discover(request(index)).get(0).tokens().total()).isEqualTo(SENT);
    }

    /** Every line end, and the middle of every line. */
    private static List<Integer> cuts(byte[] bytes) {
        List<Integer> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                out.add(start + (i - start) / 2);
                out.add(i + 1);
                start = i + 1;
            }
        }
        return out;
    }

    @Test
    void truncatedAndGarbageTail_neverThrows_theCompleteCallsStay() throws IOException {
        Path rollout = layOut();
        String text = Files.readString(rollout);
        int lastCall = text.lastIndexOf("{\"timestamp\"", text.lastIndexOf("\"token_usage_record\""));
        Files.writeString(rollout, text.substring(0, lastCall + 40) + "\u0000\u0000garbage\n{not json}\n");

        Session s = discovery().discover(request(TranscriptIndex.inMemory())).get(0);

        assertThat(s.tokens().total()).isEqualTo(new TokenUsage(2_968, 101, 0, 500, 2));
        assertThat(s.quality().malformedLines()).isPositive();
    }

    @Test
    void eventsAndExport_theTypedPromptsAndReplies() throws IOException {
        layOut();
        SessionDiscovery d = discovery();
        Session s = d.discover(request(TranscriptIndex.inMemory())).get(0);

        try (EventStream events = d.events(s).orElseThrow()) {
            assertThat(events.poll(100)).extracting(e -> e.kind() + " " + e.text()).containsExactly(
                    "PROMPT Say hello", "REPLY OK 1", "PROMPT Say it again", "REPLY OK 2", "PROMPT Once more",
                    "REPLY OK 3");
        }
        SessionContext c = d.readContext(s, ContextRequest.DEFAULT).orElseThrow();
        assertThat(c.goals()).extracting(ContextMessage::text).containsExactly("Say hello", "Say it again",
                "Once more");
        assertThat(c.messages()).extracting(ContextMessage::text).containsExactly("Say hello", "OK 1",
                "Say it again", "OK 2", "Once more", "OK 3");
        assertThat(d.control(s)).hasValueSatisfying(ctl -> assertThat(ctl.resumeCommand())
                .containsExactly("codex", "resume", SESSION));
    }

    /** Synthetic (no capture had both): a rollout writing a message both ways shows it once, the first way seen. */
    @Test
    void bothMessageFamiliesInOneRollout_eachMessageShownOnce() throws IOException {
        Path rollout = layOut();
        Files.writeString(rollout, "{\"timestamp\":\"2026-12-06T20:50:00Z\",\"type\":\"event_msg\",\"payload\":"
                + "{\"type\":\"user_message\",\"message\":\"Both ways\"}}\n", StandardOpenOption.APPEND);
        SessionDiscovery d = discovery();
        Session s = d.discover(request(TranscriptIndex.inMemory())).get(0);

        try (EventStream events = d.events(s).orElseThrow()) {
            assertThat(events.poll(100)).extracting(e -> e.text()).containsExactly("Say hello", "OK 1",
                    "Say it again", "OK 2", "Once more", "OK 3");
        }
        assertThat(d.readContext(s, ContextRequest.DEFAULT).orElseThrow().messages()).hasSize(6);
    }
}
