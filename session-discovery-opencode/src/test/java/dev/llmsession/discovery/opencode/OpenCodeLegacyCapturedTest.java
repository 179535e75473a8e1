package dev.llmsession.discovery.opencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.testkit.RecordingIndex;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenCode's pre-1.2 {@code storage/} files, as OpenCode 1.1.65 wrote them against the scripted API, alone and
 * beside the {@code opencode.db} of a later version (1.2.1 migrated the same session into it; 1.18.33 did not and
 * added its own): exact figures, each session counted once (see the READMEs beside the captures).
 */
final class OpenCodeLegacyCapturedTest {
    static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");
    /** The legacy session's two calls: 1.1.65 stored output with the reasoning inside. */
    static final TokenUsage LEGACY = new TokenUsage(4_468, 122, 0, 2_000, 2);

    @TempDir
    Path home;

    private SessionDiscovery discovery() {
        return new OpenCodeDiscoveryProvider().create(new ProviderContext(home, Map.of(),
                Clock.fixed(NOW, ZoneOffset.UTC), Map.of()));
    }

    private static SessionDiscovery.Request request(TranscriptIndex index) {
        return new SessionDiscovery.Request(ProcessTable.empty(NOW), NOW, true, Optional.empty(), index,
                IndexProgress.NONE, TokenEstimator.charsPerToken());
    }

    private static Session byId(List<Session> sessions, String id) {
        return sessions.stream().filter(s -> s.id().nativeId().equals(id)).findFirst().orElseThrow();
    }

    private static long sum(List<TranscriptIndex.UsageRow> rows) {
        return rows.stream().mapToLong(r -> r.input() + r.output() + r.cacheRead() + r.cacheWrite()).sum();
    }

    @Test
    void legacyOnly_theSessionWithTheExactFiguresSent_readWithoutWritingAByte() throws IOException {
        Captured.layOutTree(home, "opencode-1.1.65");
        Map<String, String> before = SessionDiscoveryContract.snapshot(home);
        RecordingIndex index = new RecordingIndex();

        List<Session> sessions = discovery().discover(request(index));

        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.id().value()).isEqualTo("opencode_" + Captured.LEGACY_SESSION);
            assertThat(s.tokens().total()).isEqualTo(LEGACY);
            assertThat(s.tokens().total().total()).isEqualTo(6_590);
            assertThat(s.context().tokens()).hasValue(4_234);
            assertThat(s.cost().usd().getAsDouble()).isCloseTo(0.007235, offset(1e-12));
            assertThat(s.model()).hasValue("gpt-5");
            assertThat(s.title()).hasValue("OK 1");
            assertThat(s.cwd()).hasValue(Captured.LEGACY_DIR);
            assertThat(s.startedAt()).isEqualTo(Instant.ofEpochMilli(1796589011332L));
            assertThat(s.lastActivityAt()).isEqualTo(Instant.ofEpochMilli(1796589027180L));
            assertThat(s.quality().clean()).isTrue();
        });
        assertThat(index.rows()).hasSize(2);
        assertThat(index.rows()).extracting(TranscriptIndex.UsageRow::costUsd).containsExactly(0.00283, 0.004405);
        assertThat(sum(index.rows())).isEqualTo(6_590);
        assertThat(SessionDiscoveryContract.snapshot(home)).isEqualTo(before);
    }

    @Test
    void migratedBy121_sameSessionInTheDatabaseAndTheFiles_countedOnceFromTheDatabase() throws IOException {
        Path data = Captured.layOutTree(home, "opencode-1.1.65-then-1.2.1");
        assertThat(data.resolve("storage/message/" + Captured.LEGACY_SESSION)).isDirectory();
        Map<String, String> before = SessionDiscoveryContract.snapshot(home);
        RecordingIndex index = new RecordingIndex();
        SessionDiscovery d = discovery();

        List<Session> sessions = d.discover(request(index));

        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.id().nativeId()).isEqualTo(Captured.LEGACY_SESSION);
            assertThat(s.tokens().total()).isEqualTo(LEGACY);
            assertThat(s.cost().usd().getAsDouble()).isCloseTo(0.007235, offset(1e-12));
            assertThat(s.sources()).containsExactly(data.resolve("opencode.db"));
        });
        assertThat(index.rows()).hasSize(2);
        assertThat(sum(index.rows())).isEqualTo(6_590);
        assertThat(d.diagnostics().get(0)).contains("1 also in the database");
        assertThat(SessionDiscoveryContract.snapshot(home)).isEqualTo(before);
    }

    @Test
    void legacyFirstThenTheDatabaseGainsTheSession_theLegacyRowsLeaveTheLedger() throws IOException {
        Path data = Captured.layOutTree(home, "opencode-1.1.65-then-1.2.1");
        Path parked = Files.createDirectories(home.resolve("parked"));
        for (String f : new String[] {"opencode.db", "opencode.db-wal", "opencode.db-shm"}) {
            Files.move(data.resolve(f), parked.resolve(f));
        }
        RecordingIndex index = new RecordingIndex();
        SessionDiscovery d = discovery();
        assertThat(d.discover(request(index))).singleElement()
                .satisfies(s -> assertThat(s.sources().get(0).toString()).endsWith(".json"));
        assertThat(index.rows()).hasSize(2);

        // what 1.2.1's migration does: the database appears beside the files
        for (String f : new String[] {"opencode.db", "opencode.db-wal", "opencode.db-shm"}) {
            Files.move(parked.resolve(f), data.resolve(f));
        }
        List<Session> after = d.discover(request(index));

        assertThat(after).singleElement().satisfies(s -> assertThat(s.tokens().total()).isEqualTo(LEGACY));
        assertThat(index.rows()).hasSize(2);
        assertThat(sum(index.rows())).isEqualTo(6_590);
    }

    @Test
    void afterLegacy11833_bothSessions_eachOnce_withTheirOwnNormalisation() throws IOException {
        Captured.layOutTree(home, "opencode-1.1.65-then-1.18.33");
        RecordingIndex index = new RecordingIndex();

        List<Session> sessions = discovery().discover(request(index));

        assertThat(sessions).hasSize(2);
        assertThat(byId(sessions, Captured.LEGACY_SESSION).tokens().total()).isEqualTo(LEGACY);
        Session current = byId(sessions, Captured.AFTER_LEGACY_SESSION);
        assertThat(current.tokens().total()).isEqualTo(new TokenUsage(4_234, 89, 0, 3_000, 1));
        assertThat(current.cost().usd().getAsDouble()).isCloseTo(0.0065575, offset(1e-12));
        assertThat(current.context().tokens()).hasValue(7_234);
        assertThat(index.rows()).hasSize(3);
        assertThat(sum(index.rows())).isEqualTo(6_590 + 7_323);
    }

    @Test
    void messageAdded_incrementalEqualsCold_andANewProcessReadsTheIndex() throws IOException {
        Path data = Captured.layOutTree(home, "opencode-1.1.65");
        TranscriptIndex index = TranscriptIndex.inMemory();
        SessionDiscovery warm = discovery();
        warm.discover(request(index));
        // a third call as 1.1.65 writes it (the test plays OpenCode in its own copy)
        Files.writeString(data.resolve("storage/message/" + Captured.LEGACY_SESSION + "/msg_24d0cfce5001zzzzzzzzzzzzzz.json"),
                "{\"id\":\"msg_24d0cfce5001zzzzzzzzzzzzzz\",\"sessionID\":\"" + Captured.LEGACY_SESSION + "\","
                        + "\"role\":\"assistant\",\"time\":{\"created\":1796589030000,\"completed\":1796589031000},"
                        + "\"modelID\":\"gpt-5\",\"cost\":0.001,\"tokens\":{\"total\":1110,\"input\":100,"
                        + "\"output\":10,\"reasoning\":4,\"cache\":{\"read\":1000,\"write\":0}},\"finish\":\"stop\"}");

        Session incremental = warm.discover(request(index)).get(0);
        Session cold = discovery().discover(request(TranscriptIndex.inMemory())).get(0);
        Session restored = discovery().discover(request(index)).get(0);

        assertThat(incremental.tokens().total()).isEqualTo(new TokenUsage(4_568, 132, 0, 3_000, 3));
        assertThat(incremental.tokens()).isEqualTo(cold.tokens()).isEqualTo(restored.tokens());
        assertThat(incremental.cost()).isEqualTo(cold.cost());
    }

    @Test
    void malformedTruncatedAndHostileFiles_countedAsInvalid_neverThrow() throws IOException {
        Path data = Captured.layOutTree(home, "opencode-1.1.65");
        Path messages = data.resolve("storage/message/" + Captured.LEGACY_SESSION);
        Path second = messages.resolve("msg_24d0cfce4001uOOShOPfGZqbF3.json");
        byte[] whole = Files.readAllBytes(second);
        Files.write(second, java.util.Arrays.copyOf(whole, whole.length / 2)); // cut mid-write
        Files.writeString(messages.resolve("msg_garbage.json"), "\u0000\u0000 not json");
        Files.write(messages.resolve("msg_huge.json"), new byte[LegacyStorage.MAX_FILE + 1]);
        Files.createSymbolicLink(messages.resolve("msg_link.json"), Path.of("/dev/zero"));
        Files.writeString(messages.resolve("msg_bad_counts.json"), "{\"id\":\"msg_bad\",\"role\":\"assistant\","
                + "\"time\":{\"created\":1796589030000},\"tokens\":{\"input\":-5,\"output\":\"x\",\"cache\":{}}}");

        Session s = discovery().discover(request(TranscriptIndex.inMemory())).get(0);

        assertThat(s.tokens().total()).isEqualTo(new TokenUsage(1_734, 54, 0, 500, 1));
        assertThat(s.quality()).isEqualTo(new DataQuality(4, 0, 0, 0));
    }

    @Test
    void damagedSessionFile_isSkippedWithoutThrowing_andTheOthersStay() throws IOException {
        Path data = Captured.layOutTree(home, "opencode-1.1.65-then-1.18.33");
        Path sessionFile;
        try (var files = Files.walk(data.resolve("storage/session"))) {
            sessionFile = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.writeString(sessionFile, "{\"id\":", StandardOpenOption.TRUNCATE_EXISTING);

        List<Session> sessions = discovery().discover(request(TranscriptIndex.inMemory()));

        assertThat(sessions).extracting(x -> x.id().nativeId()).containsExactly(Captured.AFTER_LEGACY_SESSION);
    }
}
