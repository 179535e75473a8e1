package dev.llmsession.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.api.ProviderStatus;
import dev.llmsession.internal.ProviderRegistry.Candidate;
import dev.llmsession.internal.ProviderRegistry.Selection;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ProviderRegistryTest {
    private static final ProviderContext CONTEXT = new ProviderContext(Path.of("/home/u"), Map.of(),
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC), Map.of());

    /** A configurable discovery provider. */
    private static class Fake implements SessionDiscoveryProvider {
        private final String id;
        private final int spiVersion;
        private final int priority;
        private final Optional<String> unavailable;

        Fake(String id, int spiVersion, int priority, Optional<String> unavailable) {
            this.id = id;
            this.spiVersion = spiVersion;
            this.priority = priority;
            this.unavailable = unavailable;
        }

        static Fake of(String id) {
            return new Fake(id, SpiVersion.CURRENT, 0, Optional.empty());
        }

        static Fake withPriority(String id, int priority) {
            return new Fake(id, SpiVersion.CURRENT, priority, Optional.empty());
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String idPrefix() {
            return "fake";
        }

        @Override
        public int spiVersion() {
            return spiVersion;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Optional<String> unavailableReason(ProviderContext context) {
            return unavailable;
        }

        @Override
        public SessionDiscovery create(ProviderContext context) {
            return ServiceFixtures.EMPTY;
        }
    }

    /** A second class with a configurable priority, so "replaced by" names a distinct class. */
    private static final class Other implements SessionDiscoveryProvider {
        private final String id;
        private final int priority;

        Other(String id, int priority) {
            this.id = id;
            this.priority = priority;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String idPrefix() {
            return "other";
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public SessionDiscovery create(ProviderContext context) {
            return ServiceFixtures.EMPTY;
        }
    }

    private static Selection<SessionDiscoveryProvider> select(SessionDiscoveryProvider... providers) {
        List<Candidate<SessionDiscoveryProvider>> candidates = java.util.Arrays.stream(providers)
                .map(Candidate::<SessionDiscoveryProvider>of).toList();
        return ProviderRegistry.select("SessionDiscovery", candidates, CONTEXT);
    }

    private static Map<String, ProviderStatus> byId(Selection<?> selection) {
        return selection.statuses().stream().collect(Collectors.toMap(ProviderStatus::id, Function.identity(),
                (a, b) -> {
                    throw new AssertionError("two statuses for " + a.id() + ": " + a + " / " + b);
                }));
    }

    private static URLClassLoader fixtureLoader() throws IOException {
        URL root = ProviderRegistryTest.class.getResource("/serviceloader/broken/");
        assertThat(root).as("fixture root on the test class path").isNotNull();
        return new URLClassLoader(new URL[] {root}, ProviderRegistryTest.class.getClassLoader());
    }

    @Test
    void load_servicesFileWithAMissingClassAndAThrowingConstructor_reportsBothAndLoadsTheRest() throws IOException {
        try (URLClassLoader loader = fixtureLoader()) {
            List<Candidate<SessionDiscoveryProvider>> candidates =
                    ProviderRegistry.load(SessionDiscoveryProvider.class, loader);

            assertThat(candidates).hasSize(4);
            assertThat(candidates.stream().flatMap(c -> c.provider().stream()).map(SessionDiscoveryProvider::id))
                    .containsExactly("good", "second");
            List<String> errors = candidates.stream().filter(c -> c.provider().isEmpty())
                    .map(Candidate::loadError).toList();
            assertThat(errors).hasSize(2);
            assertThat(errors).anySatisfy(e -> assertThat(e).contains("DoesNotExistDiscoveryProvider"));
            assertThat(errors).anySatisfy(e -> assertThat(e).contains("ThrowingConstructor")
                    .contains("constructor exploded"));
        }
    }

    @Test
    void select_afterLoadingTheBrokenServicesFile_reportsDiagnosticsAndActivatesTheGoodOnes() throws IOException {
        try (URLClassLoader loader = fixtureLoader()) {
            Selection<SessionDiscoveryProvider> selection = ProviderRegistry.select("SessionDiscovery",
                    ProviderRegistry.load(SessionDiscoveryProvider.class, loader), CONTEXT);

            assertThat(selection.active()).extracting(SessionDiscoveryProvider::id).containsExactly("good", "second");
            assertThat(selection.statuses()).filteredOn(s -> !s.active()).hasSize(2)
                    .allSatisfy(s -> {
                        assertThat(s.id()).isEqualTo("(broken)");
                        assertThat(s.port()).isEqualTo("SessionDiscovery");
                        assertThat(s.reason()).isPresent();
                    });
        }
    }

    @Test
    void load_testClassPath_findsNoDiscoveryProviderBecauseTheFixtureDoesNotLeak() {
        assertThat(ProviderRegistry.load(SessionDiscoveryProvider.class, ProviderRegistryTest.class.getClassLoader()))
                .isEmpty();
    }

    @Test
    void select_wrongSpiVersion_isSkippedWithTheReason() {
        Selection<SessionDiscoveryProvider> selection = select(Fake.of("ok"),
                new Fake("future", SpiVersion.CURRENT + 1, 0, Optional.empty()));

        assertThat(selection.active()).extracting(SessionDiscoveryProvider::id).containsExactly("ok");
        ProviderStatus skipped = byId(selection).get("future");
        assertThat(skipped.active()).isFalse();
        assertThat(skipped.reason()).hasValueSatisfying(r -> assertThat(r)
                .contains("SPI version " + (SpiVersion.CURRENT + 1))
                .contains("version " + SpiVersion.CURRENT));
    }

    @Test
    void select_duplicateIdHigherPriorityLater_replacesTheFirstAndReportsIt() {
        Fake low = Fake.withPriority("claude-code", 0);
        Other high = new Other("claude-code", 10);

        Selection<SessionDiscoveryProvider> selection = select(low, high);

        assertThat(selection.active()).containsExactly(high);
        assertThat(selection.statuses()).hasSize(2);
        assertThat(selection.statuses()).filteredOn(s -> !s.active()).singleElement()
                .satisfies(s -> assertThat(s.reason()).hasValueSatisfying(r -> assertThat(r)
                        .contains("replaced by").contains(Other.class.getName())));
    }

    @Test
    void select_duplicateIdLowerPriorityLater_keepsTheFirstAndReportsTheLoser() {
        Other high = new Other("claude-code", 10);
        Fake low = Fake.withPriority("claude-code", 0);

        Selection<SessionDiscoveryProvider> selection = select(high, low);

        assertThat(selection.active()).containsExactly(high);
        assertThat(selection.statuses()).filteredOn(s -> !s.active()).singleElement()
                .satisfies(s -> assertThat(s.reason()).hasValueSatisfying(r -> assertThat(r)
                        .contains("duplicate id").contains(Other.class.getName())));
    }

    @Test
    void select_duplicateIdSamePriority_keepsTheFirst() {
        Fake first = Fake.of("cursor");
        Fake second = Fake.of("cursor");

        Selection<SessionDiscoveryProvider> selection = select(first, second);

        assertThat(selection.active()).singleElement().isSameAs(first);
        assertThat(selection.statuses()).filteredOn(s -> !s.active()).hasSize(1);
    }

    @Test
    void select_unavailableProvider_isReportedWithItsReasonAndNotActive() {
        Selection<SessionDiscoveryProvider> selection = select(Fake.of("claude-code"),
                new Fake("cursor", SpiVersion.CURRENT, 0, Optional.of("~/.cursor does not exist")));

        assertThat(selection.active()).extracting(SessionDiscoveryProvider::id).containsExactly("claude-code");
        ProviderStatus cursor = byId(selection).get("cursor");
        assertThat(cursor.active()).isFalse();
        assertThat(cursor.reason()).contains("~/.cursor does not exist");
        assertThat(byId(selection).get("claude-code").reason()).isEmpty();
    }

    @Test
    void select_throwingAvailabilityCheck_isReportedNotThrown() {
        SessionDiscoveryProvider p = new Fake("boom", SpiVersion.CURRENT, 0, Optional.empty()) {
            @Override
            public Optional<String> unavailableReason(ProviderContext context) {
                throw new IllegalStateException("permission denied");
            }
        };

        Selection<SessionDiscoveryProvider> selection = select(p);

        assertThat(selection.active()).isEmpty();
        assertThat(selection.statuses()).singleElement().satisfies(s -> assertThat(s.reason())
                .hasValueSatisfying(r -> assertThat(r).contains("availability check threw").contains("permission denied")));
    }

    @Test
    void select_throwingId_isReportedByClassName() {
        SessionDiscoveryProvider p = new Fake("x", SpiVersion.CURRENT, 0, Optional.empty()) {
            @Override
            public String id() {
                throw new IllegalStateException("no id");
            }
        };

        Selection<SessionDiscoveryProvider> selection = select(p, Fake.of("fine"));

        assertThat(selection.active()).extracting(SessionDiscoveryProvider::id).containsExactly("fine");
        assertThat(selection.statuses()).filteredOn(s -> !s.active()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(p.getClass().getName());
            assertThat(s.reason()).hasValueSatisfying(r -> assertThat(r).contains("no id"));
        });
    }

    @Test
    void select_severalProviders_ordersTheActiveOnesByPriority() {
        Selection<SessionDiscoveryProvider> selection = select(Fake.withPriority("a", 1), Fake.withPriority("b", 5),
                Fake.withPriority("c", 3));

        assertThat(selection.active()).extracting(SessionDiscoveryProvider::id).containsExactly("b", "c", "a");
        assertThat(selection.statuses()).allSatisfy(s -> {
            assertThat(s.active()).isTrue();
            assertThat(s.port()).isEqualTo("SessionDiscovery");
            assertThat(s.version()).isNotNull();
            assertThat(s.source()).isNotBlank();
        });
    }

    @Test
    void select_nothing_isEmpty() {
        Selection<SessionDiscoveryProvider> selection = select();

        assertThat(selection.active()).isEmpty();
        assertThat(selection.statuses()).isEmpty();
    }

    @Test
    void describe_wrappedCause_namesTheRootCauseToo() {
        String text = ProviderRegistry.describe(new IllegalStateException("outer\nline",
                new RuntimeException("middle", new IOException("root cause"))));

        assertThat(text).isEqualTo("outer line (root cause)");
        assertThat(ProviderRegistry.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void describe_aCauseTheMessageAlreadyCarries_isNotRepeated() {
        String text = ProviderRegistry.describe(new IllegalStateException(
                "cannot create /x (a file is in the way: /x); set --data-dir",
                new java.nio.file.FileAlreadyExistsException("/x")));

        assertThat(text).isEqualTo("cannot create /x (a file is in the way: /x); set --data-dir");
    }
}
