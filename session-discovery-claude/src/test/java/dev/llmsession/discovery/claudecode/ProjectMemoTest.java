package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project memo: unchanged projects are neither loaded, decoded nor assembled again after a restart. */
final class ProjectMemoTest {

    private static final Instant NOW = Instant.parse("2026-02-12T21:05:00Z");

    @TempDir
    Path home;

    private Path alpha;
    private Path beta;

    @BeforeEach
    void layOut() throws IOException {
        Path projects = home.resolve(".claude/projects");
        alpha = Files.createDirectories(projects.resolve("-home-a-alpha"));
        beta = Files.createDirectories(projects.resolve("-home-a-beta"));
        Files.write(alpha.resolve("a1.jsonl"), Adversarial.transcript(1, 300));
        Files.write(alpha.resolve("a2.jsonl"), Adversarial.transcript(2, 200));
        Files.createDirectories(alpha.resolve("a1/subagents"));
        Files.write(alpha.resolve("a1/subagents/agent-x.jsonl"), Adversarial.transcript(3, 100));
        Files.write(beta.resolve("b1.jsonl"), Adversarial.transcript(4, 250));
        Files.write(beta.resolve("agent-flat.jsonl"), Adversarial.transcript(5, 80));
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

    @Test
    void aClearedIndex_isFilledAgain_onceTheAdapterIsTold_soTheLedgerIsNotLeftEmpty() {
        dev.llmsession.testkit.RecordingIndex index = new dev.llmsession.testkit.RecordingIndex();
        ClaudeCodeSessionDiscovery resident = discovery();
        List<Session> first = resident.discover(request(index));
        List<TranscriptIndex.UsageRow> filed = index.rows();
        assertThat(filed).isNotEmpty();

        index.clear();
        resident.discover(request(index));
        assertThat(index.rows()).as("a resident adapter not told trusts its memory: nothing filed again").isEmpty();

        resident.indexCleared();
        List<Session> again = resident.discover(request(index));

        assertThat(again).isEqualTo(first);
        assertThat(index.rows()).containsExactlyInAnyOrderElementsOf(filed);
        assertThat(index.load(TranscriptCache.ADAPTER_ID)).isNotEmpty();
    }

    @Test
    void restart_unchangedTree_decodesNoFileState_assemblesNothing_loadsNoFileEntry_sameSessions() {
        Counting index = new Counting();
        List<Session> first = discovery().discover(request(index));
        index.fileEntriesLoaded = 0;
        index.fullLoads = 0;
        ClaudeCodeSessionDiscovery restarted = discovery();

        List<Session> warm = restarted.discover(request(index));

        assertThat(first).hasSize(3);
        assertThat(warm).isEqualTo(first).isEqualTo(cold());
        assertThat(restarted.statesDecoded()).isZero();
        assertThat(restarted.projectsAssembled()).isZero();
        assertThat(index.fullLoads).isZero();
        assertThat(index.fileEntriesLoaded).isZero();
    }

    @Test
    void restart_oneFileAppended_reassemblesOnlyItsProject_loadingOnlyItsEntries() throws IOException {
        Counting index = new Counting();
        discovery().discover(request(index));
        Files.write(beta.resolve("b1.jsonl"), Adversarial.transcript(6, 20), StandardOpenOption.APPEND);
        index.fileEntriesLoaded = 0;
        index.fullLoads = 0;
        ClaudeCodeSessionDiscovery restarted = discovery();

        List<Session> warm = restarted.discover(request(index));

        assertThat(warm).isEqualTo(cold());
        assertThat(restarted.projectsAssembled()).isEqualTo(1);
        assertThat(restarted.statesDecoded()).isEqualTo(2);
        assertThat(index.fullLoads).isZero();
        assertThat(index.fileEntriesLoaded).isEqualTo(2);

        ClaudeCodeSessionDiscovery again = discovery();
        assertThat(again.discover(request(index))).isEqualTo(warm);
        assertThat(again.projectsAssembled()).isZero();
        assertThat(again.statesDecoded()).isZero();
    }

    @Test
    void sameInstance_oneFileTouched_reassemblesOnlyItsProject() throws IOException {
        Counting index = new Counting();
        ClaudeCodeSessionDiscovery d = discovery();
        d.discover(request(index));
        Files.setLastModifiedTime(alpha.resolve("a2.jsonl"),
                java.nio.file.attribute.FileTime.from(Instant.parse("2026-02-12T20:00:00Z")));

        List<Session> after = d.discover(request(index));

        assertThat(after).isEqualTo(cold());
        assertThat(d.projectsAssembled()).isEqualTo(3);
    }

    @Test
    void restart_fileDeletedAndProjectRemoved_entriesDroppedWithoutFullLoad() throws IOException {
        Counting index = new Counting();
        discovery().discover(request(index));
        Path agent = alpha.resolve("a1/subagents/agent-x.jsonl");
        Files.delete(agent);
        Files.delete(beta.resolve("b1.jsonl"));
        Files.delete(beta.resolve("agent-flat.jsonl"));
        Files.delete(beta);
        index.fullLoads = 0;

        List<Session> warm = discovery().discover(request(index));

        assertThat(warm).isEqualTo(cold());
        assertThat(index.fullLoads).isZero();
        assertThat(index.load(TranscriptCache.ADAPTER_ID)).containsOnlyKeys(alpha.resolve("a1.jsonl").toString(),
                alpha.resolve("a2.jsonl").toString());
        assertThat(index.load(ClaudeCodeSessionDiscovery.PROJECTS_ID)).containsOnlyKeys(alpha.toString());
    }

    @Test
    void restart_projectBlobOfUnknownVersion_fallsBackToTheFiles() {
        assertFallsBack(state -> {
            byte[] s = state.clone();
            s[2] = 99;
            return s;
        });
    }

    @Test
    void restart_corruptProjectBlob_fallsBackToTheFiles() {
        assertFallsBack(state -> java.util.Arrays.copyOf(state, state.length - 7));
    }

    @Test
    void restart_garbageProjectBlob_fallsBackToTheFiles() {
        assertFallsBack(state -> new byte[] {1, 2, 3});
    }

    private void assertFallsBack(java.util.function.UnaryOperator<byte[]> damage) {
        Counting index = new Counting();
        List<Session> first = discovery().discover(request(index));
        TranscriptIndex.Entry stored = index.load(ClaudeCodeSessionDiscovery.PROJECTS_ID).get(alpha.toString());
        index.commit(ClaudeCodeSessionDiscovery.PROJECTS_ID, new TranscriptIndex.Commit(List.of(
                new TranscriptIndex.Entry(stored.path(), stored.fileKey(), stored.size(), stored.mtime(),
                        stored.offset(), damage.apply(stored.state()))), List.of(), Map.of()));
        ClaudeCodeSessionDiscovery restarted = discovery();

        List<Session> warm = restarted.discover(request(index));

        assertThat(warm).isEqualTo(first).isEqualTo(cold());
        assertThat(restarted.projectsAssembled()).isEqualTo(1);
        assertThat(restarted.statesDecoded()).isEqualTo(3);
        ClaudeCodeSessionDiscovery again = discovery();
        assertThat(again.discover(request(index))).isEqualTo(first);
        assertThat(again.projectsAssembled()).as("the memo was rewritten").isZero();
    }

    @Test
    void codec_roundTripsEverySession_andRejectsOtherBytes() {
        ClaudeCodeSessionDiscovery d = discovery();
        d.discover(request(TranscriptIndex.inMemory()));
        TranscriptIndex index = TranscriptIndex.inMemory();
        discovery().discover(request(index));
        byte[] state = index.load(ClaudeCodeSessionDiscovery.PROJECTS_ID).get(alpha.toString()).state();

        ProjectResults decoded = ProjectCodec.decode(alpha, state).orElseThrow();

        assertThat(ProjectCodec.encode(alpha, decoded)).containsExactly(state);
        assertThat(decoded.sessions()).containsOnlyKeys("a1", "a2");
        assertThat(decoded.files()).containsExactlyInAnyOrder(alpha.resolve("a1.jsonl"), alpha.resolve("a2.jsonl"),
                alpha.resolve("a1/subagents/agent-x.jsonl"));
        assertThat(ProjectCodec.decode(alpha, new byte[0])).isEmpty();
        byte[] longer = java.util.Arrays.copyOf(state, state.length + 1);
        assertThat(ProjectCodec.decode(alpha, longer)).isEmpty();
    }

    @Test
    void codec_loneSurrogateInTitle_survives() {
        TranscribedSession s = new TranscribedSession("s", false, null, null, null, null, null, null,
                "cut \ud83d", null, null, 0, java.util.OptionalLong.empty(),
                dev.llmsession.discovery.claudecode.transcript.StateSignal.NONE,
                dev.llmsession.model.TokenFigures.UNKNOWN, dev.llmsession.model.Cost.UNKNOWN,
                dev.llmsession.model.ErrorCounts.NONE, dev.llmsession.model.DataQuality.CLEAN,
                List.of(alpha.resolve("s.jsonl")));
        ProjectResults results = new ProjectResults(List.of(alpha.resolve("s.jsonl")), Map.of("s", s));

        assertThat(ProjectCodec.decode(alpha, ProjectCodec.encode(alpha, results))).contains(results);
    }

    /** An in-memory index that counts file-entry loads. */
    private static final class Counting implements TranscriptIndex {
        private final TranscriptIndex delegate = TranscriptIndex.inMemory();
        int fullLoads;
        int fileEntriesLoaded;

        @Override
        public Map<String, Entry> load(String adapterId) {
            Map<String, Entry> out = delegate.load(adapterId);
            if (adapterId.equals(TranscriptCache.ADAPTER_ID)) {
                fullLoads++;
                fileEntriesLoaded += out.size();
            }
            return out;
        }

        @Override
        public Map<String, Entry> load(String adapterId, Collection<String> paths) {
            Map<String, Entry> out = delegate.load(adapterId, new ArrayList<>(paths));
            if (adapterId.equals(TranscriptCache.ADAPTER_ID)) {
                fileEntriesLoaded += out.size();
            }
            return out;
        }

        @Override
        public void commit(String adapterId, Commit commit) {
            delegate.commit(adapterId, commit);
        }
    }
}
