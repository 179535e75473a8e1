package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.testkit.RecordingIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full listing files each project (assembly, usage rows) while the other projects' files are still read: the
 * same sessions, usage rows, project memo and claims as filing everything after the last read; a failed or
 * interrupted filing leaves nothing that counts a call twice or not at all.
 */
final class FilingWhileReadingTest {

    private static final Instant NOW = Instant.parse("2026-02-12T21:05:00Z");

    @TempDir
    Path home;

    @BeforeEach
    void layOut() throws IOException {
        Random random = new Random(14);
        Path projects = home.resolve(".claude/projects");
        for (int p = 0; p < 9; p++) {
            Path dir = Files.createDirectories(projects.resolve("-home-a-p" + p));
            for (int s = 0; s <= p % 4; s++) {
                String id = "p" + p + "s" + s;
                Files.write(dir.resolve(id + ".jsonl"), Adversarial.transcript(random.nextLong(), 20 + random.nextInt(300)));
                if (s == 0) {
                    Files.createDirectories(dir.resolve(id + "/subagents"));
                    Files.write(dir.resolve(id + "/subagents/agent-" + p + ".jsonl"),
                            Adversarial.transcript(random.nextLong(), 10 + random.nextInt(100)));
                }
            }
            if (p % 3 == 0) {
                Files.write(dir.resolve("agent-flat" + p + ".jsonl"), Adversarial.transcript(random.nextLong(), 40));
            }
        }
    }

    /** A discovery committing usage rows while it reads once {@code ledgerBatch} are pending (0: after reading). */
    private ClaudeCodeSessionDiscovery discovery(int ledgerBatch) {
        return new ClaudeCodeSessionDiscovery(new ProviderContext(home, Map.of(), Clock.fixed(NOW, ZoneOffset.UTC),
                Map.of()), new TranscriptReader(), PriceTable.embedded(), ledgerBatch);
    }

    private static SessionDiscovery.Request request(TranscriptIndex index) {
        return new SessionDiscovery.Request(ProcessTable.of(NOW, List.of()), NOW, true, Optional.empty(), index,
                IndexProgress.NONE, TokenEstimator.charsPerToken());
    }

    @Test
    void filingWhileReading_equalsFilingAfterReading() {
        RecordingIndex after = new RecordingIndex();

        List<Session> sequential = discovery(0).discover(request(after));

        assertThat(sequential).hasSize(21);
        for (int batch : new int[] {1, 500, ClaudeCodeSessionDiscovery.LEDGER_BATCH}) {
            RecordingIndex during = new RecordingIndex();
            assertThat(discovery(batch).discover(request(during))).isEqualTo(sequential);
            assertThat(during.rows()).isNotEmpty().containsExactlyInAnyOrderElementsOf(after.rows());
            for (String namespace : List.of(TranscriptCache.ADAPTER_ID, ClaudeCodeSessionDiscovery.PROJECTS_ID,
                    ClaudeCodeSessionDiscovery.CLAIMS_ID)) {
                assertThat(entries(during, namespace)).as(namespace).isEqualTo(entries(after, namespace));
            }
        }
    }

    @Test
    void aFailedLedgerCommit_storesNoProjectMemo_andTheNextRunFilesEverything() {
        RecordingIndex expected = new RecordingIndex();
        List<Session> truth = discovery(0).discover(request(expected));
        RecordingIndex stored = new RecordingIndex();
        Failing index = new Failing(stored, commit -> !commit.usage().isEmpty(), 1, new IllegalStateException("disk full"));

        List<Session> first = discovery(1).discover(request(index));

        assertThat(first).isEqualTo(truth);
        assertThat(index.failed).isEqualTo(1);
        assertThat(stored.rows()).as("the other batches were filed").isNotEmpty();
        assertThat(stored.load(ClaudeCodeSessionDiscovery.PROJECTS_ID)).isEmpty();
        ClaudeCodeSessionDiscovery restarted = discovery(1);
        assertThat(restarted.discover(request(stored))).isEqualTo(truth);
        assertThat(restarted.projectsAssembled()).isEqualTo(9);
        assertThat(stored.rows()).containsExactlyInAnyOrderElementsOf(expected.rows());
    }

    @Test
    void aRunStoppedAfterSomeProjectsWereFiled_isCountedExactlyByTheNextRun() {
        RecordingIndex expected = new RecordingIndex();
        List<Session> truth = discovery(0).discover(request(expected));
        for (int filedBefore = 0; filedBefore < 6; filedBefore++) {
            RecordingIndex stored = new RecordingIndex();
            // what a killed process leaves: the commits before the kill, nothing after
            Failing index = new Failing(stored, commit -> true, filedBefore + 1, new Killed());

            assertThatThrownBy(() -> discovery(1).discover(request(index))).isInstanceOf(Killed.class);

            assertThat(discovery(1).discover(request(stored))).isEqualTo(truth);
            assertThat(stored.rows()).containsExactlyInAnyOrderElementsOf(expected.rows());
        }
    }

    private static Map<String, String> entries(TranscriptIndex index, String namespace) {
        Map<String, String> out = new java.util.TreeMap<>();
        index.load(namespace).forEach((path, e) -> out.put(path, e.fileKey() + " " + e.size() + " " + e.mtime()
                + " " + e.offset() + " " + java.util.Arrays.hashCode(e.state())));
        return out;
    }

    /** A process killed mid-run: nothing of it runs on, nothing catches it. */
    private static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    /** Passes commits to {@code delegate}, except that the {@code nth} commit that {@code matches} throws. */
    private static final class Failing implements TranscriptIndex {
        private final TranscriptIndex delegate;
        private final Predicate<Commit> matches;
        private final Throwable failure;
        private int left;
        private boolean dead;
        int failed;

        Failing(TranscriptIndex delegate, Predicate<Commit> matches, int nth, Throwable failure) {
            this.delegate = delegate;
            this.matches = matches;
            this.left = nth;
            this.failure = failure;
        }

        @Override
        public Map<String, Entry> load(String adapterId) {
            return delegate.load(adapterId);
        }

        @Override
        public synchronized void commit(String adapterId, Commit commit) {
            if (dead) {
                throw new AssertionError("a commit after the process was killed");
            }
            if (matches.test(commit) && --left == 0) {
                failed++;
                if (failure instanceof Error e) {
                    dead = true;
                    throw e;
                }
                throw (RuntimeException) failure;
            }
            delegate.commit(adapterId, commit);
        }
    }
}
