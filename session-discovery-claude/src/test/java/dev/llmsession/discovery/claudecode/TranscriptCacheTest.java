package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
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
        TranscriptCache cache = new TranscriptCache(reader);
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

    @Test
    void refresh_onlyGiven_unchangedCommittedFilesNotLoadedFromIndex_changedFileLoaded() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        Files.writeString(a, SessionAssemblerTest.assistant("m1", "r1", 1, false, "claude-opus-4-6",
                "2026-02-12T16:00:00Z"));
        Files.writeString(b, SessionAssemblerTest.assistant("m2", "r2", 1, false, "claude-opus-4-6",
                "2026-02-12T16:00:00Z"));
        TranscriptCache cache = new TranscriptCache(new TranscriptReader());
        TranscriptIndex stored = TranscriptIndex.inMemory();
        List<String> asked = new java.util.ArrayList<>();
        TranscriptIndex index = new TranscriptIndex() {
            @Override
            public Map<String, Entry> load(String adapterId) {
                asked.add("*");
                return stored.load(adapterId);
            }

            @Override
            public Map<String, Entry> load(String adapterId, java.util.Collection<String> paths) {
                asked.addAll(paths);
                return stored.load(adapterId, paths);
            }

            @Override
            public void commit(String adapterId, Commit commit) {
                stored.commit(adapterId, commit);
            }
        };
        List<TranscriptCache.Job> jobs = List.of(new TranscriptCache.Job(a, false, "a"),
                new TranscriptCache.Job(b, false, "b"));
        List<String> only = List.of(a.toString(), b.toString());
        cache.refresh(index, IndexProgress.NONE, jobs, only, p -> false, List.of());
        asked.clear();

        FileSummary unchanged = cache.refresh(index, IndexProgress.NONE, jobs, only, p -> false, List.of()).get(a);
        List<String> askedUnchanged = List.copyOf(asked);
        Files.writeString(b, SessionAssemblerTest.assistant("m3", "r3", 1, false, "claude-opus-4-6",
                "2026-02-12T16:01:00Z"), StandardOpenOption.APPEND);
        asked.clear();
        FileSummary grown = cache.refresh(index, IndexProgress.NONE, jobs, only, p -> false, List.of()).get(b);

        assertThat(askedUnchanged).isEmpty();
        assertThat(unchanged.usage()).hasSize(1);
        assertThat(asked).containsExactly(b.toString());
        assertThat(grown.usage()).hasSize(2);
        assertThat(stored.load(TranscriptCache.ADAPTER_ID).get(b.toString()).size()).isEqualTo(Files.size(b));
    }

    @Test
    void refresh_hugeFile_progressMovesRangeByRange_andEndsAtTheFileSize() throws IOException {
        Path file = dir.resolve("huge.jsonl");
        String filler = "{\"type\":\"progress\",\"timestamp\":\"2026-02-12T16:00:00Z\",\"data\":\""
                + "x".repeat(64 << 10) + "\"}\n";
        try (var out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < 1_200; i++) {
                out.write(filler);
                if (i % 100 == 0) {
                    out.write(SessionAssemblerTest.assistant("m" + i, "r" + i, 1, false, "claude-opus-4-6",
                            "2026-02-12T16:00:00Z"));
                }
            }
        }
        long size = Files.size(file);
        List<long[]> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        TranscriptCache cache = new TranscriptCache(new TranscriptReader());

        FileSummary summary = cache.refresh(TranscriptIndex.inMemory(),
                (files, totalFiles, bytes, totalBytes) -> calls.add(new long[] {files, totalFiles, bytes, totalBytes}),
                List.of(new TranscriptCache.Job(file, false, "huge")), p -> false).get(file);

        assertThat(size).isGreaterThan(64L << 20);
        assertThat(summary.usage()).hasSize(12);
        List<long[]> inside = calls.stream().filter(c -> c[0] == 0 && c[2] > 0).toList();
        assertThat(inside).as("progress reported while the one file is read").hasSizeGreaterThanOrEqualTo(3);
        assertThat(inside).allSatisfy(c -> assertThat(c[2]).isLessThan(size));
        assertThat(calls.get(calls.size() - 1)).containsExactly(1, 1, size, size);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i)[2]).isGreaterThanOrEqualTo(calls.get(i - 1)[2]);
        }
    }

    /** Files in groups a and b of different sizes; a is asked to be read first. */
    private List<TranscriptCache.Job> groupedFiles(int perGroup) throws IOException {
        List<TranscriptCache.Job> jobs = new java.util.ArrayList<>();
        for (String group : List.of("b", "a")) {
            for (int i = 0; i < perGroup; i++) {
                Path f = dir.resolve(group + i + ".jsonl");
                StringBuilder text = new StringBuilder();
                for (int line = 0; line <= i; line++) {
                    text.append(SessionAssemblerTest.assistant(group + i + "m" + line, "r" + line, 1, false,
                            "claude-opus-4-6", "2026-02-12T16:00:0" + (line % 10) + "Z"));
                }
                Files.writeString(f, text);
                jobs.add(new TranscriptCache.Job(f, false, group + i));
            }
        }
        return jobs;
    }

    @Test
    void refresh_sink_toldEverySummaryOnce_onTheCallingThread_groupsInOrder() throws IOException {
        List<TranscriptCache.Job> jobs = groupedFiles(6);
        for (int threads : new int[] {1, 4}) {
            TranscriptCache cache = new TranscriptCache(new TranscriptReader(), threads);
            Thread caller = Thread.currentThread();
            List<Path> told = new java.util.ArrayList<>();
            Map<Path, FileSummary> summaries = new java.util.HashMap<>();
            Map<Path, FileSummary> out = cache.refresh(TranscriptIndex.inMemory(), IndexProgress.NONE, jobs, null,
                    p -> false, List.of(), new TranscriptCache.Sink() {
                        @Override
                        public long group(Path path) {
                            return path.getFileName().toString().startsWith("a") ? 0 : 1;
                        }

                        @Override
                        public void summarised(Path path, FileSummary summary) {
                            assertThat(Thread.currentThread()).isSameAs(caller);
                            told.add(path);
                            summaries.put(path, summary);
                        }
                    });

            assertThat(told).doesNotHaveDuplicates().hasSize(jobs.size());
            assertThat(summaries).isEqualTo(out);
            if (threads == 1) {
                // one reader: group a's files (biggest first), then group b's
                assertThat(told).extracting(p -> p.getFileName().toString()).containsExactly(
                        "a5.jsonl", "a4.jsonl", "a3.jsonl", "a2.jsonl", "a1.jsonl", "a0.jsonl",
                        "b5.jsonl", "b4.jsonl", "b3.jsonl", "b2.jsonl", "b1.jsonl", "b0.jsonl");
            }
            // the same summaries as a refresh told nothing
            Map<Path, FileSummary> plain = new TranscriptCache(new TranscriptReader(), threads)
                    .refresh(TranscriptIndex.inMemory(), IndexProgress.NONE, jobs, p -> false);
            assertThat(out.keySet()).isEqualTo(plain.keySet());
            out.forEach((path, summary) -> assertThat(summary.usage()).isEqualTo(plain.get(path).usage()));
        }
    }

    @Test
    void refresh_sinkFails_theFailureSurfaces_andTheNextRefreshStoresEveryFile() throws IOException {
        List<TranscriptCache.Job> jobs = groupedFiles(8);
        TranscriptIndex index = TranscriptIndex.inMemory();
        TranscriptCache cache = new TranscriptCache(new TranscriptReader(), 4);
        IllegalStateException boom = new IllegalStateException("filing failed");
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.refresh(index, IndexProgress.NONE, jobs,
                null, p -> false, List.of(), new TranscriptCache.Sink() {
                    @Override
                    public void summarised(Path path, FileSummary summary) {
                        if (told.incrementAndGet() == 3) {
                            throw boom;
                        }
                    }
                })).isSameAs(boom);
        // and the cache still works: a later refresh reads and stores every file
        assertThat(cache.refresh(index, IndexProgress.NONE, jobs, p -> false)).hasSize(jobs.size());
        assertThat(index.load(TranscriptCache.ADAPTER_ID)).hasSize(jobs.size());
    }

    @Test
    void refresh_storesTheStatesOfFilesReadWhileTheOthersAreRead_sameEntriesAsOneCommit() throws IOException {
        List<TranscriptCache.Job> jobs = groupedFiles(5);
        TranscriptIndex whole = TranscriptIndex.inMemory();
        new TranscriptCache(new TranscriptReader(), 1).refresh(whole, IndexProgress.NONE, jobs, p -> false);
        TranscriptIndex batched = TranscriptIndex.inMemory();
        List<Integer> storedWhenTold = new java.util.ArrayList<>();

        new TranscriptCache(new TranscriptReader(), 1, 1).refresh(batched, IndexProgress.NONE, jobs, null, p -> false,
                List.of(), new TranscriptCache.Sink() {
                    @Override
                    public void summarised(Path path, FileSummary summary) {
                        assertThat(batched.load(TranscriptCache.ADAPTER_ID)).containsKey(path.toString());
                        storedWhenTold.add(batched.load(TranscriptCache.ADAPTER_ID).size());
                    }
                });

        assertThat(storedWhenTold).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        Map<String, TranscriptIndex.Entry> a = whole.load(TranscriptCache.ADAPTER_ID);
        Map<String, TranscriptIndex.Entry> b = batched.load(TranscriptCache.ADAPTER_ID);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((path, e) -> {
            assertThat(b.get(path).offset()).isEqualTo(e.offset());
            assertThat(b.get(path).state()).isEqualTo(e.state());
        });
    }
}
