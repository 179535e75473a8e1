package dev.llmsession.discovery.opencode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionContext;
import dev.llmsession.spi.EventStream;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events, export and resume of captured OpenCode sessions: one in the database, one only in legacy files. */
final class OpenCodeConversationTest {
    @TempDir
    Path home;

    private SessionDiscovery discovery;

    private List<Session> discover(String capture) throws Exception {
        Captured.layOutTree(home, capture);
        discovery = new OpenCodeDiscoveryProvider().create(new ProviderContext(home, Map.of(),
                Clock.fixed(OpenCodeLegacyCapturedTest.NOW, ZoneOffset.UTC), Map.of()));
        return discovery.discover(new SessionDiscovery.Request(ProcessTable.empty(OpenCodeLegacyCapturedTest.NOW),
                OpenCodeLegacyCapturedTest.NOW, true, Optional.empty(), TranscriptIndex.inMemory(),
                IndexProgress.NONE, TokenEstimator.charsPerToken()));
    }

    private static Session byId(List<Session> sessions, String id) {
        return sessions.stream().filter(s -> s.id().nativeId().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> texts(List<ConversationEvent> events) {
        return events.stream().map(e -> e.kind() + " " + e.text()).toList();
    }

    @Test
    void events_bothStores_theTextPartsInOrder_readOnly() throws Exception {
        List<Session> sessions = discover("opencode-1.1.65-then-1.18.33");
        Map<String, String> before = SessionDiscoveryContract.snapshot(home);

        try (EventStream legacy = discovery.events(byId(sessions, Captured.LEGACY_SESSION)).orElseThrow();
                EventStream current = discovery.events(byId(sessions, Captured.AFTER_LEGACY_SESSION)).orElseThrow()) {
            assertThat(texts(legacy.poll(100))).containsExactly("PROMPT \"Say hello\"", "REPLY OK 2",
                    "PROMPT \"Say it again\"", "REPLY OK 4");
            assertThat(legacy.poll(100)).isEmpty();
            List<ConversationEvent> now = current.poll(100);
            assertThat(texts(now)).containsExactly("PROMPT \"Say it a third time\"", "REPLY OK 7");
            assertThat(now.get(1).at()).hasValueSatisfying(at -> assertThat(at.toEpochMilli())
                    .isEqualTo(1796589073137L));
            assertThat(current.poll(100)).isEmpty();
        }
        assertThat(SessionDiscoveryContract.snapshot(home)).isEqualTo(before);
    }

    @Test
    void events_boundedPolls_andAStreamingReplyWaitsUntilItIsFinished() throws Exception {
        List<Session> sessions = discover("opencode-1.1.65-then-1.2.1");
        Path db = home.resolve(".local/share/opencode/opencode.db");
        try (EventStream s = discovery.events(sessions.get(0)).orElseThrow()) {
            assertThat(texts(s.poll(1))).containsExactly("PROMPT \"Say hello\"");
            assertThat(texts(s.poll(100))).containsExactly("REPLY OK 2", "PROMPT \"Say it again\"", "REPLY OK 4");

            // what OpenCode writes while a reply streams, then when it ends (into our copy: the test plays OpenCode)
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
                st.execute("INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES "
                        + "('prt_ffff00000001zzzzzzzzzzzzzz', 'msg_24d0cfce4001uOOShOPfGZqbF3', '"
                        + Captured.LEGACY_SESSION + "', 1796589099000, 1796589099000, "
                        + "'{\"type\":\"text\",\"text\":\"Still wri\",\"time\":{\"start\":1796589099000}}')");
            }
            assertThat(s.poll(100)).isEmpty();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
                st.execute("UPDATE part SET data = '{\"type\":\"text\",\"text\":\"Still writing, done\",\"time\":"
                        + "{\"start\":1796589099000,\"end\":1796589099500}}' WHERE id = 'prt_ffff00000001zzzzzzzzzzzzzz'");
            }
            assertThat(texts(s.poll(100))).containsExactly("REPLY Still writing, done");
        }
    }

    @Test
    void readContext_andControl() throws Exception {
        List<Session> sessions = discover("opencode-1.1.65-then-1.18.33");
        Session legacy = byId(sessions, Captured.LEGACY_SESSION);

        SessionContext c = discovery.readContext(legacy, ContextRequest.DEFAULT).orElseThrow();

        assertThat(c.goals()).extracting(ContextMessage::text).containsExactly("\"Say hello\"", "\"Say it again\"");
        assertThat(c.messages()).hasSize(4);
        assertThat(discovery.control(legacy)).hasValueSatisfying(ctl -> {
            assertThat(ctl.resumeCommand()).containsExactly("opencode", "--session", Captured.LEGACY_SESSION);
            assertThat(ctl.cwd()).hasValue(Captured.LEGACY_DIR);
        });
    }

    @Test
    void events_sourceOutsideTheOpenCodeData_isNotOpened() throws Exception {
        Session s = discover("opencode-1.1.65").get(0);
        Path elsewhere = Files.writeString(home.resolve("ses_x.json"), "{}");
        Session foreign = new Session(s.id(), s.assistant(), s.pid(), s.activity(), s.cwd(), s.gitBranch(),
                s.title(), s.model(), s.startedAt(), s.lastActivityAt(), s.tokens(), s.context(), s.cost(), s.errors(),
                s.quality(), List.of(elsewhere));
        assertThat(discovery.events(foreign)).isEmpty();
    }
}
