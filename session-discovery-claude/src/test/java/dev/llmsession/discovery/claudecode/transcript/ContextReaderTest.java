package dev.llmsession.discovery.claudecode.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.FileActivity;
import dev.llmsession.model.SessionContext;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ContextReaderTest {
    private static final String SESSION = "4d5611e5-241a-462a-8d15-5122611a9569";

    @TempDir
    Path tmp;

    private static Path sample() {
        try {
            return Path.of(ContextReaderTest.class.getResource("/fixtures/claude/" + SESSION + ".jsonl").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void read_realSample_goalFilesSummaryAndLastMessages() {
        SessionContext ctx = new ContextReader().read(sample(), ContextRequest.DEFAULT).orElseThrow();

        assertThat(ctx.goals()).isNotEmpty();
        assertThat(ctx.goals().get(0).role()).isEqualTo("user");
        assertThat(ctx.goals().get(0).text()).isNotBlank().doesNotStartWith("<command-name>");
        assertThat(ctx.messages()).hasSize(20);
        assertThat(ctx.messages()).allSatisfy(m -> assertThat(m.text().length())
                .isLessThanOrEqualTo(2_000 + ContextMessage.TRIM_MARKER.length()));
        assertThat(ctx.compaction()).isPresent();
        assertThat(ctx.compaction().get().summary()).contains("summary");
        assertThat(ctx.files()).isNotEmpty();
        assertThat(ctx.files().stream().mapToInt(FileActivity::reads).sum()).isPositive();
        assertThat(ctx.files().stream().mapToInt(FileActivity::edits).sum()).isPositive();
        assertThat(ctx.files().stream().mapToInt(FileActivity::writes).sum()).isPositive();
        assertThat(ctx.errors()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void read_sameInTinyBufferMode_longLinesStreamedFromTheFile() {
        SessionContext buffered = new ContextReader().read(sample(), ContextRequest.DEFAULT).orElseThrow();
        SessionContext streamed = new ContextReader(64).read(sample(), ContextRequest.DEFAULT).orElseThrow();

        assertThat(streamed).isEqualTo(buffered);
    }

    @Test
    void read_todosToolCallsErrorsAndTrimming() {
        String big = "word ".repeat(2_000);
        String lines = String.join("\n",
                "{\"type\":\"user\",\"timestamp\":\"2026-02-12T16:00:00Z\",\"message\":{\"role\":\"user\","
                        + "\"content\":\"Fix the flaky login test\"}}",
                "{\"type\":\"user\",\"isMeta\":true,\"message\":{\"content\":\"injected skill text\"}}",
                "{\"type\":\"user\",\"message\":{\"content\":\"<command-name>/model</command-name>\"}}",
                "{\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"input\":{\"todos\":["
                        + "{\"content\":\"Reproduce\",\"status\":\"completed\",\"activeForm\":\"Reproducing\"},"
                        + "{\"status\":\"in_progress\",\"content\":\"Fix the race\"}]},\"name\":\"TodoWrite\"}]},"
                        + "\"type\":\"assistant\"}",
                "{\"type\":\"assistant\",\"message\":{\"id\":\"m2\",\"content\":[{\"type\":\"tool_use\",\"name\":"
                        + "\"Read\",\"input\":{\"file_path\":\"/p/a.java\"}},{\"type\":\"tool_use\",\"name\":\"Edit\","
                        + "\"input\":{\"file_path\":\"/p/a.java\",\"old_string\":\"x\"}},{\"type\":\"tool_use\","
                        + "\"name\":\"Write\",\"input\":{\"content\":\"" + big + "\",\"file_path\":\"/p/b.java\"}}]}}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t9\","
                        + "\"content\":\"File does not exist\",\"is_error\":true}]}}",
                "{\"type\":\"assistant\",\"isSidechain\":true,\"message\":{\"id\":\"s1\",\"content\":["
                        + "{\"type\":\"text\",\"text\":\"sub-agent talk\"}]}}",
                "{\"type\":\"assistant\",\"message\":{\"id\":\"m3\",\"content\":[{\"type\":\"text\",\"text\":\""
                        + big + "\"}]}}",
                "{\"type\":\"assistant\",\"message\":{\"id\":\"m3\",\"content\":[{\"type\":\"text\",\"text\":\"tail\"}]}}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"[Request interrupted by user]\"}]}}",
                "not json",
                "{\"type\":\"user\",\"message\":{\"content\":\"unterminated last line")
                + "";
        Path file = Lines.write(tmp.resolve("s.jsonl"), lines);

        SessionContext ctx = new ContextReader().read(file, ContextRequest.DEFAULT).orElseThrow();

        assertThat(ctx.goals()).extracting(ContextMessage::text).containsExactly("Fix the flaky login test");
        assertThat(ctx.todos()).extracting(t -> t.content() + "/" + t.status())
                .containsExactly("Reproduce/completed", "Fix the race/in_progress");
        assertThat(ctx.files()).containsExactly(new FileActivity("/p/a.java", 1, 1, 0),
                new FileActivity("/p/b.java", 0, 0, 1));
        assertThat(ctx.errors()).extracting(e -> e.kind() + ":" + e.text())
                .containsExactly("tool:File does not exist", "interrupt:[Request interrupted by user]");
        assertThat(ctx.messages()).extracting(ContextMessage::role).containsExactly("user", "assistant");
        ContextMessage joined = ctx.messages().get(1);
        assertThat(joined.trimmed()).isTrue();
        assertThat(joined.text()).endsWith(ContextMessage.TRIM_MARKER).hasSizeLessThanOrEqualTo(2_000 + 20);
        assertThat(ctx.messages()).noneMatch(m -> m.text().contains("sub-agent talk"));
    }

    @Test
    void cut_neverKeepsPartOfALongToken() {
        String text = "key is " + "A".repeat(100);

        assertThat(ContextReader.cut(text, 50)).isEqualTo("key is");
        assertThat(ContextReader.cut("x".repeat(200), 100)).isEqualTo("x".repeat(20));
    }

    @Test
    void read_missingFile_isEmpty() {
        assertThat(new ContextReader().read(tmp.resolve("gone.jsonl"), ContextRequest.DEFAULT)).isEmpty();
    }
}
