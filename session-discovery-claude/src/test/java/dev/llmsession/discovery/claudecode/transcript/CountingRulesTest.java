package dev.llmsession.discovery.claudecode.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §4 rules 1, 3 and 9 and the NUL-run case, one file at a time, cold and resumed. */
final class CountingRulesTest {

    @TempDir
    Path dir;

    private final TranscriptReader reader = new TranscriptReader();

    /** A file read in steps, each continuing the stored state of the step before, as the index does. */
    private final class Incremental {
        private final Path file = dir.resolve("t.jsonl");
        private byte[] state = new SummaryBuilder(false).snapshot();
        private long offset;

        FileSummary append(String text) throws IOException {
            Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            SummaryBuilder b = SummaryBuilder.restore(state, false).orElseThrow();
            FileSummary s = reader.resume(file, b, offset, Files.size(file), Instant.EPOCH);
            state = b.snapshot();
            offset = s.completeBytes();
            return s;
        }

        FileSummary cold() {
            return reader.read(file, false);
        }
    }

    @Test
    void lastLineWithoutNewline_countsNow_andExactlyOnceWhenTheNewlineAndMoreLinesArrive() throws IOException {
        Incremental f = new Incremental();
        String one = Lines.assistant("m1", "r1", 5, false);

        FileSummary first = f.append(one);
        assertThat(first.usage()).singleElement().satisfies(u -> assertThat(u.output()).isEqualTo(5));
        assertThat(first.partialTailBytes()).as("the whole object is not a partial tail").isZero();
        assertThat(first.completeBytes()).as("the state stays before it").isZero();
        assertThat(f.cold().usage()).hasSize(1);

        FileSummary second = f.append("\n" + Lines.assistant("m2", "r2", 7, false) + "\n");
        assertThat(second.usage()).extracting(UsageRecord::key).containsExactly("m1|r1", "m2|r2");
        assertThat(second).usingRecursiveComparison().ignoringFields("modified").isEqualTo(f.cold());
    }

    @Test
    void lastLineThatParsesButGrowsIntoALongerLine_isNotCountedOnceItIsNoLongerAnObject() throws IOException {
        Incremental f = new Incremental();
        f.append(Lines.assistant("m0", "r0", 1, false) + "\n");
        FileSummary prefix = f.append(Lines.assistant("m1", "r1", 5, false));
        assertThat(prefix.usage()).hasSize(2);

        // the writer had not finished: the same line continues with a second object
        FileSummary grown = f.append(Lines.assistant("m2", "r2", 9, false) + "\n");

        assertThat(grown.usage()).extracting(UsageRecord::key).containsExactly("m0|r0");
        assertThat(grown.malformedLines()).isEqualTo(1);
        assertThat(grown).usingRecursiveComparison().ignoringFields("modified").isEqualTo(f.cold());
    }

    @Test
    void lastLineCutMidObjectOrMidUtf8_staysAPartialTail() throws IOException {
        Incremental f = new Incremental();
        byte[] whole = (Lines.assistant("m1", "r1", 5, false).replace("hi", "café 東京")).getBytes(StandardCharsets.UTF_8);
        int cut = new String(whole, StandardCharsets.UTF_8).indexOf("東") + 1; // inside the 3-byte character
        Files.write(dir.resolve("t.jsonl"), java.util.Arrays.copyOf(whole, cut));
        FileSummary partial = f.append("");
        assertThat(partial.usage()).isEmpty();
        assertThat(partial.partialTailBytes()).isEqualTo(cut);

        Files.write(dir.resolve("t.jsonl"), java.util.Arrays.copyOfRange(whole, cut, whole.length),
                StandardOpenOption.APPEND);
        FileSummary complete = f.append("");
        assertThat(complete.usage()).hasSize(1);
    }

    @Test
    void twoFailedTurnsInARow_areTwo_retryAttemptsEndingInAFailedTurnAreOne() throws IOException {
        String failed = "{\"type\":\"assistant\",\"isApiErrorMessage\":true,\"timestamp\":\"2026-02-12T16:00:0%dZ\","
                + "\"message\":{\"id\":\"%s\",\"model\":\"<synthetic>\",\"usage\":{\"input_tokens\":0,"
                + "\"output_tokens\":0}}}\n";
        String prompt = "{\"type\":\"user\",\"timestamp\":\"2026-02-12T16:00:00Z\",\"message\":{\"content\":\"go\"}}\n";
        String request = "{\"type\":\"api-request\",\"timestamp\":\"2026-02-12T16:00:00Z\",\"base\":\"x\"}\n";
        String retry = "{\"type\":\"system\",\"subtype\":\"api_error\",\"timestamp\":\"2026-02-12T16:00:00Z\"}\n";

        FileSummary twoTurns = reader.read(Lines.write(dir.resolve("a.jsonl"), prompt + request + request
                + String.format(failed, 1, "u1") + prompt + request + String.format(failed, 2, "u2")), false);
        FileSummary retried = reader.read(Lines.write(dir.resolve("b.jsonl"), prompt + retry + retry + retry
                + String.format(failed, 3, "u3")), false);
        FileSummary retriedThenOk = reader.read(Lines.write(dir.resolve("c.jsonl"), prompt + retry + retry
                + Lines.assistant("m1", "r1", 5, false) + "\n" + prompt + retry), false);

        assertThat(twoTurns.apiErrorTimes()).hasSize(2);
        assertThat(retried.apiErrorTimes()).hasSize(1);
        assertThat(retriedThenOk.apiErrorTimes()).as("two incidents, separated by a call").hasSize(2);
    }

    @Test
    void tokenCountsThatAreNotNonNegativeIntegers_makeTheCallUnknown_neverZeroOrNegative() {
        String[] bad = {"\"12\"", "null", "1.5", "-3", "99999999999999999999", "1e3", "{}", "[1]",
            Long.toString((1L << 40) + 1)};
        for (String value : bad) {
            String line = Lines.assistant("m1", "r1", 5, false).replace("\"input_tokens\":10", "\"input_tokens\":" + value);
            FileSummary s = reader.read(Lines.write(dir.resolve("bad.jsonl"), line + "\n"), false);

            assertThat(s.usage()).as(value).singleElement().satisfies(u -> {
                assertThat(u.valid()).isFalse();
                assertThat(u.total()).isZero();
            });
            assertThat(s.context()).as("context after an unknown call is unknown").isEmpty();
        }
    }

    @Test
    void anUnknownCopyOfACall_makesTheWholeCallUnknown_whateverItsOrder() {
        String good = Lines.assistant("m1", "r1", 5, false);
        String bad = Lines.assistant("m1", "r1", 900, false).replace("\"input_tokens\":10", "\"input_tokens\":-1");

        FileSummary badLast = reader.read(Lines.write(dir.resolve("x.jsonl"), good + "\n" + bad + "\n"), false);
        FileSummary badFirst = reader.read(Lines.write(dir.resolve("y.jsonl"), bad + "\n" + good + "\n"), false);

        assertThat(badLast.usage()).singleElement().satisfies(u -> assertThat(u.valid()).isFalse());
        assertThat(badFirst.usage()).singleElement().satisfies(u -> assertThat(u.valid()).isFalse());
    }

    @Test
    void aNulRunGluedToTheStartOfALine_doesNotDropTheLine_shortAndLong() {
        String nuls = "\0".repeat(300);
        String line = Lines.assistant("m1", "r1", 5, false);
        FileSummary s = reader.read(Lines.write(dir.resolve("n.jsonl"), nuls + line + "\n" + nuls + "\n"), false);
        assertThat(s.usage()).singleElement().satisfies(u -> assertThat(u.output()).isEqualTo(5));
        assertThat(s.malformedLines()).isZero();

        // a line longer than the buffer is parsed from the file: the NULs are skipped there too
        TranscriptReader small = new TranscriptReader(64);
        FileSummary huge = small.read(Lines.write(dir.resolve("h.jsonl"), nuls + line + "\n"), false);
        assertThat(huge.usage()).singleElement().satisfies(u -> assertThat(u.output()).isEqualTo(5));
        assertThat(huge.hugeLines()).isEqualTo(1);

        FileSummary hugeTail = small.read(Lines.write(dir.resolve("t.jsonl"), nuls + line), false);
        assertThat(hugeTail.usage()).as("a long last line without newline counts too").hasSize(1);
    }
}
