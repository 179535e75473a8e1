package dev.llmsession.discovery.gemini;

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
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export, events and resume of the captured Gemini CLI 0.61.0 session (two files, a resume that re-lists). */
final class GeminiConversationTest {
    @TempDir
    Path home;

    private SessionDiscovery discovery;
    private Session session;

    private void discover() throws Exception {
        Captured.layOut(home, Files.createDirectories(home.resolve("proj")));
        discovery = new GeminiDiscoveryProvider().create(new ProviderContext(home, Map.of(),
                Clock.fixed(GeminiCapturedTest.NOW, ZoneOffset.UTC), Map.of()));
        session = discovery.discover(new SessionDiscovery.Request(ProcessTable.empty(GeminiCapturedTest.NOW),
                GeminiCapturedTest.NOW, true, Optional.empty(), TranscriptIndex.inMemory(), IndexProgress.NONE,
                TokenEstimator.charsPerToken())).get(0);
    }

    private static List<String> texts(List<ConversationEvent> events) {
        return events.stream().map(e -> e.kind() + " " + e.text()).toList();
    }

    @Test
    void events_theTypedPromptsAndRepliesOnce_notTheReListedHistoryNorTheSetupContext() throws Exception {
        discover();
        Map<String, String> before = SessionDiscoveryContract.snapshot(home);
        try (EventStream s = discovery.events(session).orElseThrow()) {
            List<ConversationEvent> events = s.poll(100);

            assertThat(texts(events)).containsExactly("PROMPT Say hello", "REPLY OK 2", "PROMPT Say it again",
                    "REPLY OK 3", "PROMPT Once more", "REPLY OK 4");
            assertThat(events.get(0).at()).hasValue(Instant.parse("2026-12-06T18:02:44.094Z"));
            assertThat(s.poll(100)).isEmpty();
            assertThat(discovery.readContext(session, ContextRequest.DEFAULT)).isPresent();
            assertThat(SessionDiscoveryContract.snapshot(home)).isEqualTo(before);

            // what Gemini CLI appends for a next turn, into our copy: a prompt, and a tool-calling reply written twice
            Path last = session.sources().get(session.sources().size() - 1);
            Files.writeString(last, "{\"id\":\"u5\",\"timestamp\":\"2026-12-06T18:04:00Z\",\"type\":\"user\","
                    + "\"content\":[{\"text\":\"Run it\"}]}\n{\"id\":\"g5\",\"timestamp\":\"2026-12-06T18:04:01Z\","
                    + "\"type\":\"gemini\",\"content\":\"Running\"}\n{\"id\":\"g5\",\"timestamp\":"
                    + "\"2026-12-06T18:04:01Z\",\"type\":\"gemini\",\"content\":\"Running\"}\n{\"id\":\"e5\",\"typ",
                    StandardOpenOption.APPEND);

            assertThat(texts(s.poll(100))).containsExactly("PROMPT Run it", "REPLY Running");
            Files.writeString(last, "e\":\"error\",\"content\":\"quota\"}\n", StandardOpenOption.APPEND);
            assertThat(texts(s.poll(100))).containsExactly("ERROR quota");
        }
    }

    @Test
    void readContext_goalsAndLastMessages_fromTheCapturedFiles() throws Exception {
        discover();

        SessionContext c = discovery.readContext(session, ContextRequest.DEFAULT).orElseThrow();

        assertThat(c.goals()).extracting(ContextMessage::text).containsExactly("Say hello", "Say it again",
                "Once more");
        assertThat(c.messages()).extracting(m -> m.role() + " " + m.text()).containsExactly("user Say hello",
                "assistant OK 2", "user Say it again", "assistant OK 3", "user Once more", "assistant OK 4");
        assertThat(c.errors()).isEmpty();
    }

    @Test
    void control_resumesByIdInTheProjectDirectory() throws Exception {
        discover();

        assertThat(discovery.control(session)).hasValueSatisfying(c -> {
            assertThat(c.resumeCommand()).containsExactly("gemini", "--resume", Captured.SESSION);
            assertThat(c.cwd()).isEqualTo(session.cwd());
        });
    }

    @Test
    void events_fileOutsideTheGeminiHome_isNotOpened() throws Exception {
        discover();
        Session foreign = new Session(session.id(), session.assistant(), session.pid(), session.activity(),
                session.cwd(), session.gitBranch(), session.title(), session.model(), session.startedAt(),
                session.lastActivityAt(), session.tokens(), session.context(), session.cost(), session.errors(),
                session.quality(), List.of(Path.of("/etc/passwd")));
        assertThat(discovery.events(foreign)).isEmpty();
    }
}
