package dev.llmsession.adapterkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.ConversationEvent.Kind;
import dev.llmsession.model.Session;
import dev.llmsession.spi.EventStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and resume written once: from the adapter's events and its resume command, for its own sessions only. */
final class EventSessionDiscoveryTest {
    @TempDir
    Path dir;

    /** Every line of the session's file is a prompt. */
    private final class Fake implements EventSessionDiscovery {
        @Override
        public String assistant() {
            return "fake";
        }

        @Override
        public List<String> resumeCommand(String nativeId) {
            return List.of("fake", "--resume", nativeId);
        }

        @Override
        public Optional<EventStream> eventsOf(Session session) {
            return JsonlEvents.open(session.sources(), (line, length, out) -> out.add(ConversationEvent.text(
                    Instant.EPOCH, Kind.PROMPT, new String(line, 0, length, StandardCharsets.UTF_8))));
        }

        @Override
        public List<Session> discover(Request request) {
            return List.of();
        }
    }

    private Session session(String assistant) throws Exception {
        Path file = Files.writeString(dir.resolve(assistant + ".jsonl"), "fix the build\nadd a test\n");
        return SessionBuilder.of(assistant, "s1", assistant).times(Instant.EPOCH, Instant.EPOCH)
                .context(0, 0, 200_000).source(file).build();
    }

    @Test
    void ownSession_exportFromItsEvents_resumeByItsCommand() throws Exception {
        Session s = session("fake");
        Fake fake = new Fake();

        assertThat(fake.readContext(s, ContextRequest.DEFAULT).orElseThrow().messages())
                .extracting(ContextMessage::text).containsExactly("fix the build", "add a test");
        assertThat(fake.control(s).orElseThrow().resumeCommand()).containsExactly("fake", "--resume", "s1");
    }

    @Test
    void anotherAssistantsSession_nothing() throws Exception {
        Session s = session("other");
        Fake fake = new Fake();

        assertThat(fake.events(s)).isEmpty();
        assertThat(fake.readContext(s, ContextRequest.DEFAULT)).isEmpty();
        assertThat(fake.control(s)).isEmpty();
    }
}
