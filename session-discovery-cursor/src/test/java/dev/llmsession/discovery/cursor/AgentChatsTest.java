package dev.llmsession.discovery.cursor;

import static dev.llmsession.discovery.cursor.CursorFixtures.NOW;
import static dev.llmsession.discovery.cursor.CursorFixtures.process;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cursor-agent chats: store.db meta and blobs, transcripts, and the node process that owns one. */
final class AgentChatsTest {
    private static final String AGENT = "/home/a/.local/share/cursor-agent/versions/2026.11.02-abc1234";

    @TempDir
    Path home;

    private Path project;
    private Path agentRoot;

    @BeforeEach
    void layOut() throws Exception {
        project = Files.createDirectories(home.resolve("work/my-app"));
        agentRoot = home.resolve(".cursor");
        long created = NOW.minusSeconds(7200).toEpochMilli();
        Path older = CursorFixtures.agentStore(agentRoot, project.toString(), "chat-old",
                "{\"agentId\":\"chat-old\",\"name\":\"Old chat\",\"createdAt\":" + created
                        + ",\"lastUsedModel\":\"gpt-5\",\"blobEncryptionKey\":\"SECRET-BLOB-KEY\"}",
                List.of("{\"role\":\"user\",\"content\":\"hi\"}", "{\"role\":\"assistant\",\"content\":[]}"));
        Path newer = CursorFixtures.agentStore(agentRoot, project.toString(), "chat-new",
                "{\"agentId\":\"chat-new\",\"name\":\"New chat\",\"createdAt\":\"" + created + "\","
                        + "\"lastUsedModel\":\"default\",\"mode\":\"auto-run\"}",
                List.of("{\"role\":\"system\",\"content\":\"x\"}", "{\"role\":\"user\",\"content\":\"a\"}",
                        "{\"role\":\"assistant\",\"content\":\"b\"}", "{\"role\":\"tool\",\"content\":[]}"));
        Files.setLastModifiedTime(older, FileTime.from(NOW.minusSeconds(3600)));
        Files.setLastModifiedTime(newer, FileTime.from(NOW.minusSeconds(30)));
        // the transcript of the old chat has more messages than its blobs
        String slug = project.toString().substring(1).replace('/', '-').replace('.', '-');
        Path transcript = Files.createDirectories(agentRoot.resolve("projects").resolve(slug)
                .resolve("agent-transcripts/chat-old")).resolve("chat-old.jsonl");
        Files.writeString(transcript, "{\"role\":\"user\",\"message\":{\"content\":[{\"type\":\"text\"}]}}\n"
                + "{\"role\":\"assistant\",\"message\":{\"content\":[]}}\n{\"role\":\"user\",\"message\":{}}\n"
                + "not json\n{\"role\":\"assistant\",\"message\":{}}\n");
        Files.setLastModifiedTime(transcript, FileTime.from(NOW.minusSeconds(3000)));
    }

    private List<Session> discover(boolean all, dev.llmsession.model.ProcessInfo... processes) {
        return new CursorSessionDiscovery(CursorFixtures.context(home, Map.of()))
                .discover(CursorFixtures.request(CursorFixtures.table(processes), all));
    }

    private static Session byId(List<Session> sessions, String id) {
        return sessions.stream().filter(s -> s.id().nativeId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void discover_noAgentProcess_chatsEndedWithMetaAndEstimates() throws Exception {
        List<Session> sessions = discover(true);

        Session old = byId(sessions, "chat-old");
        assertThat(old.activity().state()).isEqualTo(ActivityState.ENDED);
        assertThat(old.title()).contains("Old chat");
        assertThat(old.model()).contains("gpt-5");
        assertThat(old.startedAt()).isEqualTo(NOW.minusSeconds(7200));
        assertThat(old.lastActivityAt()).isEqualTo(NOW.minusSeconds(3000));
        assertThat(old.cwd()).contains(project.toRealPath().toString());
        assertThat(old.tokens().source()).isEqualTo(TokenSource.ESTIMATED);
        assertThat(old.tokens().total().input()).isEqualTo(1_000 + 4 * 200);
        Session fresh = byId(sessions, "chat-new");
        assertThat(fresh.model()).contains("auto");
        assertThat(fresh.tokens().total().input()).isEqualTo(1_000 + 2 * 200);
        assertThat(fresh.startedAt()).isEqualTo(NOW.minusSeconds(7200));
        assertThat(sessions.toString()).doesNotContain("SECRET");
        assertThat(discover(false)).isEmpty();
    }

    @Test
    void discover_agentInTheFolder_ownsItsNewestChatSinceItsStart() {
        Instant started = NOW.minusSeconds(600);
        List<Session> sessions = discover(false, process(4000, 1, AGENT + "/node", project.toString(), started,
                AGENT + "/node", AGENT + "/index.js"));

        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.id().nativeId()).isEqualTo("chat-new");
            assertThat(s.pid()).hasValue(4000);
            assertThat(s.activity().state()).isEqualTo(ActivityState.UNKNOWN);
            assertThat(s.activity().evidence()).contains("newest chat of", "cursor-agent pid 4000");
            assertThat(s.cwd()).contains(project.toString());
        });
    }

    @Test
    void discover_agentResumingAChat_ownsThatOne() {
        List<Session> sessions = discover(false, process(4000, 1, AGENT + "/node", "/somewhere/else",
                NOW.minusSeconds(60), AGENT + "/node", AGENT + "/index.js", "--resume", "chat-old"));

        assertThat(sessions).singleElement().satisfies(s -> {
            assertThat(s.id().nativeId()).isEqualTo("chat-old");
            assertThat(s.activity().evidence()).contains("--resume");
        });
    }

    @Test
    void discover_agentStartedAfterItsNewestChat_ownsNone() {
        assertThat(discover(false, process(4000, 1, AGENT + "/node", project.toString(), NOW.minusSeconds(5),
                AGENT + "/node", AGENT + "/index.js"))).isEmpty();
    }
}
