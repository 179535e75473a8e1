package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.transcript.SummaryBuilder;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file read as N ranges in parallel (N = 1..8, cut points anywhere) folds to exactly the state of one sequential
 * pass: same parser state, same offset, same tail.
 */
final class SplitReadTest {

    @TempDir
    Path dir;

    @Test
    void readSplit_randomCuts_equalsSequentialRead() throws IOException {
        Random random = new Random(1414);
        // a small buffer limit, so that some lines are read as long lines from the file
        TranscriptReader reader = new TranscriptReader(4096);
        for (int round = 0; round < 24; round++) {
            byte[] content = content(random, round);
            Path file = dir.resolve("t" + round + ".jsonl");
            Files.write(file, content);
            boolean sidechain = random.nextInt(4) == 0;
            long from = random.nextBoolean() ? 0 : lineStartBefore(content, random.nextInt(content.length));
            SummaryBuilder sequential = new SummaryBuilder(sidechain);
            TranscriptReader.Outcome expected;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                expected = reader.read(channel, sequential, from);
            }
            for (int n = 1; n <= 8; n++) {
                long[] cuts = new long[n - 1];
                for (int i = 0; i < cuts.length; i++) {
                    cuts[i] = from + (long) (random.nextDouble() * (content.length - from));
                }
                SummaryBuilder split = new SummaryBuilder(sidechain);
                TranscriptReader.Outcome outcome;
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    outcome = reader.readSplit(channel, split, from, content.length, cuts);
                }
                assertThat(outcome).as("round %d, %d ranges", round, n).isEqualTo(expected);
                assertThat(split.snapshot()).as("round %d, %d ranges", round, n).isEqualTo(sequential.snapshot());
            }
        }
    }

    /** The adversarial transcript, the real sample, lines longer than the buffer, and sometimes a partial tail. */
    private static byte[] content(Random random, int round) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Adversarial.transcript(round, 200 + random.nextInt(800)));
        if (random.nextBoolean()) {
            out.write(Files.readAllBytes(Fixtures.claudeProject().resolve(Fixtures.SESSION + ".jsonl")));
        }
        for (int i = 0; i < 3; i++) {
            out.write(("{\"type\":\"assistant\",\"timestamp\":\"2026-02-12T22:00:0" + i + "Z\",\"requestId\":\"big" + i
                    + "\",\"message\":{\"id\":\"mbig" + i + "\",\"model\":\"claude-opus-4-6\",\"content\":[{\"type\":"
                    + "\"text\",\"text\":\"" + "x".repeat(5000 + random.nextInt(20000)) + "\"}],\"usage\":{"
                    + "\"input_tokens\":1,\"output_tokens\":2}}}\n").getBytes(StandardCharsets.UTF_8));
            out.write("not json at all\n\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(Adversarial.transcript(round + 100, 100));
        switch (random.nextInt(3)) {
            case 0 -> out.write("{\"type\":\"user\",\"timestamp\":\"2026-02-12T23:00:00Z\"}".getBytes(
                    StandardCharsets.UTF_8)); // a whole object without its newline
            case 1 -> out.write("{\"type\":\"assistant\",\"mess".getBytes(StandardCharsets.UTF_8));
            default -> {
            }
        }
        return out.toByteArray();
    }

    private static long lineStartBefore(byte[] content, int at) {
        for (int i = at - 1; i >= 0; i--) {
            if (content[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }
}
