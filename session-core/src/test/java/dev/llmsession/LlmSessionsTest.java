package dev.llmsession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.api.ProviderStatus;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.model.HealthPolicy;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.HostProbe;
import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SessionStoreProvider;
import dev.llmsession.spi.SpiVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

final class LlmSessionsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final ProviderContext CONTEXT = new ProviderContext(Path.of("/home/u"), Map.of(),
            Clock.fixed(NOW, ZoneOffset.UTC), Map.of());

    private static final class Discovery implements SessionDiscoveryProvider {
        private final String id;
        private final Function<ProviderContext, SessionDiscovery> factory;

        Discovery(String id, Function<ProviderContext, SessionDiscovery> factory) {
            this.id = id;
            this.factory = factory;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String idPrefix() {
            return id;
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public SessionDiscovery create(ProviderContext context) {
            return factory.apply(context);
        }
    }

    private static final class Probe implements HostProbeProvider {
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public String id() {
            return "fake-probe";
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public HostProbe create(ProviderContext context) {
            return () -> {
                reads.incrementAndGet();
                return ProcessTable.empty(context.clock().instant());
            };
        }
    }

    private static final class Store implements SessionStoreProvider {
        private final Supplier<SessionStore> open;

        Store(Supplier<SessionStore> open) {
            this.open = open;
        }

        @Override
        public String id() {
            return "fake-store";
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public SessionStore create(ProviderContext context) {
            return open.get();
        }
    }

    /** An in-memory store that says when it was closed. */
    private static final class ClosingStore implements SessionStore {
        private final SessionStore delegate = SessionStore.inMemory();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public dev.llmsession.spi.TranscriptIndex index() {
            return delegate.index();
        }

        @Override
        public dev.llmsession.spi.SnapshotHistory history() {
            return delegate.history();
        }

        @Override
        public dev.llmsession.spi.UsageLedger ledger() {
            return delegate.ledger();
        }

        @Override
        public dev.llmsession.spi.ContextArchive contexts() {
            return delegate.contexts();
        }

        @Override
        public dev.llmsession.spi.FileTokenCache fileTokenCache() {
            return delegate.fileTokenCache();
        }

        @Override
        public void clearIndex() {
            delegate.clearIndex();
        }

        @Override
        public List<String> describe() {
            return delegate.describe();
        }

        @Override
        public void close() {
            closed.set(true);
            delegate.close();
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ProviderStatus status(LlmSessions sessions, String id) {
        return sessions.providers().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void build_opensTheStoreWhileTheAdaptersAreCreated() {
        CountDownLatch storeOpening = new CountDownLatch(1);
        AtomicBoolean sawStoreOpening = new AtomicBoolean();
        SessionStore opened = SessionStore.inMemory();
        LlmSessions sessions = LlmSessions.builder().context(CONTEXT)
                .store(new Store(() -> {
                    storeOpening.countDown();
                    return opened;
                }))
                .discovery(new Discovery("one", c -> {
                    // one after the other, the store would open only once this adapter is created
                    sawStoreOpening.set(awaitQuietly(storeOpening));
                    return request -> List.<Session>of();
                }))
                .build();

        assertThat(sawStoreOpening).isTrue();
        assertThat(sessions.storeInUse()).isTrue();
        assertThat(sessions.providers()).extracting(ProviderStatus::id).containsExactly("one", "fake-store");
        assertThat(sessions.providers()).allMatch(ProviderStatus::active);
    }

    @Test
    void build_aStoreThatFailsToOpenIsInactiveWithItsReason() {
        LlmSessions sessions = LlmSessions.builder().context(CONTEXT)
                .store(new Store(() -> {
                    throw new IllegalStateException("schema 99 is newer than this build");
                }))
                .discovery(new Discovery("one", c -> request -> List.<Session>of()))
                .build();

        assertThat(sessions.storeInUse()).isFalse();
        assertThat(status(sessions, "fake-store").active()).isFalse();
        assertThat(status(sessions, "fake-store").reason()).hasValueSatisfying(r -> assertThat(r)
                .contains("schema 99 is newer than this build"));
        assertThat(sessions.catalog().list(SessionQuery.RUNNING).warnings())
                .anySatisfy(w -> assertThat(w).startsWith("store fake-store not in use"));
    }

    @Test
    void build_aBuiltInAdapterThatBreaksTheBuild_closesTheStoreOpenedBesideIt() {
        ClosingStore store = new ClosingStore();
        CountDownLatch opened = new CountDownLatch(1);
        assertThatThrownBy(() -> LlmSessions.builder().context(CONTEXT)
                .store(new Store(() -> {
                    opened.countDown();
                    return store;
                }))
                .discovery(new Discovery("broken", c -> {
                    awaitQuietly(opened);
                    throw new NoClassDefFoundError("a class this installation lacks");
                }))
                .build()).isInstanceOf(NoClassDefFoundError.class);

        // opened beside the adapters, it is closed; opened after them, it would never have been opened
        assertThat(store.closed).isTrue();
    }

    @Test
    void build_explicitProviders_listsThroughThemWithOneProcessRead() {
        Probe probe = new Probe();
        LlmSessions sessions = LlmSessions.builder().context(CONTEXT)
                .discovery(new Discovery("one", c -> request -> List.<Session>of()))
                .discovery(new Discovery("two", c -> request -> List.<Session>of()))
                .hostProbe(probe).build();

        SessionListing listing = sessions.catalog().list(SessionQuery.RUNNING);

        assertThat(listing.takenAt()).isEqualTo(NOW);
        assertThat(listing.warnings()).isEmpty();
        assertThat(probe.reads).hasValue(1);
        assertThat(sessions.diagnostics().diagnose(false).discoveries()).containsOnlyKeys("one", "two");
        assertThat(sessions.providers()).extracting(ProviderStatus::id).containsExactlyInAnyOrder("one", "two",
                "fake-probe");
        assertThat(sessions.providers()).allMatch(ProviderStatus::active);
    }

    @Test
    void build_twoAdaptersWithOneIdPrefix_theSecondIsInactiveSoIdsCannotCollide() {
        LlmSessions sessions = LlmSessions.builder().context(CONTEXT)
                .discovery(new Discovery("one", c -> request -> List.<Session>of()))
                .discovery(new SessionDiscoveryProvider() {
                    @Override
                    public String id() {
                        return "two";
                    }

                    @Override
                    public String idPrefix() {
                        return "one";
                    }

                    @Override
                    public int spiVersion() {
                        return SpiVersion.CURRENT;
                    }

                    @Override
                    public SessionDiscovery create(ProviderContext context) {
                        return request -> List.<Session>of();
                    }
                })
                .hostProbe(new Probe()).build();

        assertThat(sessions.diagnostics().diagnose(false).discoveries()).containsOnlyKeys("one");
        assertThat(status(sessions, "two").active()).isFalse();
        assertThat(status(sessions, "two").reason()).hasValue("id prefix 'one' is already used by one");
    }

    @Test
    void build_providerWhoseCreateThrows_isReportedInactiveAndTheRestWork() {
        LlmSessions sessions = LlmSessions.builder().context(CONTEXT)
                .discovery(new Discovery("broken", c -> {
                    throw new IllegalStateException("cannot open the database");
                }))
                .discovery(new Discovery("fine", c -> request -> List.<Session>of()))
                .hostProbe(new Probe()).build();

        assertThat(sessions.diagnostics().diagnose(false).discoveries()).containsOnlyKeys("fine");
        ProviderStatus broken = status(sessions, "broken");
        assertThat(broken.active()).isFalse();
        assertThat(broken.reason()).hasValueSatisfying(r -> assertThat(r).contains("cannot open the database"));
        assertThat(status(sessions, "fine").active()).isTrue();
        assertThat(sessions.catalog().list(SessionQuery.ALL).warnings()).isEmpty();
    }

    @Test
    void build_probeWhoseCreateThrows_isReportedInactiveAndListingWarns() {
        HostProbeProvider broken = new HostProbeProvider() {
            @Override
            public String id() {
                return "broken-probe";
            }

            @Override
            public int spiVersion() {
                return SpiVersion.CURRENT;
            }

            @Override
            public HostProbe create(ProviderContext context) {
                throw new IllegalStateException("no native library");
            }
        };

        LlmSessions sessions = LlmSessions.builder().context(CONTEXT).hostProbe(broken).build();

        assertThat(status(sessions, "broken-probe").active()).isFalse();
        assertThat(status(sessions, "broken-probe").reason()).hasValueSatisfying(r -> assertThat(r)
                .contains("no native library"));
        assertThat(sessions.catalog().list(SessionQuery.ALL).warnings()).singleElement().asString()
                .contains("no host probe");
    }

    @Test
    void build_noProviders_worksWithAWarningAboutTheMissingProbe() {
        LlmSessions sessions = LlmSessions.builder().context(CONTEXT).build();

        assertThat(sessions.catalog().list(SessionQuery.ALL).warnings()).singleElement().asString()
                .contains("no host probe");
        assertThat(sessions.tokenEstimator().estimateConversation(0, 0)).isEqualTo(1_000);
    }

    @Test
    void builder_optionSetTwice_isRejected() {
        assertThatThrownBy(() -> LlmSessions.builder().context(CONTEXT).context(CONTEXT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("context");
        assertThatThrownBy(() -> LlmSessions.builder().healthPolicy(HealthPolicy.DEFAULT)
                .healthPolicy(HealthPolicy.DEFAULT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("healthPolicy");
    }

    @Test
    void discoverProviders_testClassPath_findsNothingAndDoesNotFail() {
        LlmSessions sessions = LlmSessions.builder().context(CONTEXT)
                .discoverProviders(LlmSessionsTest.class.getClassLoader()).build();

        assertThat(sessions.providers()).isEmpty();
    }

    @Test
    void build_aStoreThatCannotOpen_isInactiveWithItsReason_andTheIndexLivesInMemory() {
        Store broken = new Store(() -> {
            throw new dev.llmsession.error.StoreException(dev.llmsession.error.ErrorCode.DATA, "schema too new");
        });
        LlmSessions sessions = LlmSessions.builder().context(CONTEXT).store(broken).hostProbe(new Probe())
                .discovery(new Discovery("one", c -> request -> List.<Session>of())).build();

        assertThat(status(sessions, "fake-store").active()).isFalse();
        assertThat(status(sessions, "fake-store").reason()).hasValueSatisfying(r -> assertThat(r)
                .contains("schema too new"));
        assertThat(sessions.catalog().list(SessionQuery.ALL).warnings()).singleElement().satisfies(w ->
                assertThat(w).contains("fake-store", "in memory"));
    }

    @Test
    void build_aBuiltInStoreFailingToLink_failsTheBuild_onTheCallersThread() {
        LinkageError broken = new NoClassDefFoundError("org/sqlite/JDBC");
        Store store = new Store(() -> {
            throw broken;
        });

        assertThatThrownBy(() -> LlmSessions.builder().context(CONTEXT).store(store)
                .discovery(new Discovery("one", c -> request -> List.<Session>of())).build()).isSameAs(broken);
    }
}
