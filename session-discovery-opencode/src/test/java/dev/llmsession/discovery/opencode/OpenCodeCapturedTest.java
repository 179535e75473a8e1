package dev.llmsession.discovery.opencode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ProcessInfo;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The captured OpenCode 1.18.33 database against the figures the scripted API sent (see the README beside it). */
final class OpenCodeCapturedTest {
    static final Instant NOW = Instant.parse("2026-12-06T19:00:00Z");

    @TempDir
    Path home;

    private SessionDiscovery discovery() {
        return new OpenCodeDiscoveryProvider().create(new ProviderContext(home, Map.of(),
                Clock.fixed(NOW, ZoneOffset.UTC), Map.of()));
    }

    private static SessionDiscovery.Request request(ProcessTable table, boolean all, TranscriptIndex index) {
        return new SessionDiscovery.Request(table, NOW, all, Optional.empty(), index, IndexProgress.NONE,
                TokenEstimator.charsPerToken());
    }

    @Test
    void captured_theSessionWithTheExactFiguresSent_andOpenCodesOwnCost_readWithoutWritingAByte() throws IOException {
        Captured.layOut(home);
        Map<String, String> before = SessionDiscoveryContract.snapshot(home);

        List<Session> sessions = discovery().discover(request(ProcessTable.empty(NOW), true,
                TranscriptIndex.inMemory()));

        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.id().value()).isEqualTo("opencode_" + Captured.SESSION);
            assertThat(s.tokens().total()).isEqualTo(new TokenUsage(3_968, 115, 0, 1_500, 2));
            assertThat(s.context().tokens()).hasValue(3_234);
            assertThat(s.context().windowAssumed()).isTrue();
            assertThat(s.cost().usd().getAsDouble()).isCloseTo(0.02404, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(s.model()).hasValue("gpt-5.5");
            assertThat(s.title()).hasValue("OK 1");
            assertThat(s.cwd()).hasValue(Captured.DIR);
            assertThat(s.activity().state()).isEqualTo(ActivityState.ENDED);
            assertThat(s.quality().clean()).isTrue();
        });
        assertThat(SessionDiscoveryContract.snapshot(home)).isEqualTo(before);
    }

    @Test
    void usageRows_oneperAssistantMessage_withTheRecordedCost() throws IOException {
        Captured.layOut(home);
        RecordingIndex index = new RecordingIndex();
        discovery().discover(request(ProcessTable.empty(NOW), true, index));
        List<TranscriptIndex.UsageRow> rows = index.rows();

        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(TranscriptIndex.UsageRow::costUsd).containsExactly(0.01054, 0.0135);
        assertThat(rows.stream().mapToLong(r -> r.input() + r.output() + r.cacheRead()).sum()).isEqualTo(5_583);
    }

    @Test
    void newMessageWritten_isSeenOnTheNextRefresh_equalToAColdRead() throws Exception {
        Path db = Captured.layOut(home);
        SessionDiscovery warm = discovery();
        TranscriptIndex index = TranscriptIndex.inMemory();
        warm.discover(request(ProcessTable.empty(NOW), true, index));
        // What OpenCode writes for a next call (into a copy we own: the test plays OpenCode here).
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("INSERT INTO message (id, session_id, time_created, time_updated, data) VALUES "
                    + "('msg_zzz', '" + Captured.SESSION + "', 1796580400000, 1796580400000, '{\"role\":\"assistant\","
                    + "\"modelID\":\"gpt-5.5\",\"cost\":0.02,\"tokens\":{\"input\":100,\"output\":10,\"reasoning\":5,"
                    + "\"cache\":{\"read\":3000,\"write\":0}},\"time\":{\"created\":1796580400000,"
                    + "\"completed\":1796580401000},\"finish\":\"stop\"}')");
        }
        Session incremental = warm.discover(request(ProcessTable.empty(NOW), true, index)).get(0);
        Session cold = discovery().discover(request(ProcessTable.empty(NOW), true, TranscriptIndex.inMemory()))
                .get(0);

        assertThat(incremental.tokens()).isEqualTo(cold.tokens());
        assertThat(incremental.tokens().total()).isEqualTo(new TokenUsage(4_068, 130, 0, 4_500, 3));
        assertThat(incremental.cost().usd().getAsDouble()).isCloseTo(0.04404, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void damagedDatabase_givesNoSessionAndANote_neverThrows() throws IOException {
        Path db = Captured.layOut(home);
        Files.write(db, new byte[] {1, 2, 3});
        Files.delete(db.resolveSibling("opencode.db-wal"));
        SessionDiscovery d = discovery();
        assertThat(d.discover(request(ProcessTable.empty(NOW), true, TranscriptIndex.inMemory()))).isEmpty();
        assertThat(d.diagnostics()).isNotEmpty();
    }

    @Test
    void liveOpencodeInTheSessionsDirectory_ownsIt_andAServerProcessDoesNot() throws IOException {
        Captured.layOut(home);
        ProcessInfo tui = new ProcessInfo(900, 1, "opencode", "/usr/lib/node_modules/opencode-ai/bin/opencode",
                List.of("opencode"), Optional.of(Captured.DIR), Optional.of(Instant.ofEpochMilli(1796580230000L)));
        ProcessInfo server = new ProcessInfo(901, 1, "opencode", "/usr/bin/opencode", List.of("opencode", "serve"),
                Optional.of(Captured.DIR), Optional.of(Instant.ofEpochMilli(1796580230000L)));

        List<Session> running = discovery().discover(request(ProcessTable.of(NOW, List.of(tui, server)), false,
                TranscriptIndex.inMemory()));

        assertThat(running).singleElement().satisfies(s -> assertThat(s.pid()).hasValue(900));
    }
}
