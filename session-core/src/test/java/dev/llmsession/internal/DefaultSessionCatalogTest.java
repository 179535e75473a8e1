package dev.llmsession.internal;

import static dev.llmsession.internal.SessionFixture.NOW;
import static dev.llmsession.internal.SessionFixture.session;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.error.AmbiguousSessionIdException;
import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.SessionNotFoundException;
import dev.llmsession.error.UsageException;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.HostProbe;
import dev.llmsession.spi.SessionDiscovery;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class DefaultSessionCatalogTest {
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A probe that counts its reads and returns a fresh table (a new object) each time. */
    private static final class CountingProbe implements HostProbe {
        final AtomicInteger reads = new AtomicInteger();
        final List<ProcessTable> handedOut = new ArrayList<>();

        @Override
        public synchronized ProcessTable processes() {
            reads.incrementAndGet();
            ProcessTable table = ProcessTable.of(NOW, List.of(new ProcessInfo(4242, 1, "claude", "/usr/bin/claude",
                    List.of("claude"), Optional.of("/home/u/work"), Optional.of(NOW.minus(ofHours(1))))));
            handedOut.add(table);
            return table;
        }
    }

    /** A discovery that returns fixed sessions and records every request. */
    private static final class FakeDiscovery implements SessionDiscovery {
        final List<Session> sessions;
        final List<Request> requests = new ArrayList<>();

        FakeDiscovery(Session... sessions) {
            this.sessions = List.of(sessions);
        }

        @Override
        public synchronized List<Session> discover(Request request) {
            requests.add(request);
            return sessions;
        }
    }

    private static final class ThrowingDiscovery implements SessionDiscovery {
        @Override
        public List<Session> discover(Request request) {
            throw new IllegalStateException("database locked", new java.io.IOException("SQLITE_BUSY"));
        }
    }

    private static DefaultSessionCatalog catalog(HostProbe probe, Map<String, SessionDiscovery> discoveries) {
        return new DefaultSessionCatalog(discoveries, Optional.of(probe), CLOCK);
    }

    private static Map<String, SessionDiscovery> adapters(Object... idAndDiscovery) {
        Map<String, SessionDiscovery> map = new LinkedHashMap<>();
        for (int i = 0; i < idAndDiscovery.length; i += 2) {
            map.put((String) idAndDiscovery[i], (SessionDiscovery) idAndDiscovery[i + 1]);
        }
        return map;
    }

    private static List<String> ids(SessionListing listing) {
        return listing.sessions().stream().map(s -> s.id().value()).toList();
    }

    @Test
    void list_severalAdapters_mergesTheirSessionsMostRecentFirst() {
        FakeDiscovery claude = new FakeDiscovery(
                session().id("claude", "aaa").idle(ofMinutes(5)).build(),
                session().id("claude", "bbb").idle(ofMinutes(1)).build());
        FakeDiscovery cursor = new FakeDiscovery(
                session().id("cursor", "ccc").assistant("cursor").idle(ofMinutes(3)).build());

        SessionListing listing = catalog(new CountingProbe(), adapters("claude-code", claude, "cursor", cursor))
                .list(SessionQuery.RUNNING);

        assertThat(ids(listing)).containsExactly("claude_bbb", "cursor_ccc", "claude_aaa");
        assertThat(listing.warnings()).isEmpty();
        assertThat(listing.takenAt()).isEqualTo(NOW);
    }

    @Test
    void list_anUnchangedSession_isTheInstanceListedBefore_aChangedOneIsNew() {
        AtomicReference<List<Session>> found = new AtomicReference<>(List.of(
                session().id("claude", "aaa").evidence("first").build(),
                session().id("claude", "bbb").build()));
        SessionDiscovery d = request -> List.copyOf(found.get());
        DefaultSessionCatalog catalog = catalog(new CountingProbe(), adapters("claude-code", d));
        Map<String, Session> first = byId(catalog.list(SessionQuery.RUNNING));

        // equal values in new instances, and one session that changed
        found.set(List.of(session().id("claude", "aaa").evidence("second").build(),
                session().id("claude", "bbb").build()));
        Map<String, Session> second = byId(catalog.list(SessionQuery.RUNNING));

        assertThat(second.get("claude_bbb")).isSameAs(first.get("claude_bbb"));
        assertThat(second.get("claude_aaa")).isNotSameAs(first.get("claude_aaa"))
                .extracting(s -> s.activity().evidence()).isEqualTo("second");
    }

    private static Map<String, Session> byId(SessionListing listing) {
        Map<String, Session> out = new java.util.HashMap<>();
        listing.sessions().forEach(s -> out.put(s.id().value(), s));
        return out;
    }

    @Test
    void list_severalAdapters_readsTheProcessTableOnceAndHandsEveryAdapterTheSameTable() {
        CountingProbe probe = new CountingProbe();
        FakeDiscovery a = new FakeDiscovery();
        FakeDiscovery b = new FakeDiscovery();
        FakeDiscovery c = new FakeDiscovery();
        DefaultSessionCatalog catalog = catalog(probe, adapters("a", a, "b", b, "c", c));

        catalog.list(SessionQuery.RUNNING);

        assertThat(probe.reads).hasValue(1);
        ProcessTable table = probe.handedOut.get(0);
        for (FakeDiscovery d : List.of(a, b, c)) {
            assertThat(d.requests).hasSize(1);
            assertThat(d.requests.get(0).processes()).isSameAs(table);
            assertThat(d.requests.get(0).now()).isEqualTo(NOW);
        }

        catalog.list(SessionQuery.ALL);

        assertThat(probe.reads).as("one read per list() call").hasValue(2);
        assertThat(a.requests.get(1).processes()).isSameAs(probe.handedOut.get(1))
                .isSameAs(b.requests.get(1).processes()).isSameAs(c.requests.get(1).processes());
    }

    @Test
    void list_query_isPassedToTheAdapters() {
        FakeDiscovery d = new FakeDiscovery();
        SessionQuery query = new SessionQuery(true, Optional.of(NOW.minus(ofDays(1))), Optional.empty());

        catalog(new CountingProbe(), adapters("claude-code", d)).list(query);

        assertThat(d.requests.get(0).includeEnded()).isTrue();
        assertThat(d.requests.get(0).endedSince()).contains(NOW.minus(ofDays(1)));
    }

    @Test
    void list_throwingAdapter_yieldsAWarningAndTheOtherAdaptersSessions() {
        FakeDiscovery claude = new FakeDiscovery(session().id("claude", "aaa").build());

        SessionListing listing = catalog(new CountingProbe(),
                adapters("claude-code", claude, "cursor", new ThrowingDiscovery())).list(SessionQuery.RUNNING);

        assertThat(ids(listing)).containsExactly("claude_aaa");
        assertThat(listing.warnings()).singleElement().asString()
                .startsWith("cursor: ").contains("database locked").contains("SQLITE_BUSY");
    }

    @Test
    void list_throwingProbe_warnsAndHandsAnEmptyTable() {
        FakeDiscovery d = new FakeDiscovery();
        HostProbe broken = () -> {
            throw new IllegalStateException("no /proc");
        };

        SessionListing listing = catalog(broken, adapters("claude-code", d)).list(SessionQuery.RUNNING);

        assertThat(listing.warnings()).singleElement().asString().contains("process table unreadable")
                .contains("no /proc");
        assertThat(d.requests.get(0).processes().processes()).isEmpty();
    }

    @Test
    void list_noProbe_warnsThatRunningCannotBeTold() {
        FakeDiscovery d = new FakeDiscovery();

        SessionListing listing = new DefaultSessionCatalog(adapters("claude-code", d), Optional.empty(), CLOCK)
                .list(SessionQuery.RUNNING);

        assertThat(listing.warnings()).singleElement().asString().contains("no host probe");
        assertThat(d.requests.get(0).processes().processes()).isEmpty();
    }

    @Test
    void list_runningOnly_dropsEndedSessionsEvenIfTheAdapterReturnsThem() {
        FakeDiscovery d = new FakeDiscovery(session().id("claude", "live").build(),
                session().id("claude", "dead").ended().build());

        assertThat(ids(catalog(new CountingProbe(), adapters("claude-code", d)).list(SessionQuery.RUNNING)))
                .containsExactly("claude_live");
    }

    @Test
    void list_includeEnded_keepsEndedSessions() {
        FakeDiscovery d = new FakeDiscovery(session().id("claude", "live").build(),
                session().id("claude", "dead").ended().idle(ofDays(30)).build());

        assertThat(ids(catalog(new CountingProbe(), adapters("claude-code", d)).list(SessionQuery.ALL)))
                .containsExactly("claude_live", "claude_dead");
    }

    @Test
    void list_includeEndedSince_dropsEndedSessionsLastActiveBeforeIt() {
        FakeDiscovery d = new FakeDiscovery(
                session().id("claude", "live").idle(ofDays(3)).build(),
                session().id("claude", "recent").ended().idle(ofHours(2)).build(),
                session().id("claude", "boundary").ended().lastActivityAt(NOW.minus(ofDays(1))).build(),
                session().id("claude", "old").ended().idle(ofDays(2)).build());
        SessionQuery lastDay = new SessionQuery(true, Optional.of(NOW.minus(ofDays(1))), Optional.empty());

        assertThat(ids(catalog(new CountingProbe(), adapters("claude-code", d)).list(lastDay)))
                .as("a running session is listed however long it has been quiet")
                .containsExactly("claude_recent", "claude_boundary", "claude_live");
    }

    @Test
    void list_assistantFilter_asksOnlyThatAdapter() {
        FakeDiscovery claude = new FakeDiscovery(session().id("claude", "aaa").build());
        FakeDiscovery cursor = new FakeDiscovery(session().id("cursor", "ccc").build());

        SessionListing listing = catalog(new CountingProbe(), adapters("claude-code", claude, "cursor", cursor))
                .list(new SessionQuery(false, Optional.empty(), Optional.of("cursor")));

        assertThat(ids(listing)).containsExactly("cursor_ccc");
        assertThat(claude.requests).isEmpty();
    }

    @Test
    void list_unknownAssistant_isAUsageErrorNamingTheKnownOnes() {
        DefaultSessionCatalog catalog = catalog(new CountingProbe(),
                adapters("cursor", new FakeDiscovery(), "claude-code", new FakeDiscovery()));

        assertThatThrownBy(() -> catalog.list(new SessionQuery(false, Optional.empty(), Optional.of("codex"))))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("codex")
                .hasMessageContaining("claude-code, cursor");
    }

    private static DefaultSessionCatalog resolver() {
        return catalog(new CountingProbe(), adapters(
                "claude-code", new FakeDiscovery(
                        session().id("claude", "4d5611e5-aaaa").build(),
                        session().id("claude", "4d5699ff-bbbb").ended().idle(ofDays(40)).build(),
                        session().id("claude", "abc").build(),
                        session().id("claude", "abcdef").build()),
                "cursor", new FakeDiscovery(session().id("cursor", "77aa").assistant("cursor").build())));
    }

    @Test
    void resolve_fullId_returnsThatSession() {
        assertThat(resolver().resolve("claude_4d5611e5-aaaa").id().value()).isEqualTo("claude_4d5611e5-aaaa");
    }

    @Test
    void resolve_uniquePrefixWithOrWithoutAssistantPrefix_returnsTheSession() {
        DefaultSessionCatalog catalog = resolver();

        assertThat(catalog.resolve("claude_4d5611").id().nativeId()).isEqualTo("4d5611e5-aaaa");
        assertThat(catalog.resolve("4d5611").id().nativeId()).isEqualTo("4d5611e5-aaaa");
        assertThat(catalog.resolve("  4D5611  ").id().nativeId()).isEqualTo("4d5611e5-aaaa");
        assertThat(catalog.resolve("77").id().value()).isEqualTo("cursor_77aa");
    }

    @Test
    void resolve_endedSession_isFoundToo() {
        assertThat(resolver().resolve("4d5699").id().nativeId()).isEqualTo("4d5699ff-bbbb");
    }

    @Test
    void resolve_exactIdThatIsAlsoAPrefixOfAnother_returnsTheExactOne() {
        assertThat(resolver().resolve("abc").id().nativeId()).isEqualTo("abc");
        assertThat(resolver().resolve("claude_abc").id().nativeId()).isEqualTo("abc");
    }

    @Test
    void resolve_ambiguousPrefix_throwsListingTheMatches() {
        assertThatThrownBy(() -> resolver().resolve("claude_4d56"))
                .isInstanceOfSatisfying(AmbiguousSessionIdException.class, e -> {
                    assertThat(e.matches()).containsExactly("claude_4d5611e5-aaaa", "claude_4d5699ff-bbbb");
                    assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_SESSION_ID);
                    assertThat(e.getMessage()).contains("claude_4d5611e5-aaaa").contains("claude_4d5699ff-bbbb");
                });
    }

    @Test
    void resolve_noMatch_throwsSessionNotFound() {
        assertThatThrownBy(() -> resolver().resolve("ffff"))
                .isInstanceOf(SessionNotFoundException.class)
                .hasMessageContaining("ffff")
                .extracting(e -> ((SessionNotFoundException) e).code()).isEqualTo(ErrorCode.SESSION_NOT_FOUND);
    }

    @Test
    void resolve_blankOrNull_isAUsageError() {
        assertThatThrownBy(() -> resolver().resolve("  ")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> resolver().resolve(null)).isInstanceOf(UsageException.class);
    }

    @Test
    void resolve_readsTheProcessTableOnce() {
        CountingProbe probe = new CountingProbe();
        DefaultSessionCatalog catalog = catalog(probe, adapters("claude-code",
                new FakeDiscovery(session().id("claude", "abc").build()), "cursor", new FakeDiscovery()));

        catalog.resolve("abc");

        assertThat(probe.reads).hasValue(1);
    }
}
