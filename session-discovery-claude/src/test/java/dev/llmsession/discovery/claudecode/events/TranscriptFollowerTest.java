package dev.llmsession.discovery.claudecode.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.ConversationEvent.Kind;
import dev.llmsession.spi.EventStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Claude Code event stream on the real sample and on hand-made lines: kinds, follow semantics, what is skipped. */
final class TranscriptFollowerTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/claude");

    @TempDir
    Path tmp;

    @Test
    void sample_givesItsPromptsRepliesToolCallsResultsAndOneCompaction_inAnyPollSize() {
        Path main = FIXTURES.resolve("4d5611e5-241a-462a-8d15-5122611a9569.jsonl");

        List<ConversationEvent> all = drain(main, 10_000);
        List<ConversationEvent> oneByOne = drain(main, 1);

        Map<Kind, Long> kinds = all.stream().collect(Collectors.groupingBy(ConversationEvent::kind,
                Collectors.counting()));
        assertThat(oneByOne).isEqualTo(all);
        assertThat(kinds.get(Kind.COMPACTION)).isEqualTo(1);
        assertThat(kinds.get(Kind.TOOL_CALL)).isEqualTo(kinds.get(Kind.TOOL_RESULT));
        assertThat(kinds.get(Kind.PROMPT)).isGreaterThanOrEqualTo(2);
        assertThat(all.get(0).kind()).isEqualTo(Kind.PROMPT);
        assertThat(all.get(0).text()).startsWith("Work on bead spotter-dov.");
        assertThat(all).filteredOn(e -> e.kind() == Kind.TOOL_CALL && e.tool().orElse("").equals("Read"))
                .allSatisfy(e -> assertThat(e.target()).hasValueSatisfying(t -> assertThat(t).startsWith("/")));
    }

    @Test
    void poll_leavesAnUnterminatedLineForLater_andSkipsSidechainMetaAndCommandLines() throws IOException {
        Path file = tmp.resolve("s.jsonl");
        String prompt = user("\"fix the build\"", "");
        Files.writeString(file, user("\"<command-name>/model</command-name>\"", "")
                + user("\"injected\"", ",\"isMeta\":true") + user("\"a sub-agent's prompt\"", ",\"isSidechain\":true")
                + "{\"type\":\"system\",\"subtype\":\"compact_boundary\",\"timestamp\":\"2026-02-12T10:00:00Z\","
                + "\"compactMetadata\":{\"preTokens\":167094,\"trigger\":\"auto\"}}\n"
                + "not json at all\n" + prompt.substring(0, 30), StandardCharsets.UTF_8);

        try (EventStream stream = TranscriptFollower.open(file).orElseThrow()) {
            List<ConversationEvent> first = stream.poll(100);
            List<ConversationEvent> nothingNew = stream.poll(100);
            Files.writeString(file, prompt.substring(30), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            List<ConversationEvent> completed = stream.poll(100);

            assertThat(first).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(Kind.COMPACTION);
                assertThat(e.text()).isEqualTo("conversation compacted (auto, 167,094 tokens before)");
            });
            assertThat(nothingNew).isEmpty();
            assertThat(completed).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(Kind.PROMPT);
                assertThat(e.text()).isEqualTo("fix the build");
            });
        }
    }

    @Test
    void open_refusesWhatIsNotARegularFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("d.jsonl"));
        Path link = Files.createSymbolicLink(tmp.resolve("l.jsonl"), FIXTURES.toAbsolutePath().resolve("short.jsonl"));

        assertThat(TranscriptFollower.open(dir)).isEmpty();
        assertThat(TranscriptFollower.open(link)).isEmpty();
        assertThat(TranscriptFollower.open(tmp.resolve("missing.jsonl"))).isEmpty();
    }

    private static String user(String content, String extra) {
        return "{\"type\":\"user\",\"timestamp\":\"2026-02-12T10:00:00Z\"" + extra + ",\"message\":{\"role\":\"user\","
                + "\"content\":" + content + "}}\n";
    }

    private static List<ConversationEvent> drain(Path file, int max) {
        List<ConversationEvent> out = new ArrayList<>();
        try (EventStream stream = TranscriptFollower.open(file).orElseThrow()) {
            List<ConversationEvent> batch;
            while (!(batch = stream.poll(max)).isEmpty()) {
                out.addAll(batch);
            }
        }
        return out;
    }
}
