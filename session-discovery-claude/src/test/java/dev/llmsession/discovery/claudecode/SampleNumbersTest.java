package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.model.TokenUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-checked numbers of fixtures/claude/README.md, reproduced exactly. */
final class SampleNumbersTest {

    private final TranscriptReader reader = new TranscriptReader();
    private final SessionAssembler assembler = new SessionAssembler(PriceTable.embedded());
    private final Path project = Fixtures.claudeProject();

    private TranscriptSet wholeSession() {
        Path sub = project.resolve(Fixtures.SESSION).resolve("subagents");
        return new TranscriptSet(Fixtures.SESSION, reader.read(project.resolve(Fixtures.SESSION + ".jsonl"), false),
                List.of(reader.read(sub.resolve("agent-a2898e3.jsonl"), true),
                        reader.read(sub.resolve("agent-acompact-e1f845.jsonl"), true)));
    }

    @Test
    void assemble_wholeSession_matchesReadme() {
        TranscriptSet set = wholeSession();

        SessionAssembler.SessionFigures figures = assembler.assemble(List.of(set)).get(Fixtures.SESSION);

        assertThat(figures.tokens().total()).isEqualTo(new TokenUsage(233, 28_899, 559_475, 12_387_553, 152));
        assertThat(figures.tokens().subagents()).isEqualTo(new TokenUsage(56, 144, 79_938, 768_986, 13));
        assertThat(figures.cost().usd().getAsDouble()).isCloseTo(10.11, within(0.005));
        assertThat(figures.cost().unpricedModels()).isEmpty();
        assertThat(figures.errors().tool()).isEqualTo(13);
        assertThat(figures.errors().api()).isZero();
        assertThat(set.main().context()).hasValue(106_060);
        assertThat(set.main().firstTimestamp()).isEqualTo(Instant.parse("2026-02-12T16:02:23.545Z"));
        assertThat(set.main().lastTimestamp()).isEqualTo(Instant.parse("2026-02-12T21:03:34.206Z"));
        assertThat(figures.quality().clean()).isTrue();
    }

    @Test
    void assemble_mainFileOnly_has139Calls() {
        TranscriptSet set = new TranscriptSet(Fixtures.SESSION,
                reader.read(project.resolve(Fixtures.SESSION + ".jsonl"), false), List.of());

        SessionAssembler.SessionFigures figures = assembler.assemble(List.of(set)).get(Fixtures.SESSION);

        assertThat(figures.tokens().total()).isEqualTo(new TokenUsage(177, 28_755, 479_537, 11_618_567, 139));
        assertThat(figures.tokens().subagents()).isEqualTo(TokenUsage.ZERO);
        assertThat(figures.errors().tool()).isEqualTo(5);
    }

    @Test
    void read_subagentFiles_matchReadmePerFile() {
        Path sub = project.resolve(Fixtures.SESSION).resolve("subagents");
        FileSummary explore = reader.read(sub.resolve("agent-a2898e3.jsonl"), true);
        FileSummary compact = reader.read(sub.resolve("agent-acompact-e1f845.jsonl"), true);

        assertThat(sum(explore)).isEqualTo(new TokenUsage(53, 136, 71_257, 604_156, 12));
        assertThat(sum(compact)).isEqualTo(new TokenUsage(3, 8, 8_681, 164_830, 1));
        assertThat(explore.toolErrors()).hasSize(8);
        assertThat(explore.context()).isEmpty();
    }

    @Test
    void assemble_shortSample_matchesReadme() {
        FileSummary main = reader.read(project.resolve("short.jsonl"), false);
        TranscriptSet set = new TranscriptSet("short", main, List.of());

        SessionAssembler.SessionFigures figures = assembler.assemble(List.of(set)).get("short");

        assertThat(figures.tokens().total()).isEqualTo(new TokenUsage(3, 13, 13_835, 11_515, 1));
        assertThat(main.context()).hasValue(25_353);
        assertThat(figures.errors().tool()).isEqualTo(2);
        assertThat(figures.errors().interrupts()).isEqualTo(1);
        assertThat(figures.cost().usd().getAsDouble()).isCloseTo(0.1444, within(0.005));
        assertThat(main.firstPrompt()).isEqualTo("mix phx.server doesnt seem to start");
        assertThat(main.model()).isEqualTo("claude-opus-4-6");
    }

    private static TokenUsage sum(FileSummary f) {
        TranscriptSet set = new TranscriptSet("x", f, List.of());
        TokenUsage total = TokenUsage.ZERO;
        for (var r : SessionAssembler.calls(set, new HashSet<>())) {
            total = total.plus(new TokenUsage(r.input(), r.output(), r.cacheWrite(), r.cacheRead(), 1));
        }
        return total;
    }
}
