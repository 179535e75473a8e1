package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TranscriptCacheTest {

    @TempDir
    Path dir;

    @Test
    void refresh_unchangedFile_memoised_appendedFile_readFromOffset() throws IOException {
        Path file = dir.resolve("s.jsonl");
        Files.writeString(file, SessionAssemblerTest.assistant("m1", "r1", 1, false, "claude-opus-4-6",
                "2026-02-12T16:00:00Z"));
        TranscriptReader reader = new TranscriptReader();
        TranscriptCache cache = new TranscriptCache(reader, PriceTable.embedded());
        TranscriptIndex index = TranscriptIndex.inMemory();
        List<TranscriptCache.Job> jobs = List.of(new TranscriptCache.Job(file, false, "s"));

        FileSummary first = cache.refresh(index, IndexProgress.NONE, jobs, p -> false).get(file);
        long afterFirst = reader.bytesRead();
        FileSummary again = cache.refresh(index, IndexProgress.NONE, jobs, p -> false).get(file);
        String appendedLine = SessionAssemblerTest.assistant("m2", "r2", 1, false, "claude-opus-4-6",
                "2026-02-12T16:01:00Z");
        Files.writeString(file, appendedLine, StandardOpenOption.APPEND);
        FileSummary appended = cache.refresh(index, IndexProgress.NONE, jobs, p -> false).get(file);

        assertThat(again).isSameAs(first);
        assertThat(appended.usage()).hasSize(2);
        assertThat(reader.bytesRead() - afterFirst).isEqualTo(appendedLine.getBytes().length);
        cache.retainOnly(Set.of());
        assertThat(cache.size()).isZero();
    }
}
