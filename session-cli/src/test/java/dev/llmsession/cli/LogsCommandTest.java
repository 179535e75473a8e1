package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logs} in-process on a temp HOME with the real Claude Code adapter: golden output of the real samples,
 * hostile texts that must never reach the terminal as escapes, {@code --tail} and {@code --since}.
 */
final class LogsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void logs_ofTheRealSample_matchesTheGoldenOutput() throws IOException {
        ContextHome home = new ContextHome(tmp).withSample();
        Files.copy(ContextHome.fixtures().resolve("short.jsonl"), home.project.resolve("short.jsonl"));

        CliRun.Result human = home.run("logs", "4d5611");
        CliRun.Result json = home.run("logs", "short", "--json");

        assertThat(human.code()).as(human.err()).isZero();
        assertGolden(human.out(), "logs-4d5611e5.txt");
        assertThat(json.code()).as(json.err()).isZero();
        assertGolden(json.out(), "logs-short.ndjson");
        // the sample's events: 1 auto compaction, tool calls paired with their results, the user's interrupt
        assertThat(human.out()).contains("compact    conversation compacted (auto, 170,251 tokens before)")
                .contains("tool       Read /home/USER/projects/spotter-worktrees/spotter-dov/lib/spotter_web/live/"
                        + "session_live.ex -> ok")
                .contains("tool       Bash git push 2>&1 -> error: Exit code 128");
        assertThat(json.out()).contains("\"kind\":\"error\",\"text\":\"interrupted by the user\"");
    }

    @Test
    void logs_tailAndSince_keepOnlyTheLastLinesAndTheRecentEvents() throws IOException {
        ContextHome home = new ContextHome(tmp).withSample();
        CliRun.Result all = home.run("logs", "4d5611");
        List<String> lines = all.outLines();

        CliRun.Result tail = home.run("logs", "4d5611", "--tail", "3");
        CliRun.Result since = home.run("logs", "4d5611", "--since", "2026-02-12T21:00:00Z");

        assertThat(tail.outLines()).containsExactlyElementsOf(lines.subList(lines.size() - 3, lines.size()));
        assertThat(since.outLines()).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("2026-02-12 2"))
                .isEqualTo(lines.stream().filter(l -> l.compareTo("2026-02-12 21:00:00") >= 0).toList());
        assertThat(home.run("logs", "4d5611", "--since", "yesterday").code()).isEqualTo(2);
    }

    @Test
    void logs_ofHostileText_neverWritesAControlCharacterOrBidiOverride() throws IOException {
        String esc = "\\u001b";
        ContextHome home = new ContextHome(tmp).withSession("hostile-1",
                line("user", "2026-02-12T10:00:00Z", "\"content\":\"clear " + esc + "[2J" + esc + "]52;c;cm0gLXJm\\u0007"
                        + " csi \\u009b31m rtl \\u202eevil\\u202c bell \\u0007 del \\u007f\""),
                line("assistant", "2026-02-12T10:00:01Z", "\"content\":[{\"type\":\"text\",\"text\":\"reply "
                        + esc + "[31mred" + esc + "[0m\"},{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Ba"
                        + esc + "[1msh\",\"input\":{\"command\":\"rm " + esc + "]0;title\\u0007 -rf\"}}]"),
                line("user", "2026-02-12T10:00:02Z", "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                        + "\"is_error\":true,\"content\":\"fail " + esc + "[5mblink\"}]"));

        CliRun.Result human = home.run("logs", "hostile");
        CliRun.Result json = home.run("logs", "hostile", "--json");

        assertThat(human.code()).as(human.err()).isZero();
        assertThat(human.outLines()).hasSize(3);
        assertPrintable(human.out());
        assertPrintable(json.out());
        assertThat(human.outLines().get(0)).endsWith("user       clear \u241b[2J\u241b]52;c;cm0gLXJm\u2407 csi \ufffd31m rtl \ufffdevil\ufffd bell \u2407 del \u2421");
        assertThat(human.outLines().get(2)).endsWith("tool       Ba\u241b[1msh rm \u241b]0;title\u2407 -rf -> error: fail \u241b[5mblink");
        for (String l : json.outLines()) {
            assertThat(JSON.readTree(l).isObject()).isTrue();
        }
    }

    @Test
    void logs_ofAnAdapterWithoutEvents_saysSoAndFails() {
        CliRun.Result r = new CliRun(tmp).run("logs", Fixtures.unknown().id().value());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read", "as a conversation", "does not support logs");
    }

    private static String line(String type, String at, String message) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"" + at + "\",\"sessionId\":\"hostile-1\",\"cwd\":\"/work/x\","
                + "\"message\":{\"role\":\"" + type + "\"," + message + "}}";
    }

    /** Only printable characters and line ends: no C0 (ESC, BEL), DEL, C1 (CSI) or bidi control. */
    private static void assertPrintable(String out) {
        out.codePoints().forEach(cp -> assertThat(cp == '\n' || (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)
                && !(cp >= 0x202A && cp <= 0x202E) && !(cp >= 0x2066 && cp <= 0x2069)))
                .as("U+%04X in %s", cp, out).isTrue());
    }

    private static void assertGolden(String actual, String name) throws IOException {
        Path golden = Path.of("src/test/resources/golden", name);
        Path written = Path.of("target", "golden-actual-" + name);
        Files.createDirectories(written.getParent());
        Files.writeString(written, actual, StandardCharsets.UTF_8);
        assertThat(actual).as("diff %s %s", golden, written).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
