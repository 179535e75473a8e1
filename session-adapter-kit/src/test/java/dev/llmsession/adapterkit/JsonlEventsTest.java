package dev.llmsession.adapterkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.ConversationEvent.Kind;
import dev.llmsession.spi.EventStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's line-to-event stream: files in order, partial lines wait, oversized lines skipped, bounded polls. */
final class JsonlEventsTest {
    @TempDir
    Path dir;

    /** Every line's text becomes one reply. */
    private static void reply(byte[] line, int length, List<ConversationEvent> out) {
        out.add(ConversationEvent.text(null, Kind.REPLY, new String(line, 0, length, StandardCharsets.UTF_8)));
    }

    private static List<String> texts(List<ConversationEvent> events) {
        return events.stream().map(ConversationEvent::text).toList();
    }

    @Test
    void poll_twoFilesThenAnAppend_inOrderAndAPartialLineWaitsForItsNewline() throws Exception {
        Path first = Files.writeString(dir.resolve("a.jsonl"), "one\ntwo\n");
        Path second = Files.writeString(dir.resolve("b.jsonl"), "three\nfou");
        try (EventStream s = JsonlEvents.open(List.of(first, dir.resolve("missing"), second),
                JsonlEventsTest::reply).orElseThrow()) {
            assertThat(texts(s.poll(100))).containsExactly("one", "two", "three");
            assertThat(s.poll(100)).isEmpty();

            Files.writeString(second, "r\nfive\n", StandardOpenOption.APPEND);

            assertThat(texts(s.poll(100))).containsExactly("four", "five");
        }
    }

    @Test
    void poll_boundedByMaxEvents_continuesAfterTheLastLineReturned() throws Exception {
        Path f = Files.writeString(dir.resolve("a.jsonl"), "1\n2\n3\n4\n5\n");
        try (EventStream s = JsonlEvents.open(List.of(f), JsonlEventsTest::reply).orElseThrow()) {
            assertThat(texts(s.poll(2))).containsExactly("1", "2");
            assertThat(texts(s.poll(2))).containsExactly("3", "4");
            assertThat(texts(s.poll(2))).containsExactly("5");
        }
    }

    @Test
    void poll_oversizedLine_skippedWhole_theNextLineRead() throws Exception {
        Path f = dir.resolve("a.jsonl");
        Files.writeString(f, "x".repeat(JsonlEvents.MAX_LINE + 10) + "\nafter\n");
        try (EventStream s = JsonlEvents.open(List.of(f), JsonlEventsTest::reply).orElseThrow()) {
            assertThat(texts(s.poll(100))).containsExactly("after");
        }
    }

    @Test
    void open_noRegularFile_isEmpty() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("zero.jsonl"), Path.of("/dev/zero"));
        assertThat(JsonlEvents.open(List.of(link, dir.resolve("none")), JsonlEventsTest::reply)).isEmpty();
    }
}
