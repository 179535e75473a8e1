package dev.llmsession.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises every {@link SessionDiscoveryProvider} makes, as JUnit 5 tests. Extend it in your adapter's tests,
 * implement {@link #newProvider()} and {@link #layOutHome(Path)} (write your assistant's files into a temp home,
 * from real samples where you can), and every check below runs against your real adapter and real files:
 *
 * <ul>
 *   <li>the provider is public, final, has a public no-arg constructor, speaks {@link SpiVersion#CURRENT}, has a
 *       kebab-case id and a valid id prefix, and is registered in {@code META-INF/services};</li>
 *   <li>the constructor keeps no state: a provider made before the files exist finds them later;</li>
 *   <li>discovery is read-only: the home's files, sizes, times and contents are the same afterwards;</li>
 *   <li>files that vanish, and files damaged by a truncated or garbage tail, never make {@code discover} throw;</li>
 *   <li>every session's id carries the provider's prefix and its assistant is the provider's id;</li>
 *   <li>a running-only refresh returns no ended session;</li>
 *   <li>results are stable: two refreshes, and a fresh adapter, report the same sessions and figures.</li>
 * </ul>
 *
 * Add your own assertions (exact totals of your samples) as further tests in the subclass.
 *
 * @since 0.1
 */
public abstract class SessionDiscoveryContract {

    /** A temp home per test; {@link #layOutHome(Path)} fills it. */
    @TempDir
    protected Path home;

    /** A new provider instance, as {@code ServiceLoader} would make it. */
    protected abstract SessionDiscoveryProvider newProvider();

    /** Writes the assistant's files into {@code home} so that at least one session is found. */
    protected abstract void layOutHome(Path home) throws IOException;

    /** Environment variables the adapter sees (e.g. one pointing at its data directory); none by default. */
    protected Map<String, String> environment(Path home) {
        return Map.of();
    }

    /** The refresh time; a fixed instant after the samples by default. */
    protected Instant now() {
        return Instant.parse("2026-11-25T12:00:00Z");
    }

    /** The process table handed to the adapter; empty by default (every session ended). */
    protected ProcessTable processes(Path home) {
        return ProcessTable.empty(now());
    }

    /** The context the adapter sees: the temp home, {@link #environment(Path)} and a clock fixed at {@link #now()}. */
    protected ProviderContext context() {
        return new ProviderContext(home, environment(home), Clock.fixed(now(), ZoneOffset.UTC), Map.of());
    }

    /** A full refresh (ended sessions included) with the given index. */
    protected SessionDiscovery.Request request(TranscriptIndex index) {
        return new SessionDiscovery.Request(processes(home), now(), true, Optional.empty(), index,
                IndexProgress.NONE, TokenEstimator.charsPerToken());
    }

    /** Creates the adapter and runs one full refresh with a fresh in-memory index. */
    protected List<Session> discoverOnce() {
        return newProvider().create(context()).discover(request(TranscriptIndex.inMemory()));
    }

    @Test
    void provider_shape_isPublicFinalNoArgCurrentSpiWithValidIds() throws Exception {
        SessionDiscoveryProvider provider = newProvider();
        Class<?> type = provider.getClass();

        assertThat(Modifier.isPublic(type.getModifiers())).as("%s is public", type).isTrue();
        assertThat(Modifier.isFinal(type.getModifiers())).as("%s is final", type).isTrue();
        Constructor<?> noArg = type.getConstructor();
        assertThat(Modifier.isPublic(noArg.getModifiers())).as("public no-arg constructor").isTrue();
        assertThat(provider.spiVersion()).isEqualTo(SpiVersion.CURRENT);
        assertThat(provider.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThatCode(() -> new SessionId(provider.idPrefix(), "x")).doesNotThrowAnyException();
    }

    @Test
    void provider_isRegisteredInMetaInfServices() {
        Class<?> type = newProvider().getClass();
        List<Class<?>> found = new ArrayList<>();
        ServiceLoader.load(SessionDiscoveryProvider.class, type.getClassLoader()).stream()
                .forEach(p -> found.add(p.type()));

        assertThat(found).as("META-INF/services/%s", SessionDiscoveryProvider.class.getName()).contains(type);
    }

    @Test
    void constructor_madeBeforeTheFilesExist_keepsNoStateAndFindsThemLater() throws IOException {
        SessionDiscoveryProvider early = newProvider();
        layOutHome(home);

        List<Session> sessions = early.create(context()).discover(request(TranscriptIndex.inMemory()));

        assertThat(sessions).as("sessions found by a provider constructed before the files existed").isNotEmpty();
    }

    @Test
    void discover_emptyHome_findsNothingOrSaysWhyWithoutThrowing() {
        SessionDiscoveryProvider provider = newProvider();

        Optional<String> unavailable = provider.unavailableReason(context());

        if (unavailable.isEmpty()) {
            assertThat(provider.create(context()).discover(request(TranscriptIndex.inMemory()))).isEmpty();
        } else {
            assertThat(unavailable.get()).isNotBlank();
        }
    }

    @Test
    void discover_isReadOnly_homeUnchangedByteForByte() throws IOException {
        layOutHome(home);
        Map<String, String> before = snapshot(home);

        SessionDiscovery discovery = newProvider().create(context());
        TranscriptIndex index = TranscriptIndex.inMemory();
        discovery.discover(request(index));
        discovery.discover(request(index));
        discovery.diagnostics();

        assertThat(snapshot(home)).isEqualTo(before);
    }

    @Test
    void discover_idsCarryThePrefix_andTheAssistantIsTheProviderId() throws IOException {
        layOutHome(home);
        SessionDiscoveryProvider provider = newProvider();

        List<Session> sessions = discoverOnce();

        assertThat(sessions).isNotEmpty().allSatisfy(s -> {
            assertThat(s.id().prefix()).isEqualTo(provider.idPrefix());
            assertThat(s.assistant()).isEqualTo(provider.id());
            assertThat(s.lastActivityAt()).isAfterOrEqualTo(s.startedAt());
        });
        assertThat(sessions).extracting(s -> s.id().value()).doesNotHaveDuplicates();
    }

    @Test
    void discover_twiceAndWithAFreshAdapter_givesTheSameSessions() throws IOException {
        layOutHome(home);
        SessionDiscovery discovery = newProvider().create(context());
        TranscriptIndex index = TranscriptIndex.inMemory();

        List<String> first = summaries(discovery.discover(request(index)));
        List<String> second = summaries(discovery.discover(request(index)));
        List<String> fresh = summaries(discoverOnce());

        assertThat(second).isEqualTo(first);
        assertThat(fresh).isEqualTo(first);
    }

    @Test
    void discover_runningOnly_returnsNoEndedSession() throws IOException {
        layOutHome(home);
        SessionDiscovery.Request runningOnly = new SessionDiscovery.Request(processes(home), now(), false,
                Optional.empty(), TranscriptIndex.inMemory(), IndexProgress.NONE, TokenEstimator.charsPerToken());

        List<Session> sessions = newProvider().create(context()).discover(runningOnly);

        assertThat(sessions).allSatisfy(s -> assertThat(s.running()).as("%s is running", s.id()).isTrue());
    }

    @Test
    void discover_filesVanishBetweenRefreshes_neverThrows() throws IOException {
        layOutHome(home);
        SessionDiscovery discovery = newProvider().create(context());
        TranscriptIndex index = TranscriptIndex.inMemory();
        discovery.discover(request(index));
        List<Path> files = regularFiles(home);

        for (int i = 0; i < files.size(); i += 2) {
            Files.deleteIfExists(files.get(i));
        }
        assertThatCode(() -> discovery.discover(request(index))).doesNotThrowAnyException();
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        assertThatCode(() -> discovery.discover(request(index))).doesNotThrowAnyException();
        assertThatCode(discovery::diagnostics).doesNotThrowAnyException();
    }

    @Test
    void discover_filesTruncatedOrWithAGarbageTail_neverThrows() throws IOException {
        layOutHome(home);
        SessionDiscovery discovery = newProvider().create(context());
        TranscriptIndex index = TranscriptIndex.inMemory();
        discovery.discover(request(index));
        List<Path> files = regularFiles(home);

        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            if (i % 2 == 0) {
                byte[] bytes = Files.readAllBytes(f);
                Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            } else {
                Files.write(f, new byte[] {'{', '"', (byte) 0xff, 0, '\n', '}', ']', '\n', 'x'},
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }

        assertThatCode(() -> discovery.discover(request(index))).doesNotThrowAnyException();
        assertThatCode(() -> discoverOnce()).doesNotThrowAnyException();
    }

    /** What two equivalent refreshes must agree on, one line per session, sorted by id. */
    protected List<String> summaries(List<Session> sessions) {
        return sessions.stream()
                .sorted(java.util.Comparator.comparing(s -> s.id().value()))
                .map(s -> String.join(" | ", s.id().value(), s.assistant(), String.valueOf(s.pid()),
                        s.activity().state().name(), String.valueOf(s.cwd()), String.valueOf(s.model()),
                        s.startedAt().toString(), s.lastActivityAt().toString(), s.tokens().toString(),
                        s.context().toString(), s.errors().toString(), s.cost().toString()))
                .toList();
    }

    /** Copies every regular file under {@code from} to the same relative path under {@code to}, replacing. */
    public static void copyTree(Path from, Path to) throws IOException {
        for (Path f : regularFiles(from)) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Every regular file under {@code root}, sorted. */
    public static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * Path → size, modification time and SHA-256 of every file and directory under {@code root}: equal snapshots
     * before and after a run prove it wrote nothing there.
     */
    public static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String key = root.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    out.put(key + "/", "dir " + Files.getLastModifiedTime(p).toMillis());
                } else {
                    out.put(key, Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() + " "
                            + TreeHash.sha256(p));
                }
            }
        }
        return out;
    }
}
