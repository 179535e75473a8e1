package dev.llmsession.adapterkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.TranscriptIndex;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexedFilesTest {
    @TempDir
    Path dir;

    /** A state that sums the "n" of every line: enough to see a line counted twice or missed. */
    static final class Sum {
        long total;
        long lines;
    }

    static final class SumCodec implements StateCodec<Sum> {
        private final int version;

        SumCodec(int version) {
            this.version = version;
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public void write(Sum s, DataOutputStream out) throws IOException {
            out.writeLong(s.total);
            out.writeLong(s.lines);
        }

        @Override
        public Sum read(DataInputStream in) throws IOException {
            Sum s = new Sum();
            s.total = in.readLong();
            s.lines = in.readLong();
            return s;
        }
    }

    private final AtomicLong bytes = new AtomicLong();

    private IndexedFiles<Sum> files(int version) {
        JsonlTail tail = new JsonlTail();
        return new IndexedFiles<>("test", new SumCodec(version), Sum::new, (file, from, state) -> {
            JsonlTail.Result r = tail.read(file, from, (b, n, whole) -> {
                String line = new String(b, 0, n, StandardCharsets.UTF_8);
                state.total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                state.lines++;
            });
            bytes.addAndGet(r.bytesRead());
            return new IndexedFiles.Read(r.offset(), r.partialTail());
        }, IndexedFiles.Mode.APPEND_ONLY);
    }

    private Sum refresh(IndexedFiles<Sum> files, TranscriptIndex index, Path f) {
        List<String> notes = new ArrayList<>();
        Map<Path, IndexedFiles.Tracked<Sum>> read = files.refresh(index, Map.of(f, FileStat.of(f).orElseThrow()),
                notes);
        files.commit(index, Set.of(f), true, t -> List.of(), notes);
        return read.get(f).state();
    }

    @Test
    void incrementalAcrossRunsThroughTheIndex_equalsACold_read() throws IOException {
        Path f = dir.resolve("a.jsonl");
        Files.writeString(f, "{\"n\":1}\n{\"n\":2}\n{\"n\":");
        TranscriptIndex index = TranscriptIndex.inMemory();
        assertThat(refresh(files(1), index, f).total).isEqualTo(3);
        Files.writeString(f, "30}\n{\"n\":4}", StandardOpenOption.APPEND);
        bytes.set(0);
        Sum warm = refresh(files(1), index, f);
        assertThat(bytes.get()).as("a new process reads only what was appended").isLessThan(Files.size(f));
        Sum cold = refresh(files(1), TranscriptIndex.inMemory(), f);
        assertThat(warm.total).isEqualTo(cold.total).isEqualTo(37);
        assertThat(warm.lines).isEqualTo(cold.lines).isEqualTo(4);
    }

    @Test
    void stateOfAnotherVersion_isDropped_andTheFileReadAgain() throws IOException {
        Path f = dir.resolve("a.jsonl");
        Files.writeString(f, "{\"n\":5}\n");
        TranscriptIndex index = TranscriptIndex.inMemory();
        refresh(files(1), index, f);
        bytes.set(0);
        assertThat(refresh(files(2), index, f).total).isEqualTo(5);
        assertThat(bytes.get()).isEqualTo(Files.size(f));
        assertThat(files(2).decode(new byte[] {1, 2, 3})).isEmpty();
        assertThat(files(1).decode(files(2).encode(new Sum()))).isEmpty();
    }

    @Test
    void replacedOrShrunkFile_isReadFromItsStart() throws IOException {
        Path f = dir.resolve("a.jsonl");
        Files.writeString(f, "{\"n\":5}\n{\"n\":6}\n");
        IndexedFiles<Sum> files = files(1);
        TranscriptIndex index = TranscriptIndex.inMemory();
        refresh(files, index, f);
        Files.writeString(f, "{\"n\":7}\n");
        assertThat(refresh(files, index, f).total).isEqualTo(7);
    }

    @Test
    void commit_handsEveryReadFileWithItsUsageRows_andForgetsVanishedFiles() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        Files.writeString(a, "{\"n\":1}\n");
        Files.writeString(b, "{\"n\":2}\n");
        IndexedFiles<Sum> files = files(1);
        TranscriptIndex index = TranscriptIndex.inMemory();
        List<String> notes = new ArrayList<>();
        files.refresh(index, Map.of(a, FileStat.of(a).orElseThrow(), b, FileStat.of(b).orElseThrow()), notes);
        files.commit(index, Set.of(a, b), true, t -> List.of(new Call("k" + t.state().total, 1, "m", 1, 1, 0, 0)
                .row("s", PriceTable.NONE)), notes);
        assertThat(index.load("test")).containsOnlyKeys(a.toString(), b.toString());
        Files.delete(b);
        files.refresh(index, Map.of(a, FileStat.of(a).orElseThrow()), notes);
        files.commit(index, Set.of(a), true, t -> List.of(), notes);
        assertThat(index.load("test")).containsOnlyKeys(a.toString());
        assertThat(notes).isEmpty();
    }
}
