package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.api.UsageBlock;
import dev.llmsession.api.UsageKind;
import dev.llmsession.api.UsageRequest;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.spi.HostProbe;
import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SessionStoreProvider;
import dev.llmsession.spi.SpiVersion;
import dev.llmsession.testkit.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resident (watched) library lists the recently ended sessions for the open usage block only when a refresh may
 * have left calls out of the ledger, and its block always equals what a library that reads everything afresh gives:
 * through appends by running sessions (no listing), a session that ends between two refreshes, a transcript appended
 * after its process ended, a registry rewrite (no listing) and the block's end.
 */
final class ResidentBlockTest {
    private static final Instant NOW = Instant.parse("2026-02-12T21:05:00Z");
    private static final String LIVE = "11111111-1111-4111-8111-111111111111";
    private static final String LATE = "22222222-2222-4222-8222-222222222222";
    private static final String ENDED = "33333333-3333-4333-8333-333333333333";

    @TempDir
    Path home;

    private final SettableClock clock = new SettableClock(NOW);
    /** The claude processes running, by pid, with their working directories. */
    private final Map<Long, String> running = new ConcurrentHashMap<>();
    private Path live;
    private Path late;
    private Path ended;
    private int line;

    @BeforeEach
    void layOut() throws IOException {
        Path projects = Files.createDirectories(home.resolve(".claude/projects")).toRealPath();
        Files.createDirectories(home.resolve(".claude/sessions"));
        live = projects.resolve("-home-a-shop/" + LIVE + ".jsonl");
        ended = projects.resolve("-home-a-shop/" + ENDED + ".jsonl");
        late = projects.resolve("-home-a-lab/" + LATE + ".jsonl");
        for (Path f : List.of(live, ended, late)) {
            Files.createDirectories(f.getParent());
        }
        write(ended, ENDED, "/home/a/shop", NOW.minus(Duration.ofHours(2)));
        write(ended, ENDED, "/home/a/shop", NOW.minus(Duration.ofMinutes(90)));
        write(live, LIVE, "/home/a/shop", NOW.minus(Duration.ofMinutes(30)));
        write(late, LATE, "/home/a/lab", NOW.minus(Duration.ofMinutes(20)));
        start(4343, LIVE, "/home/a/shop");
        start(4344, LATE, "/home/a/lab");
    }

    @Test
    void theOpenBlockOfAResidentLibraryEqualsAFreshReading_listingEndedSessionsOnlyWhenNeeded() throws Exception {
        try (LlmSessions resident = library(true)) {
            assumeTrue(resident.refreshStats().watchMode().equals("events"), "no native file events here");
            UsageBlock first = monitorRefresh(resident);
            assertThat(first).isEqualTo(truth());
            assertThat(first.totals().calls()).isEqualTo(4);

            // the running sessions write: their own refresh files it, the ended sessions are not listed again
            clock.advance(Duration.ofSeconds(61));
            write(live, LIVE, "/home/a/shop", clock.instant().minusSeconds(5));
            awaitChange(resident);
            long refreshes = resident.refreshStats().refreshes();
            assertThat(monitorRefresh(resident)).isEqualTo(truth()).extracting(b -> b.totals().calls()).isEqualTo(5L);
            assertThat(resident.refreshStats().refreshes()).as("no listing of the ended sessions")
                    .isEqualTo(refreshes + 1);

            // a session writes its last line and ends before the next refresh sees it running (the watcher has seen
            // the line: a refresh that runs before the event arrives files it on the event's refresh, not this one)
            clock.advance(Duration.ofSeconds(61));
            write(late, LATE, "/home/a/lab", clock.instant().minusSeconds(5));
            awaitChange(resident);
            running.remove(4344L);
            Files.delete(home.resolve(".claude/sessions/4344.json"));
            refreshes = resident.refreshStats().refreshes();
            assertThat(monitorRefresh(resident)).isEqualTo(truth()).extracting(b -> b.totals().calls()).isEqualTo(6L);
            assertThat(resident.refreshStats().refreshes()).as("the ended sessions listed").isEqualTo(refreshes + 2);

            // nothing that can hold a call changed (a registry rewrite): no listing
            clock.advance(Duration.ofSeconds(61));
            Files.writeString(home.resolve(".claude/sessions/4343.json"), registry(4343, LIVE, "/home/a/shop")
                    .replace("busy", "idle"));
            awaitChange(resident);
            refreshes = resident.refreshStats().refreshes();
            assertThat(monitorRefresh(resident)).isEqualTo(truth());
            assertThat(resident.refreshStats().refreshes()).isEqualTo(refreshes + 1);

            // an ended session's transcript is appended to: listed again, counted
            clock.advance(Duration.ofSeconds(61));
            write(ended, ENDED, "/home/a/shop", clock.instant().minusSeconds(5));
            awaitChange(resident);
            refreshes = resident.refreshStats().refreshes();
            assertThat(monitorRefresh(resident)).isEqualTo(truth()).extracting(b -> b.totals().calls()).isEqualTo(7L);
            assertThat(resident.refreshStats().refreshes()).isEqualTo(refreshes + 2);

            // the block ends (its start 19:00 + 5 h): the running session's next call opens the next one alone
            clock.set(Instant.parse("2026-02-13T00:10:00Z"));
            write(live, LIVE, "/home/a/shop", clock.instant().minusSeconds(5));
            awaitChange(resident);
            UsageBlock next = monitorRefresh(resident);
            assertThat(next).isEqualTo(truth());
            assertThat(next.start()).isEqualTo(Instant.parse("2026-02-13T00:00:00Z"));
            assertThat(next.totals().calls()).isEqualTo(1);
        }
    }

    @Test
    void aCallTheRunningSessionLosesToAnEndedCopy_isCountedForTheEndedOne() throws Exception {
        // resumed from the running session: a copy of its call, then one of its own, written after the running one's
        Path copy = live.resolveSibling("44444444-4444-4444-8444-444444444444.jsonl");
        Files.writeString(copy, Files.readString(live).replace(LIVE, "44444444-4444-4444-8444-444444444444"));
        write(copy, "44444444-4444-4444-8444-444444444444", "/home/a/shop", NOW.minus(Duration.ofMinutes(15)));
        try (LlmSessions resident = library(true)) {
            assumeTrue(resident.refreshStats().watchMode().equals("events"), "no native file events here");
            assertThat(monitorRefresh(resident)).isEqualTo(truth()).extracting(b -> b.totals().calls()).isEqualTo(5L);

            // the running session writes: now the younger one, its copied call goes to the resumed session (rule 5)
            clock.advance(Duration.ofSeconds(61));
            write(live, LIVE, "/home/a/shop", clock.instant().minusSeconds(5));
            awaitChange(resident);
            long refreshes = resident.refreshStats().refreshes();
            assertThat(monitorRefresh(resident)).isEqualTo(truth()).extracting(b -> b.totals().calls()).isEqualTo(6L);
            assertThat(resident.refreshStats().refreshes()).as("the ended sessions listed").isEqualTo(refreshes + 2);
        }
    }

    /** What a monitor's refresh asks: the running sessions, then the open block. */
    private static UsageBlock monitorRefresh(LlmSessions lib) {
        lib.catalog().list(SessionQuery.RUNNING);
        return lib.usage().orElseThrow().activeBlock(Optional.empty()).orElseThrow();
    }

    /** The open block of a library that indexes every file afresh. */
    private UsageBlock truth() {
        try (LlmSessions fresh = library(false)) {
            fresh.usage().orElseThrow().refreshAndReport(UsageRequest.of(UsageKind.DAILY, ZoneOffset.UTC));
            return fresh.usage().orElseThrow().activeBlock(Optional.empty()).orElseThrow();
        }
    }

    /** Waits for the watcher to see the change just made, so that the next refresh is told of it. */
    private static void awaitChange(LlmSessions lib) throws InterruptedException {
        assertThat(lib.awaitChange(Duration.ofSeconds(10))).as("the watcher saw the change").isTrue();
    }

    private LlmSessions library(boolean watch) {
        SessionStore store = SessionStore.inMemory();
        return LlmSessions.builder().context(new ProviderContext(home, Map.of(), clock, Map.of()))
                .discovery(new ClaudeCodeDiscoveryProvider())
                .hostProbe(new HostProbeProvider() {
                    @Override
                    public String id() {
                        return "fake";
                    }

                    @Override
                    public int spiVersion() {
                        return SpiVersion.CURRENT;
                    }

                    @Override
                    public HostProbe create(ProviderContext context) {
                        return () -> ProcessTable.of(clock.instant(), running.entrySet().stream()
                                .map(e -> new ProcessInfo(e.getKey(), 1, "claude", "/usr/bin/claude", List.of(),
                                        Optional.of(e.getValue()), Optional.of(NOW.minusSeconds(600))))
                                .toList());
                    }
                })
                .store(new SessionStoreProvider() {
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
                })
                .watchFiles(watch).build();
    }

    private void start(long pid, String id, String cwd) throws IOException {
        running.put(pid, cwd);
        Files.writeString(home.resolve(".claude/sessions/" + pid + ".json"), registry(pid, id, cwd));
    }

    private static String registry(long pid, String id, String cwd) {
        return "{\"pid\":" + pid + ",\"sessionId\":\"" + id + "\",\"cwd\":\"" + cwd + "\",\"startedAt\":"
                + NOW.minusSeconds(600).toEpochMilli() + ",\"status\":\"busy\"}";
    }

    /** Appends one assistant call at {@code at} to a session's transcript (creating it). */
    private void write(Path file, String id, String cwd, Instant at) throws IOException {
        line++;
        Files.writeString(file, "{\"type\":\"assistant\",\"isSidechain\":false,\"sessionId\":\"" + id
                + "\",\"cwd\":\"" + cwd + "\",\"timestamp\":\"" + at + "\",\"requestId\":\"req_" + line
                + "\",\"message\":{\"id\":\"msg_" + line + "\",\"model\":\"claude-opus-4-6\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":{\"input_tokens\":7,"
                + "\"output_tokens\":11,\"cache_creation_input_tokens\":13,\"cache_read_input_tokens\":90}}}\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
