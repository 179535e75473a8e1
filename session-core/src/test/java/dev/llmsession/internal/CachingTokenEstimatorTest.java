package dev.llmsession.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.api.FileEstimate;
import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CachingTokenEstimatorTest {
    @TempDir
    Path dir;

    /** Every file the estimator opened, through the real reader. */
    private final List<Path> opened = Collections.synchronizedList(new ArrayList<>());
    private final FileContent.Counter counting = (file, tokenizer) -> {
        opened.add(file);
        return FileContent.count(file, tokenizer);
    };
    private final FileTokenCache cache = FileTokenCache.inMemory();
    private final CachingTokenEstimator estimator =
            new CachingTokenEstimator(Tokenizer.charsPerToken(), cache, counting);

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @Test
    void estimateFile_multiByteText_countsDecodedCharactersNotBytes() throws IOException {
        Path f = write("umlaut.txt", "äöü✓".repeat(10)); // 40 characters, 90 bytes

        FileEstimate e = estimator.estimate(List.of(f)).get(0);

        assertThat(e.bytes()).isEqualTo(90);
        assertThat(e.characters()).isEqualTo(40);
        assertThat(e.tokens()).isEqualTo(10).isEqualTo(estimator.estimateFile(f));
        assertThat(e.kind()).isEqualTo(FileEstimate.Kind.TEXT);
    }

    @Test
    void estimateFile_roundsUpAndMatchesEstimateText() throws IOException {
        String text = "public final class A {}\n";
        Path f = write("A.java", text);

        assertThat(estimator.estimateFile(f)).isEqualTo(estimator.estimateText(text)).isEqualTo(6);
    }

    @Test
    void estimate_malformedUtf8_eachBadByteIsOneReplacementCharacter() throws IOException {
        Path f = dir.resolve("latin1.txt");
        Files.write(f, new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'o', 'k'});

        assertThat(estimator.estimate(List.of(f)).get(0).characters()).isEqualTo(7);
    }

    @Test
    void estimate_nulInFirst8KiB_isBinaryAndCountsZero() throws IOException {
        Path png = dir.resolve("image.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        byte[] late = new byte[FileContent.SNIFF_BYTES + 10];
        java.util.Arrays.fill(late, (byte) 'x');
        late[FileContent.SNIFF_BYTES + 5] = 0;
        Path lateNul = dir.resolve("late-nul.txt");
        Files.write(lateNul, late);

        List<FileEstimate> out = estimator.estimate(List.of(png, lateNul));

        assertThat(out.get(0).kind()).isEqualTo(FileEstimate.Kind.BINARY);
        assertThat(out.get(0).tokens()).isZero();
        assertThat(out.get(1).kind()).as("only the first 8 KiB are sniffed").isEqualTo(FileEstimate.Kind.TEXT);
        assertThat(out.get(1).characters()).isEqualTo(late.length);
    }

    @Test
    void estimate_unchangedFiles_secondRunOpensNoFile() throws IOException {
        List<Path> files = IntStream.range(0, 100).mapToObj(i -> {
            try {
                return write("src/f" + i + ".txt", "line " + i + "\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();

        List<FileEstimate> first = estimator.estimate(files);
        assertThat(opened).hasSize(100);
        opened.clear();
        List<FileEstimate> second = estimator.estimate(files);

        assertThat(opened).as("files opened on the re-run").isEmpty();
        assertThat(second).allMatch(FileEstimate::cached);
        assertThat(second).extracting(FileEstimate::tokens).isEqualTo(first.stream().map(FileEstimate::tokens).toList());
    }

    @Test
    void estimate_sizeChanged_recountsThatFileOnly() throws IOException {
        Path a = write("a.txt", "aaaa");
        Path b = write("b.txt", "bbbb");
        estimator.estimate(List.of(a, b));
        opened.clear();
        FileTime mtime = Files.getLastModifiedTime(a);
        Files.writeString(a, "aaaaaaaaa");
        Files.setLastModifiedTime(a, mtime);

        List<FileEstimate> out = estimator.estimate(List.of(a, b));

        assertThat(opened).containsExactly(a.toAbsolutePath().normalize());
        assertThat(out.get(0).tokens()).isEqualTo(3);
        assertThat(out.get(0).cached()).isFalse();
        assertThat(out.get(1).cached()).isTrue();
    }

    @Test
    void estimate_modificationTimeChangedSameSize_recounts() throws IOException {
        Path a = write("a.txt", "aaaa");
        estimator.estimate(List.of(a));
        opened.clear();
        Files.writeString(a, "a a ");
        Files.setLastModifiedTime(a, FileTime.from(Files.getLastModifiedTime(a).to(TimeUnit.NANOSECONDS) + 1_000_000,
                TimeUnit.NANOSECONDS));

        FileEstimate e = estimator.estimate(List.of(a)).get(0);

        assertThat(opened).hasSize(1);
        assertThat(e.cached()).isFalse();
    }

    @Test
    void estimate_otherTokenizer_doesNotReuseCounts() throws IOException {
        Path a = write("a.txt", "one two three");
        estimator.estimate(List.of(a));
        opened.clear();
        CachingTokenEstimator words = new CachingTokenEstimator(new WordTokenizer(), cache, counting);

        FileEstimate e = words.estimate(List.of(a)).get(0);

        assertThat(opened).hasSize(1);
        assertThat(e.tokens()).isEqualTo(3);
        assertThat(words.estimate(List.of(a)).get(0).cached()).isTrue();
    }

    @Test
    void estimate_missingAndFailingFiles_areReportedAndTheRestCounted() throws IOException {
        Path ok = write("ok.txt", "12345678");
        Path gone = dir.resolve("gone.txt");
        Path broken = write("broken.txt", "x");
        CachingTokenEstimator failing = new CachingTokenEstimator(Tokenizer.charsPerToken(), cache, (file, t) -> {
            if (file.endsWith("broken.txt")) {
                throw new IOException("Input/output error");
            }
            return FileContent.count(file, t);
        });

        List<FileEstimate> out = failing.estimate(List.of(ok, gone, broken, dir));

        assertThat(out).extracting(FileEstimate::kind).containsExactly(FileEstimate.Kind.TEXT,
                FileEstimate.Kind.UNREADABLE, FileEstimate.Kind.UNREADABLE, FileEstimate.Kind.UNREADABLE);
        assertThat(out.get(0).tokens()).isEqualTo(2);
        assertThat(out.get(1).problem()).contains("no such file");
        assertThat(out.get(2).problem()).contains("Input/output error");
        assertThat(out.get(3).problem()).contains("not a regular file");
        assertThat(cache.load("chars/4", List.of(broken.toAbsolutePath()))).as("failures are not cached").isEmpty();
        assertThat(failing.estimateFile(gone)).isZero();
    }

    @Test
    void estimate_cacheThatFails_stillCounts() throws IOException {
        Path a = write("a.txt", "abcdefgh");
        FileTokenCache broken = new FileTokenCache() {
            @Override
            public Map<Path, Entry> load(String tokenizer, Collection<Path> paths) {
                throw new IllegalStateException("store is gone");
            }

            @Override
            public void save(Collection<Entry> entries) {
                throw new IllegalStateException("store is gone");
            }
        };

        assertThat(new CachingTokenEstimator(Tokenizer.charsPerToken(), broken).estimateFile(a)).isEqualTo(2);
    }

    @Test
    void estimate_textLongerThanOneChunk_tokenizerSeesEveryLineOnce() throws IOException {
        int lines = FileContent.CHUNK_CHARS / 10 * 3;
        String text = "word word\n".repeat(lines); // three chunks and a bit
        Path big = write("big.txt", text);

        FileEstimate e = new CachingTokenEstimator(new WordTokenizer(), cache, counting).estimate(List.of(big)).get(0);

        assertThat(e.characters()).isEqualTo(text.length());
        assertThat(e.tokens()).isEqualTo(2L * lines);
    }

    @Test
    void estimateConversation_isTheBriefsRule() {
        assertThat(estimator.estimateConversation(3, 4001)).isEqualTo(1000 + 600 + 1001);
    }

    /** Counts whitespace-separated words: a tokenizer that needs the text. */
    private static final class WordTokenizer implements Tokenizer {
        private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("\\S+");

        @Override
        public String id() {
            return "words";
        }

        @Override
        public long count(CharSequence text) {
            return WORD.matcher(text).results().count();
        }
    }
}
