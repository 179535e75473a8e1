package dev.llmsession.adapterkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlTailTest {
    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();
    private final List<Boolean> complete = new ArrayList<>();

    private JsonlTail.Result read(JsonlTail tail, Path file, long from) throws IOException {
        return tail.read(file, from, (b, n, whole) -> {
            lines.add(new String(b, 0, n, StandardCharsets.UTF_8));
            complete.add(whole);
        });
    }

    private Path write(String text) throws IOException {
        Path f = dir.resolve("t.jsonl");
        Files.writeString(f, text);
        return f;
    }

    private static void append(Path f, String text) throws IOException {
        Files.writeString(f, text, StandardOpenOption.APPEND);
    }

    @Test
    void unfinishedLine_waitsForItsNewline() throws IOException {
        Path f = write("{\"a\":1}\n{\"b\":");
        JsonlTail.Result r = read(new JsonlTail(), f, 0);
        assertThat(lines).containsExactly("{\"a\":1}");
        assertThat(r.offset()).isEqualTo(8);
        assertThat(r.partialTail()).isEqualTo(5);
        append(f, "2}\n");
        r = read(new JsonlTail(), f, r.offset());
        assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}");
        assertThat(r.offset()).isEqualTo(Files.size(f));
        assertThat(r.partialTail()).isZero();
    }

    @Test
    void wholeObjectAtEofWithoutNewline_countsNow_andExactlyOnceWhenItsNewlineArrives() throws IOException {
        Path f = write("{\"a\":1}\n{\"b\":2}");
        JsonlTail.Result r = read(new JsonlTail(), f, 0);
        assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}");
        assertThat(r.offset()).isEqualTo(Files.size(f));
        assertThat(r.partialTail()).isZero();

        r = read(new JsonlTail(), f, r.offset());
        assertThat(lines).hasSize(2);

        append(f, "\r\n{\"c\":3}\n");
        r = read(new JsonlTail(), f, r.offset());
        assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        assertThat(r.offset()).isEqualTo(Files.size(f));
    }

    @Test
    void objectAtEof_thenItsNewlineAlone_addsNothing() throws IOException {
        Path f = write("{\"b\":2}");
        JsonlTail.Result r = read(new JsonlTail(), f, 0);
        append(f, "\n");
        r = read(new JsonlTail(), f, r.offset());
        assertThat(lines).containsExactly("{\"b\":2}");
        assertThat(r.offset()).isEqualTo(Files.size(f));
        append(f, "{\"c\":3}\n");
        read(new JsonlTail(), f, r.offset());
        assertThat(lines).containsExactly("{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void readInPieces_seesTheSameLinesAsOneRead() throws IOException {
        String text = "{\"a\":1}\n\n  \n{\"b\":[1,2]}\nnot json\n{\"c\":\"x\"}";
        Path f = write("");
        long offset = 0;
        for (int i = 0; i < text.length(); i += 3) {
            append(f, text.substring(i, Math.min(text.length(), i + 3)));
            offset = read(new JsonlTail(), f, offset).offset();
        }
        List<String> pieces = new ArrayList<>(lines);
        lines.clear();
        read(new JsonlTail(), f, 0);
        assertThat(pieces).isEqualTo(lines).containsExactly("{\"a\":1}", "{\"b\":[1,2]}", "not json", "{\"c\":\"x\"}");
    }

    @Test
    void overlongLine_givesItsHeadMarkedIncomplete() throws IOException {
        Path f = write("{\"x\":\"" + "y".repeat(100) + "\"}\n{\"a\":1}\n");
        read(new JsonlTail(32), f, 0);
        assertThat(lines.get(0)).hasSize(32);
        assertThat(complete).containsExactly(false, true);
        assertThat(lines.get(1)).isEqualTo("{\"a\":1}");
    }

    @Test
    void notARegularFile_isRefused() throws IOException {
        assertThatThrownBy(() -> read(new JsonlTail(), dir, 0)).isInstanceOf(NoSuchFileException.class);
        Path link = dir.resolve("link.jsonl");
        Files.createSymbolicLink(link, write("{}\n"));
        assertThatThrownBy(() -> read(new JsonlTail(), link, 0)).isInstanceOf(NoSuchFileException.class);
    }
}
