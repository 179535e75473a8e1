package dev.llmsession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.error.DiscoveryException;
import dev.llmsession.error.UsageException;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class SessionContextsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String KEY = "ghp" + "_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";

    private static Session session(String assistant) {
        return new Session(new SessionId("claude", "s1"), assistant, OptionalLong.empty(),
                Activity.of(ActivityState.ENDED, "test"), Optional.of("/w/p"), Optional.of("main"), Optional.empty(),
                Optional.of("claude-opus-4-6"), NOW.minusSeconds(600), NOW.minusSeconds(60),
                new TokenFigures(new TokenUsage(1, 2, 3, 4, 5), TokenUsage.ZERO, TokenSource.MEASURED),
                new ContextFill(OptionalLong.of(40_000), 200_000, false, OptionalLong.of(167_000), TokenSource.MEASURED),
                new Cost(OptionalDouble.of(1.23456), List.of(), "2026-02-01"), ErrorCounts.NONE, DataQuality.CLEAN,
                List.of(Path.of("/x.jsonl")));
    }

    private static LlmSessions with(SessionDiscovery discovery) {
        SessionDiscoveryProvider provider = new SessionDiscoveryProvider() {
            @Override
            public String id() {
                return "claude-code";
            }

            @Override
            public String idPrefix() {
                return "claude";
            }

            @Override
            public int spiVersion() {
                return SpiVersion.CURRENT;
            }

            @Override
            public SessionDiscovery create(ProviderContext context) {
                return discovery;
            }
        };
        return LlmSessions.builder().context(new ProviderContext(Path.of("/home/u"), Map.of(),
                Clock.fixed(NOW, ZoneOffset.UTC), Map.of())).discovery(provider).build();
    }

    @Test
    void export_adapterReadsContext_packWithFiguresAndRedactedText() {
        AtomicReference<ContextRequest> asked = new AtomicReference<>();
        SessionDiscovery discovery = new SessionDiscovery() {
            @Override
            public List<Session> discover(Request request) {
                return List.of();
            }

            @Override
            public Optional<SessionContext> readContext(Session s, ContextRequest request) {
                asked.set(request);
                return Optional.of(new SessionContext(List.of(new ContextMessage("user", Optional.empty(),
                        "token " + KEY, false)), List.of(), Optional.empty(), List.of(), List.of(), List.of()));
            }
        };

        ContextPack pack = with(discovery).contexts().export(session("claude-code"),
                ContextRequest.DEFAULT.withMessages(5), true);

        assertThat(asked.get().messages()).isEqualTo(5);
        assertThat(pack.exportedAt()).isEqualTo(NOW);
        assertThat(pack.figures().contextTokens()).hasValue(40_000);
        assertThat(pack.figures().totalTokens()).hasValue(10);
        assertThat(pack.figures().costUsd()).contains("1.2346");
        assertThat(pack.figures().healthScore()).isPresent();
        assertThat(pack.context().goals().get(0).text()).isEqualTo("token [REDACTED:github-token]");
        assertThat(pack.redaction()).isEqualTo(new ContextPack.Redaction(true, 1));
    }

    @Test
    void export_adapterWithoutContextSupport_failsWithOneLine() {
        SessionDiscovery old = request -> List.of(); // built against the first SPI: readContext is the default

        assertThatThrownBy(() -> with(old).contexts().export(session("claude-code"), ContextRequest.DEFAULT, true))
                .isInstanceOf(DiscoveryException.class).hasMessageContaining("has no readable conversation");
        assertThatThrownBy(() -> with(old).contexts().export(session("cursor"), ContextRequest.DEFAULT, true))
                .isInstanceOf(UsageException.class).hasMessageContaining("no active adapter for cursor");
    }
}
