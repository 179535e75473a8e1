package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.testkit.TreeHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental refreshes against a {@link TranscriptIndex} give exactly what a cold read of the same files gives. */
final class IncrementalRefreshTest {

    private static final Instant NOW = Instant.parse("2026-02-12T21:05:00Z");
    private static final String CWD = "/home/a/a";
    private static final int SCHEDULES = 30;

    @TempDir
    Path home;

    private Path project;

    @BeforeEach
    void layOut() throws IOException {
        project = Files.createDirectories(home.resolve(".claude/projects/-home-a-a"));
    }

    /** A discovery whose reads are counted by the returned reader. */
    private record Counted(ClaudeCodeSessionDiscovery discovery, TranscriptReader reader) {
    }

    private Counted discovery() {
        TranscriptReader reader = new TranscriptReader();
        return new Counted(new ClaudeCodeSessionDiscovery(new ProviderContext(home, Map.of(),
                Clock.fixed(NOW, ZoneOffset.UTC), Map.of()), reader, PriceTable.embedded()), reader);
    }

    private static SessionDiscovery.Request request(TranscriptIndex index) {
        ProcessInfo claude = new ProcessInfo(4242, 1, "claude", "/usr/bin/claude", List.of(), Optional.of(CWD),
                Optional.of(NOW.minusSeconds(36_000)));
        return new SessionDiscovery.Request(ProcessTable.of(NOW, List.of(claude)), NOW, true, Optional.empty(), index,
                IndexProgress.NONE, TokenEstimator.charsPerToken());
    }

    private List<Session> cold() {
        return discovery().discovery().discover(request(TranscriptIndex.inMemory()));
    }

    /** The files of a session and their final contents. */
    private Map<Path, byte[]> sampleFiles() throws IOException {
        Path fixtures = Fixtures.claudeProject();
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(project.resolve(Fixtures.SESSION + ".jsonl"),
                Files.readAllBytes(fixtures.resolve(Fixtures.SESSION + ".jsonl")));
        for (String agent : List.of("agent-a2898e3.jsonl", "agent-acompact-e1f845.jsonl")) {
            files.put(project.resolve(Fixtures.SESSION).resolve("subagents").resolve(agent),
                    Files.readAllBytes(fixtures.resolve(Fixtures.SESSION).resolve("subagents").resolve(agent)));
        }
        return files;
    }

    private Map<Path, byte[]> adversarialFiles() {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(project.resolve("adv.jsonl"), Adversarial.transcript(1, 600));
        files.put(project.resolve("adv/subagents/agent-x.jsonl"), Adversarial.transcript(2, 200));
        return files;
    }

    @Test
    void refresh_randomAppendSchedulesOfSample_equalsColdIndex() throws IOException {
        appendSchedules(sampleFiles(), 11);
    }

    @Test
    void refresh_randomAppendSchedulesOfAdversarialTranscript_equalsColdIndex() throws IOException {
        appendSchedules(adversarialFiles(), 12);
    }

    /**
     * For each schedule, writes every file progressively (cut points anywhere: mid-line, mid-UTF-8 sequence),
     * refreshing after each step with one index; half-way, and at random other steps, the discovery is replaced
     * by a fresh instance on the same index (a restart: state now comes from the index and its project memo), and
     * what the restarted discovery sees then equals a cold discovery. The final sessions equal a cold discovery,
     * and every byte was read once, except the unterminated tail of a step, which is read again at the next. A
     * last restart with nothing changed decodes no file state and assembles nothing.
     */
    private void appendSchedules(Map<Path, byte[]> files, long seed) throws IOException {
        Random random = new Random(seed);
        for (Path file : files.keySet()) {
            Files.createDirectories(file.getParent());
        }
        for (int schedule = 0; schedule < SCHEDULES; schedule++) {
            Map<Path, Long> written = new HashMap<>();
            for (Path file : files.keySet()) {
                Files.write(file, new byte[0]);
                written.put(file, 0L);
            }
            TranscriptIndex index = TranscriptIndex.inMemory();
            Counted incremental = discovery();
            long readBefore = incremental.reader().bytesRead();
            long expectedRead = 0;
            long extraReaders = 0;
            int steps = 2 + random.nextInt(8);
            List<Session> last = List.of();
            for (int step = 1; step <= steps; step++) {
                boolean restart = step == steps / 2 + 1 || random.nextInt(3) == 0;
                if (restart) {
                    extraReaders += incremental.reader().bytesRead() - readBefore;
                    incremental = discovery();
                    readBefore = incremental.reader().bytesRead();
                }
                for (Map.Entry<Path, byte[]> f : files.entrySet()) {
                    byte[] content = f.getValue();
                    long from = written.get(f.getKey());
                    long to = step == steps ? content.length
                            : from + (long) (random.nextDouble() * (content.length - from) * 2 / (steps - step + 1));
                    to = Math.min(content.length, to);
                    if (to > from) {
                        Files.write(f.getKey(), Arrays.copyOfRange(content, (int) from, (int) to),
                                java.nio.file.StandardOpenOption.APPEND);
                        expectedRead += to - lineStart(content, from);
                        written.put(f.getKey(), to);
                    }
                }
                last = incremental.discovery().discover(request(index));
                if (restart) {
                    assertThat(last).as("schedule %d, restart at step %d", schedule, step).isEqualTo(cold());
                }
            }
            long read = extraReaders + incremental.reader().bytesRead() - readBefore;

            assertThat(last).as("schedule %d", schedule).isEqualTo(cold());
            assertThat(read).as("bytes read, schedule %d", schedule).isEqualTo(expectedRead);
            Counted unchanged = discovery();
            assertThat(unchanged.discovery().discover(request(index))).as("schedule %d, warm", schedule)
                    .isEqualTo(last);
            assertThat(unchanged.discovery().statesDecoded()).isZero();
            assertThat(unchanged.discovery().projectsAssembled()).isZero();
            assertThat(unchanged.reader().bytesRead()).isZero();
        }
        long total = files.values().stream().mapToLong(b -> b.length).sum();
        assertThat(total).isPositive();
    }

    /** The offset just after the last newline before {@code at}: where a read that stopped at {@code at} resumes. */
    private static long lineStart(byte[] content, long at) {
        for (long i = at - 1; i >= 0; i--) {
            if (content[(int) i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    @Test
    void refresh_unchangedFiles_readsNothing_sameSessions_andTreeUntouched() throws IOException,
            NoSuchAlgorithmException {
        write(sampleFiles());
        Map<String, String> before = TreeHash.of(home);
        Map<String, String> fixturesBefore = TreeHash.of(Fixtures.claudeProject());
        TranscriptIndex index = TranscriptIndex.inMemory();
        Counted d = discovery();

        List<Session> first = d.discovery().discover(request(index));
        long afterFirst = d.reader().bytesRead();
        List<Session> second = d.discovery().discover(request(index));
        Counted restarted = discovery();
        List<Session> third = restarted.discovery().discover(request(index));

        assertThat(afterFirst).isEqualTo(sampleFiles().values().stream().mapToLong(b -> b.length).sum());
        assertThat(d.reader().bytesRead()).isEqualTo(afterFirst);
        assertThat(restarted.reader().bytesRead()).isZero();
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(TreeHash.of(home)).isEqualTo(before);
        assertThat(TreeHash.of(Fixtures.claudeProject())).isEqualTo(fixturesBefore);
    }

    @Test
    void refresh_truncatedFile_rereadFromZero_equalsCold() throws IOException {
        Map<Path, byte[]> files = adversarialFiles();
        write(files);
        TranscriptIndex index = TranscriptIndex.inMemory();
        Counted d = discovery();
        d.discovery().discover(request(index));
        Path main = project.resolve("adv.jsonl");
        byte[] content = files.get(main);
        byte[] shorter = Arrays.copyOf(content, content.length / 2);
        try (var channel = java.nio.channels.FileChannel.open(main, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(shorter.length);
        }
        long before = d.reader().bytesRead();

        List<Session> sessions = d.discovery().discover(request(index));

        assertThat(d.reader().bytesRead() - before).isEqualTo(shorter.length);
        assertThat(sessions).isEqualTo(cold());
    }

    @Test
    void refresh_fileRewrittenInPlaceAndGrown_sameInode_rereadFromZero_equalsCold() throws IOException {
        Map<Path, byte[]> files = adversarialFiles();
        write(files);
        TranscriptIndex index = TranscriptIndex.inMemory();
        Counted d = discovery();
        d.discovery().discover(request(index));
        Path main = project.resolve("adv.jsonl");
        Object inode = Files.readAttributes(main, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        byte[] other = Adversarial.transcript(99, 700);
        byte[] larger = new byte[files.get(main).length + other.length];
        System.arraycopy(other, 0, larger, 0, other.length);
        System.arraycopy(files.get(main), 0, larger, other.length, files.get(main).length);
        // written over the same file (truncated, then larger): same inode, a stale offset in the index
        Files.write(main, larger, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(Files.readAttributes(main, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .isEqualTo(inode);
        long before = d.reader().bytesRead();

        List<Session> sessions = d.discovery().discover(request(index));

        assertThat(d.reader().bytesRead() - before).as("read again from zero").isEqualTo(larger.length);
        assertThat(sessions).isEqualTo(cold());
        // and a restarted process, which has only the index, continues no stale state either
        Files.write(main, "\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        Counted restarted = discovery();
        assertThat(restarted.discovery().discover(request(index))).isEqualTo(cold());
        assertThat(restarted.reader().bytesRead()).as("a plain append is still read incrementally")
                .isLessThan(larger.length);
    }

    @Test
    void refresh_fileReplacedByAnother_rereadFromZero_equalsCold() throws IOException {
        Map<Path, byte[]> files = adversarialFiles();
        write(files);
        TranscriptIndex index = TranscriptIndex.inMemory();
        Counted d = discovery();
        d.discovery().discover(request(index));
        Path main = project.resolve("adv.jsonl");
        byte[] other = Adversarial.transcript(99, 700);
        Path tmp = home.resolve("replacement.tmp");
        Files.write(tmp, other);
        Files.move(tmp, main, StandardCopyOption.REPLACE_EXISTING);
        long before = d.reader().bytesRead();

        List<Session> sessions = d.discovery().discover(request(index));

        assertThat(d.reader().bytesRead() - before).isEqualTo(other.length);
        assertThat(sessions).isEqualTo(cold());
    }

    @Test
    void refresh_stateOfUnknownVersion_rereadFromZero() throws IOException {
        write(sampleFiles());
        TranscriptIndex index = TranscriptIndex.inMemory();
        discovery().discovery().discover(request(index));
        Path main = project.resolve(Fixtures.SESSION + ".jsonl");
        TranscriptIndex.Entry entry = index.load(TranscriptCache.ADAPTER_ID).get(main.toString());
        byte[] state = entry.state().clone();
        state[1 + state[0] + 2] = 99; // the version byte of the parser state, after the read fingerprint
        index.commit(TranscriptCache.ADAPTER_ID, new TranscriptIndex.Commit(List.of(new TranscriptIndex.Entry(
                entry.path(), entry.fileKey(), entry.size(), entry.mtime(), entry.offset(), state)), List.of(),
                Map.of()));
        // without the project memo, so that the project is assembled from its file states
        index.commit(ClaudeCodeSessionDiscovery.PROJECTS_ID, new TranscriptIndex.Commit(List.of(),
                List.of(project.toString()), Map.of()));
        Counted restarted = discovery();

        List<Session> sessions = restarted.discovery().discover(request(index));

        assertThat(restarted.reader().bytesRead()).isEqualTo(Files.size(main));
        assertThat(sessions).isEqualTo(cold());
    }

    @Test
    void refresh_sample_filesEachWinningCallOnceUnderItsSession_matchingHandCheckedTotals() throws IOException {
        write(sampleFiles());
        Recording index = new Recording();

        discovery().discovery().discover(request(index));

        assertThat(index.commits).hasSize(1);
        assertThat(index.commits.get(0).upserts()).hasSize(3);
        assertThat(index.ledgers).hasSize(1);
        Path main = project.resolve(Fixtures.SESSION + ".jsonl");
        Map<String, List<TranscriptIndex.UsageRow>> usage = index.ledgers.get(0).usage();
        // the sub-agent files keep no rows of their own: every call is filed under its owner's main file
        assertThat(usage.entrySet()).allSatisfy(e -> assertThat(e.getValue().isEmpty())
                .isEqualTo(!e.getKey().equals(main.toString())));
        List<TranscriptIndex.UsageRow> rows = usage.get(main.toString());
        assertThat(rows).hasSize(152).allSatisfy(r -> assertThat(r.sessionId()).isEqualTo(Fixtures.SESSION));
        assertThat(rows.stream().map(TranscriptIndex.UsageRow::callKey).distinct().count()).isEqualTo(152);
        assertThat(rows.stream().mapToLong(TranscriptIndex.UsageRow::input).sum()).isEqualTo(233);
        assertThat(rows.stream().mapToLong(TranscriptIndex.UsageRow::output).sum()).isEqualTo(28_899);
        assertThat(rows.stream().mapToLong(TranscriptIndex.UsageRow::cacheWrite).sum()).isEqualTo(559_475);
        assertThat(rows.stream().mapToLong(TranscriptIndex.UsageRow::cacheRead).sum()).isEqualTo(12_387_553);
        assertThat(rows.stream().mapToDouble(TranscriptIndex.UsageRow::costUsd).sum())
                .isCloseTo(10.11, org.assertj.core.api.Assertions.within(0.005));

        discovery().discovery().discover(request(index));
        assertThat(index.commits).as("nothing changed: no second commit").hasSize(1);
        assertThat(index.ledgers).as("nothing changed: the calls are not filed again").hasSize(1);
    }

    @Test
    void refresh_deletedFile_removedFromIndex() throws IOException {
        write(adversarialFiles());
        Recording index = new Recording();
        Counted d = discovery();
        d.discovery().discover(request(index));
        Path agent = project.resolve("adv/subagents/agent-x.jsonl");
        Files.delete(agent);

        d.discovery().discover(request(index));

        assertThat(index.commits).hasSize(2);
        assertThat(index.commits.get(1).removed()).containsExactly(agent.toString());
        assertThat(index.load(TranscriptCache.ADAPTER_ID)).doesNotContainKey(agent.toString());
    }

    @Test
    void refresh_firstIndex_reportsProgressUpToAllFilesAndBytes() throws IOException {
        Map<Path, byte[]> files = sampleFiles();
        write(files);
        List<long[]> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        SessionDiscovery.Request r = request(TranscriptIndex.inMemory());
        SessionDiscovery.Request withProgress = new SessionDiscovery.Request(r.processes(), r.now(), true,
                Optional.empty(), r.index(), (f, tf, b, tb) -> calls.add(new long[] {f, tf, b, tb}), r.estimator());

        discovery().discovery().discover(withProgress);

        long total = files.values().stream().mapToLong(b -> b.length).sum();
        assertThat(calls).isNotEmpty();
        assertThat(calls.stream().mapToLong(c -> c[0]).max().orElseThrow()).isEqualTo(3);
        assertThat(calls.stream().mapToLong(c -> c[2]).max().orElseThrow()).isEqualTo(total);
        assertThat(calls).allSatisfy(c -> assertThat(c[3]).isEqualTo(total));
    }

    private static void write(Map<Path, byte[]> files) throws IOException {
        for (Map.Entry<Path, byte[]> f : files.entrySet()) {
            Files.createDirectories(f.getKey().getParent());
            Files.write(f.getKey(), f.getValue());
        }
    }

    /**
     * An in-memory index that also keeps every commit of per-file entries and, apart, every commit of usage rows
     * (not those of the project memo).
     */
    private static final class Recording implements TranscriptIndex {
        private final TranscriptIndex delegate = TranscriptIndex.inMemory();
        final List<Commit> commits = new ArrayList<>();
        final List<Commit> ledgers = new ArrayList<>();

        @Override
        public Map<String, Entry> load(String adapterId) {
            return delegate.load(adapterId);
        }

        @Override
        public Map<String, Entry> load(String adapterId, java.util.Collection<String> paths) {
            return delegate.load(adapterId, paths);
        }

        @Override
        public void commit(String adapterId, Commit commit) {
            if (adapterId.equals(TranscriptCache.ADAPTER_ID) && !commit.isEmpty()) {
                commits.add(commit);
            }
            if (adapterId.equals(TranscriptCache.ADAPTER_ID) && !commit.usage().isEmpty()) {
                ledgers.add(commit);
            }
            delegate.commit(adapterId, commit);
        }
    }
}
