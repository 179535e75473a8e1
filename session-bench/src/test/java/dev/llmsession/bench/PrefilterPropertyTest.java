package dev.llmsession.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.testkit.LineFuzz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-level pre-filter of the Claude reader never drops a line a full parse would count: every line shape the
 * corpus generator writes (with its edge cases), and fuzzed variants of them (bytes cut, inserted or replaced; keys
 * and values that matter spliced in), give the same file summary with the pre-filter and without it.
 */
final class PrefilterPropertyTest {

    private static final int BATCH = 64;
    private static final String[] SPLICES = {"\"", "\\", "{", "}", "[", "]", ",", ":", " ", "\t", "\r", "\u0000",
        "é", "😀", "\\u0074", "\\\"", "\"type\":\"user\",", "\"type\":\"assistant\",", "\"type\":\"system\",",
        "\"message\":{\"content\":\"x\"},", "\"timestamp\":1,", "\"timestamp\":\"2026-01-01T00:00:00Z\",",
        "\"cwd\":\"/\\u00e9\",", "\"type\":", "\"summary\":\"t\",", "\"customTitle\":\"t\",", "\"isSidechain\":true,",
        "1e999", "-0", "null", "true", "\"sessionId\":\"other\","};

    private final TranscriptReader with = new TranscriptReader(TranscriptReader.DEFAULT_MAX_BUFFERED_LINE, true);
    private final TranscriptReader without = new TranscriptReader(TranscriptReader.DEFAULT_MAX_BUFFERED_LINE, false);

    @Test
    void prefilter_generatorLinesAndFuzzedVariants_sameSummaryAsFullParse(@TempDir Path tmp) throws IOException {
        Path corpus = tmp.resolve("corpus");
        CorpusGenerator.generate(corpus, 600 << 10, 7, "600k", false, true);
        List<byte[]> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus.resolve(".claude"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readString(f, StandardCharsets.UTF_8).split("\n")) {
                    lines.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(200);
        Random random = new Random(1414);
        List<byte[]> shapes = new ArrayList<>(lines);
        for (byte[] line : lines) {
            for (int k = 0; k < 3; k++) {
                shapes.add(fuzz(line, random));
            }
        }
        int batches = 0;
        for (int from = 0; from < shapes.size(); from += BATCH) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] line : shapes.subList(from, Math.min(shapes.size(), from + BATCH))) {
                out.write(line);
                out.write('\n');
            }
            Path file = tmp.resolve("batch-" + from + ".jsonl");
            Files.write(file, out.toByteArray());
            boolean sidechain = random.nextInt(4) == 0;
            assertThat(with.read(file, sidechain)).as("lines %d.. of %s", from, file).isEqualTo(
                    without.read(file, sidechain));
            batches++;
        }
        assertThat(batches).isGreaterThan(10);
    }

    /** One random edit of {@code line} (the test kit's, with this test's splices). */
    private static byte[] fuzz(byte[] line, Random random) {
        return LineFuzz.edit(line, random, SPLICES);
    }
}
