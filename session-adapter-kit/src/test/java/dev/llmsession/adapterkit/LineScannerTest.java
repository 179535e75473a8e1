package dev.llmsession.adapterkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line splitter against the obvious split of the same bytes. */
final class LineScannerTest {

    @TempDir
    Path dir;

    @Test
    void next_findsTheFirstNewline_likeAByteLoop() {
        Random random = new Random(1);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // newlines, their neighbours in the bit test (0x0B, 0x8A) and anything else
                int pick = random.nextInt(6);
                b[i] = (byte) (pick == 0 ? '\n' : pick == 1 ? 0x0B : pick == 2 ? 0x8A : pick == 3 ? 0x09
                        : random.nextInt(256));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(LineScanner.next(b, from, to)).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void scan_randomContent_givesEveryLineInOrder_longOnesByPosition_andTheTail() throws IOException {
        Random random = new Random(2);
        for (int round = 0; round < 300; round++) {
            byte[] content = content(random);
            Path file = dir.resolve("f" + round);
            Files.write(file, content);
            int maxLine = 16 + random.nextInt(200);
            long from = lineStartAtOrBefore(content, random.nextInt(content.length + 1));
            List<String> seen = new ArrayList<>();
            LineScanner scanner = new LineScanner(maxLine, random.nextBoolean() ? 1 : content.length);
            LineScanner.Stop stop;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                stop = scanner.scan(channel, from, content.length, new LineScanner.Sink() {
                    @Override
                    public void line(byte[] buffer, int start, int end) {
                        seen.add("short:" + new String(buffer, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1));
                    }

                    @Override
                    public void longLine(long start, long end) {
                        seen.add("long:" + new String(content, (int) start, (int) (end - start),
                                java.nio.charset.StandardCharsets.ISO_8859_1));
                    }
                });
            }
            List<String> expected = new ArrayList<>();
            int lineStart = (int) from;
            for (int i = (int) from; i < content.length; i++) {
                if (content[i] == '\n') {
                    String line = new String(content, lineStart, i - lineStart, java.nio.charset.StandardCharsets.ISO_8859_1);
                    expected.add((i - lineStart <= maxLine ? "short:" : "long:") + line);
                    lineStart = i + 1;
                }
            }
            assertThat(seen).as("round %d", round).isEqualTo(expected);
            assertThat(stop.lineStart()).isEqualTo(lineStart);
            assertThat(stop.end()).isEqualTo(content.length);
            assertThat(stop.bytesRead()).isEqualTo(content.length - from);
            assertThat(scanner.tailTooLong()).isEqualTo(content.length - lineStart > maxLine);
            if (!scanner.tailTooLong()) {
                assertThat(Arrays.copyOfRange(scanner.tailBuffer(), scanner.tailFrom(), scanner.tailTo()))
                        .isEqualTo(Arrays.copyOfRange(content, lineStart, content.length));
            }
        }
    }

    private static byte[] content(Random random) {
        StringBuilder b = new StringBuilder();
        int lines = random.nextInt(60);
        for (int i = 0; i < lines; i++) {
            int length = random.nextInt(10) == 0 ? random.nextInt(5000) : random.nextInt(120);
            for (int c = 0; c < length; c++) {
                b.append((char) (' ' + random.nextInt(90)));
            }
            if (i < lines - 1 || random.nextBoolean()) {
                b.append('\n');
            }
        }
        return b.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static long lineStartAtOrBefore(byte[] content, int at) {
        for (int i = at - 1; i >= 0; i--) {
            if (content[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }
}
