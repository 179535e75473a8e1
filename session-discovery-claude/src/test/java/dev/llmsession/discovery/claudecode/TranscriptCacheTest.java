package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TranscriptCacheTest {

    @TempDir
    Path dir;

    @Test
    void read_unchangedFile_memoised_changedFile_reread() throws IOException {
        Path file = dir.resolve("s.jsonl");
        Files.writeString(file, SessionAssemblerTest.assistant("m1", "r1", 1, false, "claude-opus-4-6",
                "2026-02-12T16:00:00Z"));
        TranscriptCache cache = new TranscriptCache(new TranscriptReader());

        FileSummary first = cache.read(file, false);
        FileSummary again = cache.read(file, false);
        Files.writeString(file, SessionAssemblerTest.assistant("m2", "r2", 1, false, "claude-opus-4-6",
                "2026-02-12T16:01:00Z"), StandardOpenOption.APPEND);
        FileSummary appended = cache.read(file, false);

        assertThat(again).isSameAs(first);
        assertThat(appended.usage()).hasSize(2);
        cache.retainOnly(Set.of());
        assertThat(cache.size()).isZero();
    }
}
