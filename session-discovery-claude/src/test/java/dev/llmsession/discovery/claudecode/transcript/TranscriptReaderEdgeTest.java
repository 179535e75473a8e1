package dev.llmsession.discovery.claudecode.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class TranscriptReaderEdgeTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void read_fileShrinksWhileReading_reportsWhatWasReadAsShrunk() {
        byte[] data = bytes(Lines.assistant("m1", "r1", 5, false) + "\n" + Lines.assistant("m2", "r2", 5, false) + "\n");
        SummaryBuilder builder = new SummaryBuilder(false);

        TranscriptReader.Outcome outcome = new TranscriptReader(64 * 1024)
                .read(new ShrinkingChannel(data, 0, 10), builder);

        assertThat(outcome.shrank()).isTrue();
        assertThat(builder.build(null, data.length, null, outcome.completeBytes(), outcome.shrank()).usage()).isEmpty();
    }

    @Test
    void read_fileTruncatedDuringLongLine_noExceptionAndEarlierLinesKept() {
        char[] filler = new char[5000];
        Arrays.fill(filler, 'z');
        String first = Lines.assistant("m1", "r1", 5, false) + "\n";
        String longLine = "{\"type\":\"user\",\"message\":{\"content\":\"" + new String(filler) + "\"}}\n";
        byte[] data = bytes(first + longLine);
        SummaryBuilder builder = new SummaryBuilder(false);

        // the first read sees everything; the region re-read of the long line finds the file cut
        TranscriptReader.Outcome outcome = new TranscriptReader(1024)
                .read(new ShrinkingChannel(data, 1, first.length() + 100), builder);

        FileSummary s = builder.build(null, data.length, null, outcome.completeBytes(), outcome.shrank());
        assertThat(outcome.shrank()).isTrue();
        assertThat(s.usage()).hasSize(1);
        assertThat(outcome.completeBytes()).isEqualTo(first.length());
    }

    @Test
    void read_longLineWithInvalidUtf8_fallsBackAndKeepsUsage() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes("{\"type\":\"assistant\",\"requestId\":\"r1\",\"message\":{\"id\":\"m1\",\"model\":\"claude-opus-4-6\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"bad "));
        out.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        byte[] filler = new byte[10_000];
        Arrays.fill(filler, (byte) 'y');
        out.write(filler);
        out.write(bytes("\"}],\"usage\":{\"input_tokens\":1,\"output_tokens\":2,\"cache_read_input_tokens\":3}}}\n"));
        SummaryBuilder builder = new SummaryBuilder(false);

        new TranscriptReader(1024).read(new ShrinkingChannel(out.toByteArray(), -1, 0), builder);

        FileSummary s = builder.build(null, 0, null, 0, false);
        assertThat(s.malformedLines()).isZero();
        assertThat(s.hugeLines()).isEqualTo(1);
        assertThat(s.usage()).singleElement().satisfies(u -> assertThat(u.total()).isEqualTo(6));
    }
}
