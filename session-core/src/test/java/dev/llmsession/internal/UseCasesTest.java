package dev.llmsession.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.DiagnosticsReport;
import dev.llmsession.api.HistoryQuery;
import dev.llmsession.api.HistoryReport;
import dev.llmsession.api.Refreshed;
import dev.llmsession.api.UsageKind;
import dev.llmsession.api.UsageReport;
import dev.llmsession.api.UsageRequest;
import dev.llmsession.error.DiscoveryException;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.StoredContext;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SessionStoreProvider;
import dev.llmsession.spi.SpiVersion;
import dev.llmsession.spi.TranscriptIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The use cases LlmSessions offers the CLI and embedders, over the core's in-memory store. */
final class UseCasesTest {
    private static final Instant NOW = SessionFixture.NOW;
    private final MovingClock clock = new MovingClock(NOW);
    private final Adapter adapter = new Adapter();

    /** One ended session in /work/shop whose context grows by 1,000 tokens and which makes one call per refresh. */
    private final class Adapter implements SessionDiscoveryProvider {
        final List<SessionDiscovery.Request> requests = new ArrayList<>();
        final AtomicLong calls = new AtomicLong();
        final AtomicLong indexCleared = new AtomicLong();

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
            return new SessionDiscovery() {
                @Override
                public List<Session> discover(Request request) {
                    requests.add(request);
                    long n = calls.incrementAndGet();
                    request.index().commit("claude-code", new TranscriptIndex.Commit(List.of(), List.of(),
                            Map.of("/p/s.jsonl", List.of(new TranscriptIndex.UsageRow("s1", "k" + n,
                                    NOW.minus(Duration.ofHours(1)).toEpochMilli() + n, "claude-opus-4-6", 10, 20,
                                    0, 0, 0.5, false)))));
                    return List.of(session(1_000 * n));
                }

                @Override
                public List<String> diagnostics() {
                    return List.of("looked in /home/u/.claude");
                }

                @Override
                public void indexCleared() {
                    // told before the refresh that fills the index again
                    assertThat(requests).hasSize(0);
                    indexCleared.incrementAndGet();
                }
            };
        }
    }

    private static Session session(long contextTokens) {
        return SessionFixture.session().id("claude", "s1").ended().lastActivityAt(NOW.minus(Duration.ofMinutes(30)))
                .context(contextTokens, 200_000, 167_000).build();
    }

    private final SessionStore store = SessionStore.inMemory();

    private LlmSessions withStore() {
        return LlmSessions.builder().context(new ProviderContext(Path.of("/home/u"), Map.of(), clock, Map.of()))
                .discovery(adapter).store(new SessionStoreProvider() {
                    @Override
                    public String id() {
                        return "memory";
                    }

                    @Override
                    public int spiVersion() {
                        return SpiVersion.CURRENT;
                    }

                    @Override
                    public SessionStore create(ProviderContext context) {
                        return store;
                    }
                }).build();
    }

    private LlmSessions withoutStore() {
        return LlmSessions.builder().context(new ProviderContext(Path.of("/home/u"), Map.of(), clock, Map.of()))
                .discovery(adapter).build();
    }

    @Test
    void usage_refreshAndReport_indexesWhatChangedFirst_reportAloneReadsTheIndexAsItIs() {
        LlmSessions lib = withStore();
        UsageRequest daily = UsageRequest.of(UsageKind.DAILY, ZoneOffset.UTC);

        assertThat(lib.usage().orElseThrow().report(daily).totals().calls()).isZero();
        assertThat(adapter.requests).isEmpty();

        Refreshed<UsageReport> refreshed = lib.usage().orElseThrow().refreshAndReport(daily);
        assertThat(refreshed.value().totals().calls()).isEqualTo(1);
        assertThat(refreshed.warnings()).containsExactly(
                "no host probe installed: running sessions cannot be told from ended ones");
        assertThat(adapter.requests).singleElement().satisfies(r -> assertThat(r.includeEnded()).isTrue());
    }

    @Test
    void usage_activeBlock_indexesRecentlyEndedSessionsAtMostOnceAMinute() {
        LlmSessions lib = withStore();

        assertThat(lib.usage().orElseThrow().activeBlock(Optional.empty())).isPresent();
        assertThat(adapter.requests).singleElement().satisfies(r -> {
            assertThat(r.includeEnded()).isTrue();
            assertThat(r.endedSince()).hasValue(NOW.minus(Duration.ofHours(10)));
        });
        clock.now = NOW.plusSeconds(30);
        lib.usage().orElseThrow().activeBlock(Optional.empty());
        assertThat(adapter.requests).hasSize(1);
        clock.now = NOW.plusSeconds(61);
        lib.usage().orElseThrow().activeBlock(Optional.empty());
        assertThat(adapter.requests).hasSize(2);
    }

    @Test
    void history_refreshesThenReturnsRecordedSessionsAndTheirImportedPacksFiltered() {
        LlmSessions lib = withStore();
        assertThat(lib.imports().record(pack("aa", "/work/shop", NOW.minusSeconds(60)))).isTrue();
        lib.imports().record(pack("bb", "/work/other", NOW.minusSeconds(30)));
        lib.imports().record(pack("cc", "/work/shop", NOW.minus(Duration.ofDays(3))));

        HistoryReport all = lib.history().orElseThrow().history(new HistoryQuery(Optional.empty(), Optional.empty(),
                Optional.empty()));
        assertThat(adapter.requests).hasSize(1);
        assertThat(all.sessions()).extracting(s -> s.id().value()).containsExactly("claude_s1");
        assertThat(all.imported()).extracting(StoredContext::sha256).containsExactly("bb", "aa", "cc");

        HistoryReport shop = lib.history().orElseThrow().history(new HistoryQuery(
                Optional.of(NOW.minus(Duration.ofDays(1))), Optional.of("shop"), Optional.of("claude-code")));
        assertThat(shop.imported()).extracting(StoredContext::sha256).containsExactly("aa");
        assertThat(lib.history().orElseThrow().history(new HistoryQuery(Optional.empty(), Optional.empty(),
                Optional.of("codex"))).imported()).isEmpty();
    }

    @Test
    void trends_samplesTakenByEachRefreshThatChangedTheFigures() {
        LlmSessions lib = withStore();
        lib.catalog().list(dev.llmsession.api.SessionQuery.ALL);
        clock.now = NOW.plusSeconds(5);
        lib.catalog().list(dev.llmsession.api.SessionQuery.ALL);

        assertThat(lib.trends().samples(new SessionId("claude", "s1"), Instant.EPOCH))
                .extracting(s -> s.contextTokens().getAsLong()).containsExactly(1_000L, 2_000L);
        assertThat(lib.trends().samples(new SessionId("claude", "s1"), NOW.plusSeconds(1))).hasSize(1);
    }

    @Test
    void diagnostics_rebuildsTheIndexThenReportsEveryPart() {
        LlmSessions lib = withStore();
        store.index().commit("claude-code", new TranscriptIndex.Commit(List.of(new TranscriptIndex.Entry("/p/gone.jsonl",
                "inode-1", 10, 1, 10, new byte[0])), List.of(), Map.of()));

        DiagnosticsReport report = lib.diagnostics().diagnose(true);

        assertThat(report.indexRebuilt()).isTrue();
        assertThat(report.store()).hasValue(List.of("store: in memory (forgotten when the process exits)"));
        assertThat(report.discoveries()).containsExactly(Map.entry("claude-code", List.of("looked in /home/u/.claude")));
        assertThat(report.providers()).extracting(p -> p.id()).contains("claude-code", "memory");
        assertThat(store.index().load("claude-code")).as("forgotten before the refresh").isEmpty();
        assertThat(adapter.indexCleared).as("each adapter told, to forget what it kept of the index").hasValue(1);
        assertThat(adapter.requests).hasSize(1);
    }

    @Test
    void withoutAStore_theStoreUseCasesSaySoAndControlFallsBackToTheSession() {
        LlmSessions lib = withoutStore();

        assertThat(lib.storeInUse()).isFalse();
        assertThat(lib.usage()).isEmpty();
        assertThat(lib.history()).isEmpty();
        assertThat(lib.imports().record(pack("aa", "/work/shop", NOW))).isFalse();
        assertThat(lib.trends().samples(new SessionId("claude", "s1"), Instant.EPOCH)).isEmpty();
        DiagnosticsReport report = lib.diagnostics().diagnose(true);
        assertThat(report.store()).isEmpty();
        assertThat(report.indexRebuilt()).isFalse();

        Session s = session(1);
        assertThat(lib.control(s)).isEqualTo(SessionControl.resumeOnly(s, List.of()));
        assertThat(lib.events(s)).isEmpty();
        Session other = SessionFixture.session().id("codex", "x").assistant("codex").build();
        assertThatThrownBy(() -> lib.events(other)).isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("no active adapter for codex");
    }

    private static StoredContext pack(String sha, String cwd, Instant importedAt) {
        return new StoredContext(sha, "claude_s1", "claude-code", Optional.of(cwd), NOW.minus(Duration.ofDays(5)),
                importedAt, "/tmp/" + sha + ".json", "{}");
    }
}
