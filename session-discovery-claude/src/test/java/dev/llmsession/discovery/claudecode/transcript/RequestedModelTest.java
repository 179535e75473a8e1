package dev.llmsession.discovery.claudecode.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window follows the session's model ({@code requestedModel}), not a reply that names another model
 * (claude-code-2.1.332-observed.md: {@code message.model} claude-sonnet-4-6 while {@code requestedModel} stays
 * claude-opus-5-5); a failed turn's signal carries its API error text.
 */
final class RequestedModelTest {
    @TempDir
    Path dir;

    @Test
    void contextModel_isTheRequestedModel_whenTheReplyNamesAnother() {
        String line = "{\"type\":\"assistant\",\"requestId\":\"r1\",\"requestedModel\":\"claude-opus-5-5\","
                + "\"timestamp\":\"2026-12-01T10:00:00Z\",\"message\":{\"id\":\"m1\",\"model\":\"claude-sonnet-4-6\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":{\"input_tokens\":4,\"output_tokens\":6,"
                + "\"cache_creation_input_tokens\":900,\"cache_read_input_tokens\":2000}}}\n";

        FileSummary s = new TranscriptReader().read(Lines.write(dir.resolve("a.jsonl"), line), false);

        assertThat(s.contextModel()).isEqualTo("claude-opus-5-5");
        assertThat(s.usage()).singleElement().satisfies(u -> assertThat(u.model()).isEqualTo("claude-sonnet-4-6"));
    }

    @Test
    void contextModel_withoutRequestedModel_isTheReplysModel() {
        FileSummary s = new TranscriptReader().read(Lines.write(dir.resolve("b.jsonl"),
                Lines.assistant("m1", "r1", 5, false) + "\n"), false);

        assertThat(s.contextModel()).isEqualTo("claude-opus-4-6");
    }

    @Test
    void failedTurn_signalCarriesTheApiError() {
        String line = "{\"type\":\"assistant\",\"isApiErrorMessage\":true,\"error\":\"server_error\","
                + "\"timestamp\":\"2026-12-01T10:00:00Z\",\"message\":{\"id\":\"0d1e\",\"model\":\"<synthetic>\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"API Error: 529 Overloaded. This is a server-side "
                + "issue\"}],\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}\n";

        FileSummary s = new TranscriptReader().read(Lines.write(dir.resolve("c.jsonl"), line), false);

        assertThat(s.signal().kind()).isEqualTo(StateSignal.Kind.API_ERROR);
        assertThat(s.signal().detail()).contains("API Error: 529 Overloaded");
    }
}
