package dev.llmsession.discovery.claudecode.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TranscriptReaderTest {

    @TempDir
    Path dir;

    private final TranscriptReader reader = new TranscriptReader();

    private FileSummary read(String text) {
        return reader.read(Lines.write(dir.resolve("t.jsonl"), text), false);
    }

    @Test
    void read_duplicatesWithGrowingOutput_keepsLargest() {
        FileSummary s = read(Lines.assistant("m1", "r1", 1, false) + "\n"
                + Lines.assistant("m1", "r1", 500, false) + "\n"
                + Lines.assistant("m1", "r1", 3, false) + "\n");

        assertThat(s.usage()).singleElement().satisfies(u -> assertThat(u.output()).isEqualTo(500));
    }

    @Test
    void read_missingRequestId_deduplicatesByMessageId() {
        FileSummary s = read(Lines.assistant("m1", null, 1, false) + "\n" + Lines.assistant("m1", null, 9, false) + "\n");

        assertThat(s.usage()).singleElement().satisfies(u -> {
            assertThat(u.key()).isEqualTo("m1");
            assertThat(u.output()).isEqualTo(9);
        });
        assertThat(s.linesWithoutKey()).isZero();
    }

    @Test
    void read_missingMessageId_countsCallAndFlagsIt() {
        FileSummary s = read(Lines.assistant(null, "r1", 1, false) + "\n" + Lines.assistant(null, "r1", 1, false) + "\n");

        assertThat(s.usage()).hasSize(2);
        assertThat(s.linesWithoutKey()).isEqualTo(2);
    }

    @Test
    void read_truncatedLastLine_ignoredUntilCompleted() throws IOException {
        String whole = Lines.assistant("m2", "r2", 7, false);
        Path file = Lines.write(dir.resolve("t.jsonl"), Lines.assistant("m1", "r1", 5, false) + "\n"
                + whole.substring(0, 40));

        FileSummary before = reader.read(file, false);
        Files.writeString(file, whole.substring(40) + "\n", StandardOpenOption.APPEND);
        FileSummary after = reader.read(file, false);

        assertThat(before.usage()).hasSize(1);
        assertThat(before.partialTailBytes()).isEqualTo(40);
        assertThat(before.malformedLines()).isZero();
        assertThat(before.completeBytes()).isEqualTo(Lines.assistant("m1", "r1", 5, false).length() + 1);
        assertThat(after.usage()).hasSize(2);
        assertThat(after.partialTailBytes()).isZero();
        assertThat(after.completeBytes()).isEqualTo(Files.size(file));
    }

    @Test
    void read_malformedLines_skippedAndCounted() {
        FileSummary s = read("{\"type\":\"user\",\n[1,2]\nnot json\n{\"a\":1} trailing\n\n"
                + Lines.assistant("m1", "r1", 5, false) + "\n");

        assertThat(s.malformedLines()).isEqualTo(4);
        assertThat(s.usage()).hasSize(1);
    }

    @Test
    void read_invalidUtf8InsideString_replacedNotFatal() throws IOException {
        byte[] prefix = "{\"type\":\"user\",\"timestamp\":\"2026-02-12T16:00:00Z\",\"message\":{\"role\":\"user\",\"content\":\"caf"
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        byte[] suffix = " ok\"}}\n".getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("bad.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(prefix);
            out.write(bad);
            out.write(suffix);
            out.write((Lines.assistant("m1", "r1", 5, false) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        FileSummary s = reader.read(file, false);

        assertThat(s.malformedLines()).isZero();
        assertThat(s.usage()).hasSize(1);
        assertThat(s.firstPrompt()).startsWith("caf").contains("\uFFFD").endsWith("ok");
    }

    @Test
    void read_loneSurrogateEscape_isValidJson() {
        FileSummary s = read("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"smile \\ud83d please\"}}\n"
                + Lines.assistant("m1", "r1", 5, false) + "\n");

        assertThat(s.malformedLines()).isZero();
        assertThat(s.firstPrompt()).isEqualTo("smile \ud83d please");
        assertThat(s.usage()).hasSize(1);
    }

    @Test
    void read_emptyFile_yieldsNothing() {
        FileSummary s = read("");

        assertThat(s.usage()).isEmpty();
        assertThat(s.unreadable()).isFalse();
        assertThat(s.context()).isEmpty();
        assertThat(s.signal()).isEqualTo(StateSignal.NONE);
    }

    @Test
    void read_vanishedFile_marksUnreadableWithoutThrowing() {
        FileSummary s = reader.read(dir.resolve("gone.jsonl"), false);

        assertThat(s.unreadable()).isTrue();
        assertThat(s.usage()).isEmpty();
    }

    @Test
    void read_lineLongerThanBuffer_streamsFromFile() {
        TranscriptReader small = new TranscriptReader(1024);
        char[] filler = new char[200_000];
        Arrays.fill(filler, 'A');
        String big = "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look \\\"here\\\" "
                + new String(filler) + "\"}]}}";
        Path file = Lines.write(dir.resolve("big.jsonl"), big + "\n" + Lines.assistant("m1", "r1", 5, false) + "\n");

        FileSummary s = small.read(file, false);

        assertThat(s.hugeLines()).isEqualTo(1);
        assertThat(s.malformedLines()).isZero();
        assertThat(s.firstPrompt()).startsWith("look \"here\" AAAA").hasSizeLessThanOrEqualTo(80);
        assertThat(s.usage()).hasSize(1);
    }

    @Test
    void read_fiftyMegabyteLine_yieldsItsUsageWithBoundedBuffers() throws IOException {
        Path file = dir.resolve("huge.jsonl");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'Q');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("{\"type\":\"assistant\",\"requestId\":\"r1\",\"timestamp\":\"2026-02-12T16:00:00Z\","
                    + "\"message\":{\"id\":\"m1\",\"model\":\"claude-opus-4-6\",\"content\":[{\"type\":\"image\","
                    + "\"source\":{\"type\":\"base64\",\"data\":\"").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write(("\"}}],\"usage\":{\"input_tokens\":4,\"output_tokens\":8,\"cache_creation_input_tokens\":15,"
                    + "\"cache_read_input_tokens\":16}}}\n").getBytes(StandardCharsets.UTF_8));
        }

        FileSummary s = reader.read(file, false);

        assertThat(Files.size(file)).isGreaterThan(50L << 20);
        assertThat(reader.maxBufferedLine()).isLessThan(2 << 20);
        assertThat(s.hugeLines()).isEqualTo(1);
        assertThat(s.malformedLines()).isZero();
        assertThat(s.usage()).singleElement().satisfies(u -> {
            assertThat(u.total()).isEqualTo(43);
            assertThat(u.context()).isEqualTo(35);
        });
        assertThat(s.context()).hasValue(35);
    }

    @Test
    void read_compactionLastWithoutPostTokens_contextUnknown() {
        FileSummary s = read(Lines.assistant("m1", "r1", 5, false) + "\n"
                + "{\"type\":\"system\",\"subtype\":\"compact_boundary\",\"compactMetadata\":{\"trigger\":\"auto\",\"preTokens\":170251}}\n");

        assertThat(s.context()).isEmpty();
        assertThat(s.compactedLast()).isTrue();
        assertThat(s.signal().kind()).isEqualTo(StateSignal.Kind.COMPACT_BOUNDARY);
    }

    @Test
    void read_compactionLastWithPostTokens_usesThem() {
        FileSummary s = read(Lines.assistant("m1", "r1", 5, false) + "\n"
                + "{\"type\":\"system\",\"subtype\":\"compact_boundary\",\"compactMetadata\":{\"preTokens\":170251,\"postTokens\":21000}}\n");

        assertThat(s.context()).hasValue(21_000);
    }

    @Test
    void read_sidechainLinesInMainFile_doNotSetContext() {
        FileSummary s = read(Lines.assistant("m1", "r1", 5, false) + "\n"
                + Lines.assistant("m2", "r2", 5, true).replace("\"cache_read_input_tokens\":1000", "\"cache_read_input_tokens\":9") + "\n");

        assertThat(s.context()).hasValue(1110);
    }

    @Test
    void read_apiErrorRetriesWithoutSuccessBetween_countOneIncident() {
        String retry = "{\"type\":\"system\",\"subtype\":\"api_error\",\"timestamp\":\"2026-02-12T16:00:0%dZ\",\"retryAttempt\":%d}";
        String failed = "{\"type\":\"assistant\",\"isApiErrorMessage\":true,\"timestamp\":\"2026-02-12T16:00:09Z\","
                + "\"message\":{\"id\":\"x\",\"model\":\"<synthetic>\",\"content\":[{\"type\":\"text\",\"text\":\"API Error: 529\"}],"
                + "\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}";
        FileSummary s = read(String.format(retry, 1, 1) + "\n" + String.format(retry, 2, 2) + "\n" + failed + "\n"
                + Lines.assistant("m1", "r1", 5, false) + "\n" + String.format(retry, 5, 1) + "\n");

        assertThat(s.apiErrorTimes()).hasSize(2);
        assertThat(s.usage()).hasSize(1);
    }

    @Test
    void read_titleLines_lastOneWins() {
        FileSummary s = read("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"first prompt\"}}\n"
                + "{\"type\":\"ai-title\",\"aiTitle\":\"AI title\"}\n{\"type\":\"custom-title\",\"customTitle\":\"Mine\"}\n");

        assertThat(s.explicitTitle()).isEqualTo("Mine");
        assertThat(s.firstPrompt()).isEqualTo("first prompt");
    }

    @Test
    void read_unknownTypesAndFields_ignored() {
        FileSummary s = read("{\"type\":\"cost-state\",\"totalCostUSD\":1.5,\"modelUsage\":{\"a\":{\"b\":[1,2]}}}\n"
                + "{\"type\":\"api-request\",\"params\":{\"model\":\"claude-opus-5-5\"}}\n");

        assertThat(s.malformedLines()).isZero();
        assertThat(s.usage()).isEmpty();
    }
}
