package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transcript full of terminal control (window title, clear screen, hyperlink, C1 CSI, carriage return, bidi
 * override, an OSC cut short) rendered by the real commands: nothing of it reaches the output as control, and
 * {@code --json} carries it escaped but intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TerminalInjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SID = "0badc0de-0000-4000-8000-000000000016";

    /**
     * Each vector of the outside pass, by name, in this order: the title shown is the first prompt cut to 80
     * characters, and the JSON test expects the hyperlink inside it (Map.of's order changes from run to run).
     */
    static final Map<String, String> VECTORS = ordered(
            "osc0-title", "\u001b]0;pwned\u0007",
            "clear-screen", "\u001b[2J\u001b[H",
            "osc8-link", "\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\",
            "c1-csi", "\u009b31m",
            "carriage-return", "real\rfake",
            "bidi-override", "abc\u202Eexe.txt",
            "bidi-isolate", "\u2066x\u2069",
            "unterminated-osc", "\u001b]0;cut-short");

    @TempDir
    static Path tmp;

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
    ContextHome home;
    Path pack;

    private static String q(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void hostileSession() throws IOException {
        String all = String.join(" ", VECTORS.values());
        String cwd = "/work/\u001b]0;cwd\u0007\u202Edir";
        home = new ContextHome(tmp).withSession(SID,
                "{\"type\":\"user\",\"sessionId\":\"" + SID + "\",\"cwd\":" + q(cwd) + ",\"gitBranch\":"
                        + q("main\u001b[2J") + ",\"timestamp\":\"2026-02-13T08:50:00Z\",\"message\":{\"role\":\"user\","
                        + "\"content\":" + q("fix it " + all) + "}}",
                "{\"type\":\"assistant\",\"sessionId\":\"" + SID + "\",\"cwd\":" + q(cwd) + ",\"timestamp\":"
                        + "\"2026-02-13T08:51:00Z\",\"message\":{\"id\":\"m1\",\"role\":\"assistant\",\"model\":"
                        + q("claude-opus-4-5\u001b]0;model\u0007") + ",\"content\":[{\"type\":\"text\",\"text\":"
                        + q("done " + all) + "}],\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}}");
        pack = tmp.resolve("hostile.json");
        CliRun.Result export = home.run("export", "0badc0de", "-o", pack.toString());
        assertThat(export.code()).as(export.err()).isZero();
    }

    /** No control, escape or bidi character at all (colour is off in these runs, so no ESC is ours). */
    private static void assertPrintable(String what, String text) {
        assertThat(text.codePoints().filter(cp -> (cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0)
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)).toArray()).as(what + ":\n" + text)
                .isEmpty();
    }

    @Test
    void humanOutputs_noControlReachesTheTerminal() {
        List<String[]> commands = List.of(new String[] {"list", "--all"}, new String[] {"health", "0badc0de"},
                new String[] {"export", "0badc0de", "--format", "markdown"}, new String[] {"usage", "session"}, new String[] {"doctor"},
                new String[] {"import-context", pack.toString()}, new String[] {"history"});
        for (String[] args : commands) {
            CliRun.Result r = home.run(args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
            assertPrintable(String.join(" ", args) + " (out)", r.out());
            assertPrintable(String.join(" ", args) + " (err)", r.err());
        }
        CliRun.Result list = home.run("list", "--all");
        assertThat(list.out()).as("shown, visibly").contains("␛]0;cwd␇\uFFFDdir");
    }

    @Test
    void json_escapesControlsAndBidi_dataIntact() throws Exception {
        for (String[] args : List.of(new String[] {"list", "--all", "--json"}, new String[] {"export", "0badc0de"})) {
            CliRun.Result r = home.run(args);

            assertThat(r.code()).as(r.err()).isZero();
            assertPrintable(String.join(" ", args), r.out());
            assertThat(r.out()).contains("\\u001B]0;cwd\\u0007\\u202Edir", "\\u001B]8;;https://evil.example/");
            JsonNode tree = JSON.readTree(r.out());
            String cwd = (args[0].equals("list") ? tree.get(0) : tree.get("source")).get("cwd").asText();
            assertThat(cwd).isEqualTo("/work/\u001b]0;cwd\u0007\u202Edir");
        }
    }

    @Test
    void importedPack_primerAndMessagesPrintable() throws Exception {
        Path primer = tmp.resolve("primer.md");
        CliRun.Result r = home.run("import-context", pack.toString(), "--write", primer.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertPrintable("import messages", r.out() + r.err());
        assertPrintable("primer", Files.readString(primer));
    }
}
