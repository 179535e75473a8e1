package dev.llmsession.discovery.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.ConversationEvent.Kind;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.spi.EventStream;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Codex rollouts as conversation events: the real samples' counts, small polls, a line still being written. */
final class RolloutEventsTest {
    private static final Instant NOW = Instant.parse("2026-02-24T00:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void events_ofTheLongSample_areItsPromptsRepliesToolCallsResultsAndCompaction() throws IOException {
        Path file = tmp.resolve(Samples.LONG);
        Files.write(file, Samples.bytes(Samples.LONG));

        List<ConversationEvent> all = drain(file, 100_000);
        List<ConversationEvent> bySevens = drain(file, 1);

        // counted independently in the sample: 38 user_message, 255 agent_message, 365 calls and outputs, 1 compacted
        Map<Kind, Long> kinds = all.stream().collect(Collectors.groupingBy(ConversationEvent::kind,
                Collectors.counting()));
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(Kind.PROMPT, 38L, Kind.REPLY, 255L,
                Kind.TOOL_CALL, 365L, Kind.TOOL_RESULT, 365L, Kind.COMPACTION, 1L));
        assertThat(bySevens).isEqualTo(all);
        assertThat(all.get(0).kind()).isEqualTo(Kind.PROMPT);
        assertThat(all.stream().filter(e -> e.kind() == Kind.TOOL_CALL).map(e -> e.tool().orElseThrow())
                .collect(Collectors.toSet())).contains("exec_command");
    }

    @Test
    void poll_leavesALineBeingWrittenForLater_andReadsToolTargetsAndFailures() throws IOException {
        Path file = tmp.resolve("rollout.jsonl");
        String call = "{\"timestamp\":\"2026-02-23T12:00:00Z\",\"type\":\"response_item\",\"payload\":{\"type\":"
                + "\"function_call\",\"name\":\"exec_command\",\"arguments\":\"{\\\"cmd\\\":\\\"make test\\\"}\","
                + "\"call_id\":\"c1\"}}\n";
        String output = "{\"timestamp\":\"2026-02-23T12:00:01Z\",\"type\":\"response_item\",\"payload\":{\"type\":"
                + "\"function_call_output\",\"call_id\":\"c1\",\"output\":\"Process exited with code 2\\nboom\"}}\n";
        Files.writeString(file, call + output.substring(0, 40), StandardCharsets.UTF_8);

        try (EventStream stream = RolloutEvents.open(file).orElseThrow()) {
            List<ConversationEvent> first = stream.poll(100);
            assertThat(stream.poll(100)).isEmpty();
            Files.writeString(file, output.substring(40), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            List<ConversationEvent> second = stream.poll(100);

            assertThat(first).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(Kind.TOOL_CALL);
                assertThat(e.tool()).contains("exec_command");
                assertThat(e.target()).contains("make test");
                assertThat(e.toolId()).contains("c1");
            });
            assertThat(second).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(Kind.TOOL_RESULT);
                assertThat(e.failed()).isTrue();
                assertThat(e.toolId()).contains("c1");
            });
        }
    }

    @Test
    void control_resumesWithCodexResumeInTheSessionsDirectory() throws IOException {
        Samples.layOut(tmp.resolve("codex"));
        CodexSessionDiscovery discovery = new CodexSessionDiscovery(new CodexHome(tmp.resolve("codex")));
        var sessions = discovery.discover(new SessionDiscovery.Request(ProcessTable.empty(NOW), NOW, true,
                Optional.empty(), TranscriptIndex.inMemory(), IndexProgress.NONE, TokenEstimator.charsPerToken()));

        assertThat(sessions).isNotEmpty().allSatisfy(s -> {
            var control = discovery.control(s).orElseThrow();
            assertThat(control.resumeCommand()).containsExactly("codex", "resume", s.id().nativeId());
            assertThat(control.cwd()).isEqualTo(s.cwd());
            assertThat(discovery.events(s)).isPresent();
        });
    }

    private static List<ConversationEvent> drain(Path file, int maxLines) {
        List<ConversationEvent> out = new ArrayList<>();
        try (EventStream stream = RolloutEvents.open(file).orElseThrow()) {
            List<ConversationEvent> batch;
            while (!(batch = stream.poll(maxLines)).isEmpty()) {
                out.addAll(batch);
            }
        }
        return out;
    }
}
