package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.cli.context.Canonical;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export then import-context on the real sample session, through the real adapter and store. */
final class ExportImportTest {
    static final String TODO_LINE = "{\"type\":\"assistant\",\"isSidechain\":false,\"sessionId\":\"" + ContextHome.SESSION
            + "\",\"timestamp\":\"2026-02-12T21:04:00.000Z\",\"message\":{\"id\":\"msg_todo\",\"model\":"
            + "\"claude-opus-4-6\",\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_todo\","
            + "\"name\":\"TodoWrite\",\"input\":{\"todos\":[{\"content\":\"Write the handoff test\",\"status\":"
            + "\"in_progress\",\"activeForm\":\"Writing the handoff test\"},{\"content\":\"Push the branch\","
            + "\"status\":\"pending\",\"activeForm\":\"Pushing the branch\"}]}}]}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    ContextHome home;

    @BeforeEach
    void layOut() throws IOException {
        home = new ContextHome(tmp).withSample(TODO_LINE);
    }

    /** A home with one small session only: for the tests that need a session, not the whole sample. */
    private ContextHome small() throws IOException {
        return new ContextHome(Files.createDirectories(tmp.resolve("small"))).withSession(SMALL, smallSession());
    }

    static final String SMALL = "5e5510aa-0000-4000-8000-000000000001";

    static String[] smallSession() {
        String env = "\"sessionId\":\"" + SMALL + "\",\"cwd\":\"/work/shop\",\"gitBranch\":\"main\",";
        return new String[] {
            "{\"type\":\"user\"," + env + "\"timestamp\":\"2026-02-12T10:00:00.000Z\",\"message\":{\"role\":"
                    + "\"user\",\"content\":\"Add a checkout page\"}}",
            "{\"type\":\"assistant\"," + env + "\"timestamp\":\"2026-02-12T10:00:05.000Z\",\"requestId\":\"req_1\","
                    + "\"message\":{\"id\":\"msg_1\",\"model\":\"claude-opus-4-6\",\"role\":\"assistant\",\"content\":["
                    + "{\"type\":\"text\",\"text\":\"Reading the cart first.\"},{\"type\":\"tool_use\",\"id\":\"t1\","
                    + "\"name\":\"Read\",\"input\":{\"file_path\":\"/work/shop/cart.ts\"}},{\"type\":\"tool_use\","
                    + "\"id\":\"t2\",\"name\":\"TodoWrite\",\"input\":{\"todos\":[{\"content\":\"Write the handoff test\","
                    + "\"status\":\"in_progress\",\"activeForm\":\"Writing\"}]}}],\"usage\":{\"input_tokens\":5,"
                    + "\"output_tokens\":7,\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":1000}}}"};
    }

    @Test
    void roundTrip_plainJson_primerHoldsGoalFilesTodosAndCompactionSummary() throws Exception {
        Path pack = tmp.resolve("pack.json");
        Path primer = tmp.resolve("primer.md");

        CliRun.Result export = home.run("export", "4d5611e5", "-o", pack.toString());
        CliRun.Result imported = home.run("import-context", pack.toString(), "--write", primer.toString());

        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("Exported claude_4d5611e5-").contains(" to " + pack).contains("20 messages");
        JsonNode tree = JSON.readTree(pack.toFile());
        assertThat(tree.get("format").asText()).isEqualTo("llm-session/context");
        assertThat(tree.get("version").asInt()).isEqualTo(1);
        assertThat(tree.get("sha256").asText()).isEqualTo(Canonical.sha256(tree));
        assertThat(tree.get("messages")).hasSize(20);
        assertThat(tree.get("figures").get("apiCalls").asLong()).isEqualTo(139); // the main file alone (the sub-agent files are not copied)
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported context pack " + tree.get("sha256").asText().substring(0, 12),
                "Primer written to " + primer,
                "cd '/home/USER/projects/spotter-worktrees/spotter-dov' && claude \"$(cat '" + primer + "')\"");
        assertPrimer(Files.readString(primer));
    }

    @Test
    void roundTrip_gzip_byExtensionAndFlag_primerOnStdoutCommandOnStderr() throws Exception {
        Path byName = tmp.resolve("pack.json.gz");
        Path byFlag = tmp.resolve("pack.bin");

        assertThat(home.run("export", "claude_4d5611e5", "-o", byName.toString()).code()).isZero();
        assertThat(home.run("export", "4d5611e5", "--gzip", "-o", byFlag.toString()).code()).isZero();
        CliRun.Result imported = home.run("import-context", byName.toString());

        for (Path p : new Path[] {byName, byFlag}) {
            byte[] bytes = Files.readAllBytes(p);
            assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
            assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                JsonNode tree = JSON.readTree(in);
                assertThat(tree.get("sha256").asText()).isEqualTo(Canonical.sha256(tree));
            }
        }
        assertThat(imported.code()).as(imported.err()).isZero();
        assertPrimer(imported.out());
        assertThat(imported.err()).contains("Start a fresh session with it:",
                "claude \"$(llm-session import-context '" + byName + "' 2>/dev/null)\"");
    }

    @Test
    void history_afterImport_listsThePackLinkedToItsSession() throws Exception {
        Path pack = tmp.resolve("pack.json");
        home.run("export", "4d5611e5", "-o", pack.toString());
        home.run("import-context", pack.toString(), "--write", tmp.resolve("p.md").toString());
        home.run("import-context", pack.toString(), "--write", tmp.resolve("p2.md").toString());

        CliRun.Result json = home.run("history", "--json");
        CliRun.Result table = home.run("history", "--ascii");

        JsonNode session = JSON.readTree(json.out()).get(0);
        assertThat(session.get("nativeId").asText()).isEqualTo(ContextHome.SESSION);
        assertThat(session.get("importedContexts")).singleElement()
                .satisfies(c -> assertThat(c.get("file").asText()).isEqualTo(pack.toString()));
        assertThat(table.out()).contains("Imported context packs (newest first):",
                "from claude_" + ContextHome.SESSION);
    }

    @Test
    void export_markdownToStdout_isTheHandoffBrief() throws IOException {
        ContextHome small = small();
        CliRun.Result r = small.run("export", "5e5510aa", "--format", "markdown", "--messages", "3");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("# Handoff: shop").contains("## Goal", "> Add a checkout page",
                "## Last messages", "## Files touched", "| `/work/shop/cart.ts` | 1 | 0 | 0 |",
                "- [~] Write the handoff test (in progress)").doesNotContain("## Summary of the earlier");
        assertThat(r.out().split("\\*\\*(user|assistant)\\*\\*", -1)).hasSize(3);
    }

    @Test
    void export_jsonToStdout_whenNoFile() throws Exception {
        ContextHome small = small();
        CliRun.Result r = small.run("export", "5e5510aa", "--messages", "0");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode tree = JSON.readTree(r.out());
        assertThat(tree.get("messages")).isEmpty();
        assertThat(tree.get("sha256").asText()).isEqualTo(Canonical.sha256(tree));
    }

    @Test
    void export_unknownId_exitsTwo_badMessageCount_exitsTwo() throws IOException {
        ContextHome small = small();
        CliRun.Result unknown = small.run("export", "nope-no-such", "-o", tmp.resolve("x.json").toString());
        CliRun.Result badCount = small.run("export", "5e5510aa", "--messages", "-1");

        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).doesNotContain("\n").contains("nope-no-such");
        assertThat(badCount.code()).isEqualTo(2);
        assertThat(tmp.resolve("x.json")).doesNotExist();
    }

    @Test
    void export_existingFile_notReplacedWithoutForce_replacedWithForce_ownerOnly() throws Exception {
        ContextHome small = small();
        Path pack = tmp.resolve("pack.json");
        Files.writeString(pack, "keep me");

        CliRun.Result refused = small.run("export", "5e5510aa", "-o", pack.toString());
        String afterRefusal = Files.readString(pack);
        CliRun.Result forced = small.run("export", "5e5510aa", "-o", pack.toString(), "--force");

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("already exists; add --force");
        assertThat(afterRefusal).isEqualTo("keep me");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Files.readString(pack)).startsWith("{");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pack))).isEqualTo("rw-------");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void export_pathWithDotDot_exitsThreeAndWritesNothing() throws IOException {
        ContextHome small = small();
        Path dir = Files.createDirectories(tmp.resolve("a/b"));

        CliRun.Result r = small.run("export", "5e5510aa", "-o", dir.resolve("../escaped.json").toString());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).doesNotContain("\n").contains("'..'");
        assertThat(tmp.resolve("a/escaped.json")).doesNotExist();
    }

    @Test
    void import_withoutStore_stillPrintsThePrimerAndSaysItWasNotRecorded() throws IOException {
        ContextHome small = small();
        Path pack = tmp.resolve("small.json");
        assertThat(small.run("export", "5e5510aa", "-o", pack.toString()).code()).isZero();

        CliRun.Result r = new CliRun(tmp).run("import-context", pack.toString(), "--print");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("# Context handoff: shop").contains("> Add a checkout page");
        assertThat(r.err()).contains("warning: not recorded: no store", "cd '/work/shop' && claude");
    }

    private static void assertPrimer(String primer) {
        assertThat(primer).contains(
                "You are continuing the work of an earlier claude-code session (claude_" + ContextHome.SESSION + ")",
                // the goal: the first typed prompt of the sample
                "> Work on bead spotter-dov. Run bd show spotter-dov to see the issue details",
                // the compaction summary the sample carries after its auto-compaction
                "## Summary of the earlier conversation (compacted 2026-02-12",
                "This session is being continued from a previous conversation that ran out of context.",
                // files touched by Read/Edit/Write calls
                "## Files touched", "lib/spotter_web/live/session_live.ex` | 3 | 14 | 0 |",
                // the latest TodoWrite
                "## Todo list", "- [~] Write the handoff test (in progress)", "- [ ] Push the branch",
                "## Recent errors", "## Last messages");
        assertThat(new String(primer.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(primer);
    }
}
