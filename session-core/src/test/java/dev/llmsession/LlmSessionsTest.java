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
import dev.llmsession.spi.SpiVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static ProviderStatus status(LlmSessions sessions, String id) {
        return sessions.providers().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
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

    /** A store provider whose {@code create} runs {@code opening}, recording the thread it ran on. */
    private static final class Store implements dev.llmsession.spi.SessionStoreProvider {
        private final String id;
        private final java.util.function.Supplier<dev.llmsession.spi.SessionStore> opening;
        volatile Thread openedOn;

        Store(String id, java.util.function.Supplier<dev.llmsession.spi.SessionStore> opening) {
            this.id = id;
            this.opening = opening;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public dev.llmsession.spi.SessionStore create(ProviderContext context) {
            openedOn = Thread.currentThread();
            return opening.get();
        }
    }

    @Test
    void build_theStoreOpensBesideTheAdapters_andIsUsedOnceOpen() throws Exception {
        java.util.concurrent.CountDownLatch adapterCreated = new java.util.concurrent.CountDownLatch(1);
        dev.llmsession.spi.SessionStore memory = dev.llmsession.spi.SessionStore.inMemory();
        // the store waits for an adapter created after it started: both were under way at once
        Store store = new Store("slow-store", () -> {
            try {
                assertThat(adapterCreated.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return memory;
        });
        LlmSessions sessions = LlmSessions.builder().context(CONTEXT).store(store).hostProbe(new Probe())
                .discovery(new Discovery("one", c -> {
                    adapterCreated.countDown();
                    return request -> List.<Session>of();
                })).build();

        assertThat(store.openedOn).isNotSameAs(Thread.currentThread());
        assertThat(sessions.providers()).extracting(ProviderStatus::id).containsExactly("one", "fake-probe",
                "slow-store");
        assertThat(sessions.providers()).allMatch(ProviderStatus::active);
        assertThat(sessions.catalog().list(SessionQuery.ALL).warnings()).isEmpty();
    }

    @Test
    void build_aStoreThatCannotOpen_isInactiveWithItsReason_andTheIndexLivesInMemory() {
        Store broken = new Store("broken-store", () -> {
            throw new dev.llmsession.error.StoreException(dev.llmsession.error.ErrorCode.DATA, "schema too new");
        });
        LlmSessions sessions = LlmSessions.builder().context(CONTEXT).store(broken).hostProbe(new Probe())
                .discovery(new Discovery("one", c -> request -> List.<Session>of())).build();

        assertThat(status(sessions, "broken-store").active()).isFalse();
        assertThat(status(sessions, "broken-store").reason()).hasValueSatisfying(r -> assertThat(r)
                .contains("schema too new"));
        assertThat(sessions.catalog().list(SessionQuery.ALL).warnings()).singleElement().satisfies(w ->
                assertThat(w).contains("broken-store", "in memory"));
    }

    @Test
    void build_aBuiltInStoreFailingToLink_failsTheBuild_onTheCallersThread() {
        LinkageError broken = new NoClassDefFoundError("org/sqlite/JDBC");
        Store store = new Store("linkless-store", () -> {
            throw broken;
        });

        assertThatThrownBy(() -> LlmSessions.builder().context(CONTEXT).store(store)
                .discovery(new Discovery("one", c -> request -> List.<Session>of())).build()).isSameAs(broken);
    }
}
