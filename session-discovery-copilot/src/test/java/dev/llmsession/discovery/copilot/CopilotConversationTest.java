package dev.llmsession.discovery.copilot;

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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export, events and resume of the captured Copilot CLI 1.0.102 session (one run, two resumes). */
final class CopilotConversationTest {
    @TempDir
    Path home;

    private SessionDiscovery discovery;
    private Session session;

    private void discover() throws Exception {
        Captured.layOut(home);
        discovery = new CopilotDiscoveryProvider().create(new ProviderContext(home, Map.of(),
                Clock.fixed(CopilotCapturedTest.NOW, ZoneOffset.UTC), Map.of()));
        session = discovery.discover(new SessionDiscovery.Request(ProcessTable.empty(CopilotCapturedTest.NOW),
                CopilotCapturedTest.NOW, true, Optional.empty(), TranscriptIndex.inMemory(), IndexProgress.NONE,
                TokenEstimator.charsPerToken())).get(0);
    }

    private static List<String> texts(List<ConversationEvent> events) {
        return events.stream().map(e -> e.kind() + " " + e.text()).toList();
    }

    @Test
    void events_typedPromptsAndReplies_readOnly_thenWhatIsAppended() throws Exception {
        discover();
        Map<String, String> before = SessionDiscoveryContract.snapshot(home);
        try (EventStream s = discovery.events(session).orElseThrow()) {
            assertThat(texts(s.poll(100))).containsExactly("PROMPT Say hello", "REPLY OK 1", "PROMPT Say it again",
                    "REPLY OK 2", "PROMPT Once more", "REPLY OK 3");
            assertThat(s.poll(100)).isEmpty();
            assertThat(SessionDiscoveryContract.snapshot(home)).isEqualTo(before);

            Files.writeString(session.sources().get(0), "{\"type\":\"session.error\",\"timestamp\":"
                    + "\"2026-12-06T18:07:00Z\",\"data\":{\"message\":\"rate limited\"}}\n{\"type\":\"user.mes",
                    StandardOpenOption.APPEND);

            assertThat(texts(s.poll(100))).containsExactly("ERROR rate limited");
        }
    }

    @Test
    void readContext_goalsMessagesAndErrors() throws Exception {
        discover();

        SessionContext c = discovery.readContext(session, ContextRequest.DEFAULT).orElseThrow();

        assertThat(c.goals()).extracting(ContextMessage::text).containsExactly("Say hello", "Say it again",
                "Once more");
        assertThat(c.messages()).hasSize(6);
        assertThat(c.messages().get(5).text()).isEqualTo("OK 3");
    }

    @Test
    void control_resumesById() throws Exception {
        discover();

        assertThat(discovery.control(session)).hasValueSatisfying(c -> {
            assertThat(c.resumeCommand()).containsExactly("copilot", "--resume", Captured.SESSION);
            assertThat(c.cwd()).hasValue("/tmp/cap/copilot/proj");
        });
    }
}
