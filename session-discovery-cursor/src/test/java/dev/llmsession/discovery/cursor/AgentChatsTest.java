package dev.llmsession.discovery.cursor;

import static dev.llmsession.discovery.cursor.CursorFixtures.NOW;
import static dev.llmsession.discovery.cursor.CursorFixtures.process;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenSource;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private Path transcript() {
        String slug = project.toString().substring(1).replace('/', '-').replace('.', '-');
        return agentRoot.resolve("projects").resolve(slug).resolve("agent-transcripts/chat-old/chat-old.jsonl");
    }

    private static Session oldChat(CursorSessionDiscovery discovery, TranscriptIndex index) {
        return byId(discovery.discover(new SessionDiscovery.Request(CursorFixtures.table(), NOW, true,
                Optional.empty(), index, IndexProgress.NONE, TokenEstimator.charsPerToken())), "chat-old");
    }

    private CursorSessionDiscovery newDiscovery() {
        return new CursorSessionDiscovery(CursorFixtures.context(home, Map.of()));
    }

    /** What a cold read of the same files reports; compared field by field with a warm one. */
    private Session cold() {
        return oldChat(newDiscovery(), TranscriptIndex.inMemory());
    }

    @Test
    void discover_transcriptGrowsAcrossRefreshes_incrementalEqualsCold() throws Exception {
        CursorSessionDiscovery warm = newDiscovery();
        TranscriptIndex index = TranscriptIndex.inMemory();
        Session before = oldChat(warm, index);
        assertThat(before.tokens().total().input()).isEqualTo(1_000 + 4 * 200);
        assertThat(before.quality().malformedLines()).isEqualTo(1);

        // an unfinished line waits for its newline; a whole object without one counts now, and once
        String half = "{\"role\":\"user\",\"message\":{\"con";
        Files.writeString(transcript(), "{\"role\":\"user\",\"message\":{}}\n" + half,
                java.nio.file.StandardOpenOption.APPEND);
        Session mid = oldChat(warm, index);
        assertThat(mid.tokens()).isEqualTo(cold().tokens());
        assertThat(mid.quality()).isEqualTo(cold().quality());
        assertThat(mid.tokens().total().input()).isEqualTo(1_000 + 5 * 200);
        assertThat(mid.quality().partialTailBytes()).isEqualTo(half.length());

        Files.writeString(transcript(), "tent\":[]}}\n{\"role\":\"assistant\",\"message\":{}}",
                java.nio.file.StandardOpenOption.APPEND);
        Session whole = oldChat(warm, index);
        Files.writeString(transcript(), "\n", java.nio.file.StandardOpenOption.APPEND);
        Session after = oldChat(warm, index);

        assertThat(whole.tokens().total().input()).isEqualTo(1_000 + 7 * 200);
        assertThat(after.tokens()).isEqualTo(whole.tokens()).isEqualTo(cold().tokens());
        assertThat(after.quality()).isEqualTo(cold().quality()).isEqualTo(new DataQuality(1, 0, 0, 0));
    }

    @Test
    void discover_newProcessWithTheSameIndex_doesNotReReadAnUnchangedTranscript() throws Exception {
        TranscriptIndex index = TranscriptIndex.inMemory();
        Session first = oldChat(newDiscovery(), index);
        assertThat(index.load("cursor-agent")).containsKey(transcript().toString());

        // Same inode, size and mtime, other bytes: only a reader that re-reads the file can see the change.
        FileTime mtime = Files.getLastModifiedTime(transcript());
        String text = Files.readString(transcript());
        Files.writeString(transcript(), text.replace("\"assistant\"", "\"xssistant\""));
        Files.setLastModifiedTime(transcript(), mtime);

        assertThat(oldChat(newDiscovery(), index).tokens()).isEqualTo(first.tokens());
        assertThat(cold().tokens().total().input()).isEqualTo(1_000 + 2 * 200);
    }

    @Test
    void discover_transcriptReplacedByAFifo_isSkippedAndTheStoreCountStands() throws Exception {
        Files.delete(transcript());
        Process mkfifo = new ProcessBuilder("mkfifo", transcript().toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        Session s = cold();

        assertThat(s.tokens().total().input()).isEqualTo(1_000 + 2 * 200);
    }
}
