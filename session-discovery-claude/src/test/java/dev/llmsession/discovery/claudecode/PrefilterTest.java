package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte-level pre-filter changes the speed of a read, never its result. */
final class PrefilterTest {

    private static final String ENVELOPE = "\"sessionId\":\"s\",\"cwd\":\"/a\",\"version\":\"2.1.39\","
            + "\"gitBranch\":\"main\",\"timestamp\":\"2026-02-12T16:00:00.000Z\"";

    @TempDir
    Path dir;

    private final TranscriptReader with = new TranscriptReader(TranscriptReader.DEFAULT_MAX_BUFFERED_LINE, true);
    private final TranscriptReader without = new TranscriptReader(TranscriptReader.DEFAULT_MAX_BUFFERED_LINE, false);

    @Test
    void read_sampleFiles_sameSummaryWithAndWithoutPrefilter() {
        Path project = Fixtures.claudeProject();
        Path sub = project.resolve(Fixtures.SESSION).resolve("subagents");
        for (Path file : List.of(project.resolve(Fixtures.SESSION + ".jsonl"), project.resolve("short.jsonl"),
                sub.resolve("agent-a2898e3.jsonl"), sub.resolve("agent-acompact-e1f845.jsonl"))) {
            boolean side = file.startsWith(sub);
            assertThat(with.read(file, side)).as(file.toString()).isEqualTo(without.read(file, side));
        }
    }

    @Test
    void read_adversarialTranscripts_sameSummaryWithAndWithoutPrefilter() throws IOException {
        for (long seed = 0; seed < 20; seed++) {
            Path file = dir.resolve("adv-" + seed + ".jsonl");
            Files.write(file, Adversarial.transcript(seed, 300));

            assertThat(with.read(file, seed % 2 == 0)).isEqualTo(without.read(file, seed % 2 == 0));
        }
    }

    @Test
    void read_envelopeLinesThatAreNotQuiteValid_sameSummaryWithAndWithoutPrefilter() throws IOException {
        List<String> lines = List.of(
                "{\"type\":\"progress\"," + ENVELOPE + ",\"data\":{\"a\":tru}}",
                "{\"type\":\"progress\"," + ENVELOPE + ",\"data\":01}",
                "{\"type\":\"progress\"," + ENVELOPE + ",\"data\":[1,2,]}",
                "{\"type\":\"progress\"," + ENVELOPE + "}}",
                "{\"type\":\"progress\"," + ENVELOPE + ",\"x\":\"\\q\"}",
                "{\"type\":\"progress\"," + ENVELOPE + ",\"x\":\"tab\there\"}",
                "{\"type\":\"progress\"," + ENVELOPE + ",\"x\":1.}",
                "{\"type\":\"progress\"," + ENVELOPE + ",\"x\":-}",
                "{\"type\":\"progress\"," + ENVELOPE + ",\"x\":1e5,\"y\":-0.5E-3,\"z\":[true,false,null,{}]}",
                "{\"ty\\u0070e\":\"user\"," + ENVELOPE + ",\"message\":{\"content\":\"hidden prompt\"}}",
                "{\"type\":\"progress\",\"type\":\"user\"," + ENVELOPE + ",\"message\":{\"content\":\"dup\"}}",
                "{\"type\":\"user\",\"type\":\"progress\"," + ENVELOPE + "}",
                "{\"type\":\"progress\",\"timestamp\":12," + ENVELOPE.replace("\"timestamp\"", "\"ts\"") + "}",
                "{\"type\":\"progress\",\"cwd\":\"/h\\u00e9\",\"timestamp\":\"not a time\"}",
                "{\"type\":\"queue-operation\",\"cwd\":\"/é\"," + ENVELOPE.replace("\"cwd\":\"/a\",", "") + "}",
                "{\"type\":\"progress\"," + ENVELOPE + ",\"data\":{\"type\":\"assistant\",\"timestamp\":\"2030-01-01T00:00:00Z\"}}",
                "{\"type\":\"progress\"," + ENVELOPE + "} trailing",
                "{\"type\":\"progress\"," + ENVELOPE + ",}",
                "{}",
                "[]",
                "  {\"type\":\"progress\"," + ENVELOPE + "}\r");
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        Path file = dir.resolve("odd.jsonl");
        Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));

        FileSummary a = with.read(file, false);
        FileSummary b = without.read(file, false);

        assertThat(a).isEqualTo(b);
        assertThat(a.malformedLines()).isGreaterThanOrEqualTo(10);
    }
}
