package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.SummaryBuilder;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * States an earlier release stored, in the encodings from before the adapter kit's {@link
 * dev.llmsession.adapterkit.StateCodec} ({@code old-states/}: written by that release's {@code BuilderState} for
 * {@code Adversarial.transcript(1, 300)} and its {@code ProjectCodec} for a project of two such files). They must
 * never decode as a state of today; the file is read again from its start instead.
 */
final class OldStateEncodingTest {

    private static final Instant NOW = Instant.parse("2026-02-13T00:00:00Z");

    @TempDir
    Path home;
    private Path alpha;

    @BeforeEach
    void layOut() throws IOException {
        alpha = Files.createDirectories(home.resolve(".claude/projects/-home-a-alpha"));
        Files.write(alpha.resolve("a1.jsonl"), Adversarial.transcript(1, 300));
        Files.write(alpha.resolve("a2.jsonl"), Adversarial.transcript(2, 200));
    }

    @Test
    void oldBuilderState_doesNotDecode() throws IOException {
        byte[] old = resource("builder-v2.b64");

        assertThat(old).startsWith('C', 'S', 2);
        assertThat(SummaryBuilder.restore(old, false)).isEmpty();
        assertThat(SummaryBuilder.restore(old, true)).isEmpty();
    }

    @Test
    void oldProjectMemo_doesNotDecode() throws IOException {
        byte[] old = resource("project-memo-v2.b64");

        assertThat(old).startsWith('L', 'P', 2);
        assertThat(ProjectCodec.decode(alpha, old)).isEmpty();
        assertThat(ProjectCodec.files(alpha, old)).isEmpty();
    }

    @Test
    void oldStatesInTheIndex_fileReadAgain_sameSessionsAsCold() throws IOException {
        // a1's old state filed under a2, as if a2 were read to its end: decoding it would give a2 a1's figures
        TranscriptIndex index = TranscriptIndex.inMemory();
        file(index, alpha.resolve("a2.jsonl"), ReadFingerprint.wrap(
                ReadFingerprint.of(alpha.resolve("a2.jsonl"), Files.size(alpha.resolve("a2.jsonl"))),
                resource("builder-v2.b64")));

        List<Session> warm = discovery().discover(request(index));

        assertThat(warm).isEqualTo(cold());
    }

    @Test
    void aCurrentStateFiledTheSameWay_isTakenAsIs() throws IOException {
        // the check above can fail: a state of today filed the same way is believed
        SummaryBuilder a1 = new SummaryBuilder(false);
        new TranscriptReader().resume(alpha.resolve("a1.jsonl"), a1, 0, Files.size(alpha.resolve("a1.jsonl")),
                Instant.EPOCH);
        TranscriptIndex index = TranscriptIndex.inMemory();
        file(index, alpha.resolve("a2.jsonl"), ReadFingerprint.wrap(
                ReadFingerprint.of(alpha.resolve("a2.jsonl"), Files.size(alpha.resolve("a2.jsonl"))),
                a1.snapshot()));

        assertThat(discovery().discover(request(index))).isNotEqualTo(cold());
    }

    private static void file(TranscriptIndex index, Path file, byte[] state) {
        FileStat st = FileStat.of(file);
        index.commit(TranscriptCache.ADAPTER_ID, new TranscriptIndex.Commit(List.of(new TranscriptIndex.Entry(
                file.toString(), st.key(), st.size(), st.mtimeMillis(), st.size(), state)), List.of(), Map.of()));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OldStateEncodingTest.class.getResourceAsStream("/old-states/" + name)) {
            return Base64.getMimeDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    private ClaudeCodeSessionDiscovery discovery() {
        return new ClaudeCodeSessionDiscovery(new ProviderContext(home, Map.of(), Clock.fixed(NOW, ZoneOffset.UTC),
                Map.of()), new TranscriptReader(), PriceTable.embedded());
    }

    private static SessionDiscovery.Request request(TranscriptIndex index) {
        return new SessionDiscovery.Request(ProcessTable.of(NOW, List.of()), NOW, true, Optional.empty(), index,
                IndexProgress.NONE, TokenEstimator.charsPerToken());
    }

    private List<Session> cold() {
        return discovery().discover(request(TranscriptIndex.inMemory()));
    }
}
