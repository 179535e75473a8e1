package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SessionAssemblerTest {

    @TempDir
    Path dir;

    private final TranscriptReader reader = new TranscriptReader();
    private final SessionAssembler assembler = new SessionAssembler(PriceTable.embedded());

    static String assistant(String msgId, String requestId, int output, boolean sidechain, String model, String ts) {
        return "{\"type\":\"assistant\",\"requestId\":\"" + requestId + "\",\"isSidechain\":" + sidechain
                + ",\"timestamp\":\"" + ts + "\",\"message\":{\"id\":\"" + msgId + "\",\"model\":\"" + model
                + "\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"usage\":{\"input_tokens\":10,\"output_tokens\":"
                + output + ",\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":1000}}}\n";
    }

    private FileSummary file(String name, boolean sidechain, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("", lines));
        return reader.read(p, sidechain);
    }

    @Test
    void assemble_sidechainReplayOfMainMessage_notCountedTwice() throws IOException {
        FileSummary main = file("s.jsonl", false,
                assistant("m1", "r1", 5, false, "claude-opus-4-6", "2026-02-12T16:00:00Z"));
        FileSummary side = file("s/subagents/agent-b.jsonl", true,
                assistant("m1", "r-replay", 5, true, "claude-opus-4-6", "2026-02-12T16:01:00Z"),
                assistant("m2", "r2", 5, true, "claude-opus-4-6", "2026-02-12T16:02:00Z"));

        var figures = assembler.assemble(List.of(new TranscriptSet("s", main, List.of(side)))).get("s");

        assertThat(figures.tokens().total().apiCalls()).isEqualTo(2);
        assertThat(figures.tokens().subagents().apiCalls()).isEqualTo(1);
    }

    @Test
    void assemble_sameKeyInTwoSessions_countedOnceForOlderSession() throws IOException {
        String copied = assistant("m1", "r1", 5, false, "claude-opus-4-6", "2026-02-12T10:00:00Z");
        FileSummary older = file("a.jsonl", false, copied,
                assistant("m2", "r2", 5, false, "claude-opus-4-6", "2026-02-12T11:00:00Z"));
        FileSummary newer = file("b.jsonl", false, copied,
                assistant("m3", "r3", 5, false, "claude-opus-4-6", "2026-02-12T12:00:00Z"));

        Map<String, SessionAssembler.SessionFigures> out = assembler.assemble(List.of(
                new TranscriptSet("b", newer, List.of()), new TranscriptSet("a", older, List.of())));

        assertThat(out.get("a").tokens().total().apiCalls()).isEqualTo(2);
        assertThat(out.get("b").tokens().total().apiCalls()).isEqualTo(1);
    }

    @Test
    void lostCalls_aSessionThatBecameTheYoungerLosesItsCopiedCall_growingIsNoLoss() throws IOException {
        String copied = assistant("m1", "r1", 5, false, "claude-opus-4-6", "2026-02-12T10:00:00Z");
        FileSummary resumed = file("r.jsonl", false, copied,
                assistant("m2", "r2", 5, false, "claude-opus-4-6", "2026-02-12T11:00:00Z"));
        FileSummary running = file("l.jsonl", false, copied);
        var before = assembler.assemble(List.of(new TranscriptSet("l", running, List.of()),
                new TranscriptSet("r", resumed, List.of())), java.util.Set.of("l"));
        FileSummary grown = file("l.jsonl", false, copied,
                assistant("m3", "r3", 5, false, "claude-opus-4-6", "2026-02-12T09:00:00Z"));
        var stillOlder = assembler.assemble(List.of(new TranscriptSet("l", grown, List.of()),
                new TranscriptSet("r", resumed, List.of())), java.util.Set.of("l"));
        FileSummary younger = file("l.jsonl", false, copied,
                assistant("m3", "r3", 5, false, "claude-opus-4-6", "2026-02-12T12:00:00Z"));
        var after = assembler.assemble(List.of(new TranscriptSet("l", younger, List.of()),
                new TranscriptSet("r", resumed, List.of())), java.util.Set.of("l"));

        assertThat(SessionAssembler.lostCalls(before, stillOlder)).isFalse();
        assertThat(SessionAssembler.lostCalls(before, after)).isTrue();
        assertThat(after.get("l").tokens().total().apiCalls()).isEqualTo(1);
        assertThat(SessionAssembler.lostCalls(before, Map.of())).as("no session in both").isFalse();
    }

    @Test
    void assemble_unknownModel_costUnknownAndModelListed() throws IOException {
        FileSummary main = file("u.jsonl", false,
                assistant("m1", "r1", 5, false, "claude-opus-4-6", "2026-02-12T16:00:00Z"),
                assistant("m2", "r2", 5, false, "gpt-oss-120b", "2026-02-12T16:01:00Z"));

        var figures = assembler.assemble(List.of(new TranscriptSet("u", main, List.of()))).get("u");

        assertThat(figures.cost().usd()).isEmpty();
        assertThat(figures.cost().unpricedModels()).containsExactly("gpt-oss-120b");
        assertThat(figures.tokens().total().apiCalls()).isEqualTo(2);
    }

    @Test
    void assemble_duplicateAcrossMainAndSubagentFile_keepsLargestOnce() throws IOException {
        FileSummary main = file("d.jsonl", false,
                assistant("m1", "r1", 5, false, "claude-opus-4-6", "2026-02-12T16:00:00Z"));
        FileSummary side = file("d/subagents/agent-c.jsonl", true,
                assistant("m1", "r1", 50, true, "claude-opus-4-6", "2026-02-12T16:00:01Z"));

        var figures = assembler.assemble(List.of(new TranscriptSet("d", main, List.of(side)))).get("d");

        assertThat(figures.tokens().total().apiCalls()).isEqualTo(1);
        assertThat(figures.tokens().total().output()).isEqualTo(50);
        assertThat(figures.tokens().subagents().apiCalls()).isZero();
    }

    @Test
    void assembleWanted_randomSharedKeys_sameFiguresAsFullAssembly() throws IOException {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 20; round++) {
            List<TranscriptSet> sets = new java.util.ArrayList<>();
            int sessions = 2 + random.nextInt(6);
            for (int s = 0; s < sessions; s++) {
                StringBuilder main = new StringBuilder();
                StringBuilder side = new StringBuilder();
                for (int line = 0; line < 1 + random.nextInt(6); line++) {
                    // few message ids, so sessions share keys (copied history) and main/side replays occur
                    String msg = "m" + random.nextInt(8);
                    String req = random.nextBoolean() ? "r" + random.nextInt(3) : "r" + msg;
                    String ts = "2026-02-12T1" + random.nextInt(10) + ":0" + random.nextInt(10) + ":00Z";
                    (random.nextInt(4) == 0 ? side : main).append(assistant(msg, req, 1 + random.nextInt(9),
                            false, "claude-opus-4-6", ts));
                }
                String id = "s" + s;
                FileSummary m = file(round + "/" + id + ".jsonl", false, main.toString());
                List<FileSummary> agents = side.length() == 0 ? List.of()
                        : List.of(file(round + "/" + id + "/subagents/agent-a.jsonl", true,
                                side.toString().replace("\"isSidechain\":false", "\"isSidechain\":true")));
                sets.add(new TranscriptSet(id, m, agents));
            }
            Map<String, SessionAssembler.SessionFigures> full = assembler.assemble(sets);
            java.util.Set<String> wanted = new java.util.HashSet<>();
            for (TranscriptSet set : sets) {
                if (random.nextBoolean()) {
                    wanted.add(set.sessionId());
                }
            }

            Map<String, SessionAssembler.SessionFigures> partial = assembler.assemble(sets, wanted);

            assertThat(partial.keySet()).isEqualTo(wanted);
            for (String id : wanted) {
                assertThat(partial.get(id)).as("round %d session %s", round, id).isEqualTo(full.get(id));
            }
        }
    }
}
