package dev.llmsession.discovery.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenSource;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.testkit.FlatJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three real rollouts against the totals their source repository published in
 * {@code expected-codex-sessions.json} (the session maximum of the running {@code total_token_usage}).
 */
final class CodexSamplesTest {
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path home;

    private Map<String, Session> sessions;

    /** One session of the expected file, the fields this test compares. */
    record Expected(String id, String start, String end, String project, String branch, long input, long cacheRead,
            long output) {
    }

    static SessionDiscovery.Request request(ProcessTable processes, Instant now) {
        return new SessionDiscovery.Request(processes, now, true, Optional.empty(), TranscriptIndex.inMemory(),
                IndexProgress.NONE, TokenEstimator.charsPerToken());
    }

    static ProviderContext context(Path home, Instant now) {
        return new ProviderContext(home, Map.of(), Clock.fixed(now, ZoneOffset.UTC), Map.of());
    }

    @BeforeEach
    void discover() throws IOException {
        Samples.layOut(home.resolve(".codex"));
        List<Session> found = new CodexDiscoveryProvider().create(context(home, NOW))
                .discover(request(ProcessTable.empty(NOW), NOW));
        sessions = new HashMap<>();
        found.forEach(s -> sessions.put(s.id().nativeId(), s));
    }

    /** Reads the expected sessions with a streaming parser (the plugin has no data binding). */
    static Map<String, Expected> expected() throws IOException {
        Map<String, Expected> out = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(Samples.bytes("expected-codex-sessions.json"))) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("sessions")) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        Map<String, String> f = new HashMap<>();
                        FlatJson.flatten(p, "", f);
                        out.put(f.get("id"), new Expected(f.get("id"), f.get("start_time"), f.get("end_time"),
                                f.get("project_path"), f.get("git_branch"), Long.parseLong(f.get("tokens.input")),
                                Long.parseLong(f.get("tokens.cache_read")), Long.parseLong(f.get("tokens.output"))));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void samples_tokens_matchTheExpectedTotalsExactly() throws IOException {
        Map<String, Expected> expected = expected();
        assertThat(sessions).hasSize(3);

        for (Session s : sessions.values()) {
            Expected e = expected.get(s.id().nativeId());
            assertThat(e).as("expected entry for %s", s.id()).isNotNull();
            assertThat(s.tokens().source()).isEqualTo(TokenSource.MEASURED);
            // Codex counts cached input inside input_tokens; the model keeps uncached input and cache reads apart.
            assertThat(s.tokens().total().input()).as("uncached input of %s", s.id()).isEqualTo(e.input() - e.cacheRead());
            assertThat(s.tokens().total().cacheRead()).as("cache read of %s", s.id()).isEqualTo(e.cacheRead());
            assertThat(s.tokens().total().output()).as("output of %s", s.id()).isEqualTo(e.output());
            assertThat(s.tokens().total().cacheWrite()).isZero();
            assertThat(s.tokens().total().total()).isEqualTo(e.input() + e.output());
            assertThat(s.startedAt()).isEqualTo(Instant.parse(e.start().replace("+00:00", "Z")));
            assertThat(s.lastActivityAt()).isEqualTo(Instant.parse(e.end().replace("+00:00", "Z")));
            assertThat(s.cwd()).hasValue(e.project());
            assertThat(s.gitBranch()).hasValue(e.branch());
        }
    }

    @Test
    void samples_oneTurn_totalIs299496FromSixChangesNotTheSumOfLastUsage() {
        Session s = sessions.get("019c8bfe-ec25-79e0-97d7-bda6a9c575ff");

        assertThat(s.tokens().total().total()).isEqualTo(299_496);
        assertThat(s.tokens().total().apiCalls()).isEqualTo(6);
        // The sum of last_token_usage over the 11 events with info would be 535,265: the repeats inflate it.
        assertThat(s.tokens().total().total()).isNotEqualTo(535_265);
        // Context now: the last call's whole input (cached included), as Codex 0.171 computes it.
        assertThat(s.context().tokens()).hasValue(63_441);
        assertThat(s.context().window()).isEqualTo(258_400);
        assertThat(s.context().windowAssumed()).isFalse();
        assertThat(s.context().percent().getAsDouble()).isCloseTo(24.55, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void samples_longSession_countsEachChangeOnceAcrossTheCompaction() {
        Session s = sessions.get("019c8a59-e9dd-71f0-9ae3-4079fe9726a9");

        assertThat(s.tokens().total().total()).isEqualTo(33_944_484);
        assertThat(s.tokens().total().apiCalls()).isEqualTo(286);
        assertThat(s.context().tokens()).hasValue(162_073);
        assertThat(s.model()).hasValue("gpt-5.3-codex");
        assertThat(s.errors().total()).isZero();
        assertThat(s.quality().clean()).isTrue();
        // 2,188,981 uncached input x $1.75 + 31,621,504 cached x $0.175 + 133,999 output x $14, per million.
        assertThat(s.tokens().total().input()).isEqualTo(2_188_981);
        assertThat(s.tokens().total().cacheRead()).isEqualTo(31_621_504);
        assertThat(s.cost().usd().getAsDouble()).isCloseTo(11.24046595, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(s.cost().priceTableDate()).isEqualTo("2026-05-13");
    }

    @Test
    void samples_noProcess_everySessionEndedWithIdsPrefixedCodex() {
        assertThat(sessions.values()).allSatisfy(s -> {
            assertThat(s.activity().state()).isEqualTo(ActivityState.ENDED);
            assertThat(s.id().value()).startsWith("codex_");
            assertThat(s.assistant()).isEqualTo("codex");
            assertThat(s.pid()).isEmpty();
        });
        assertThat(sessions.get("019c8a70-dda7-7f33-98ea-f30553347322").tokens().total().total()).isEqualTo(34_900);
    }
}
