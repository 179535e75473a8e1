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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running-only refresh of a process that remembers nothing (the CLI without an engine) decodes the states of the
 * live sessions' files only and weighs the rest of their projects by the stored claims ({@link ProjectClaims}); its
 * sessions must be exactly those a full refresh gives. Projects where sessions share calls (resumed sessions copy
 * their predecessor's lines; the generated transcripts reuse message ids across files), with sub-agent folders, flat
 * sub-agent files, the real sample, random live sessions and random appends to live and ended files.
 */
final class RunningOnlyClaimsTest {

    private static final Instant NOW = Instant.parse("2026-02-13T09:00:00Z");
    private static final String[] CWDS = {"/home/a/api", "/home/a/web"};

    @TempDir
    Path tmp;

    /** The home of the layout under test. */
    private Path home;
    private final List<Path> mains = new ArrayList<>();

    private ClaudeCodeSessionDiscovery discovery() {
        return new ClaudeCodeSessionDiscovery(new ProviderContext(home, Map.of(), Clock.fixed(NOW, ZoneOffset.UTC),
                Map.of()), new TranscriptReader(), PriceTable.embedded());
    }

    private static SessionDiscovery.Request request(boolean includeEnded, TranscriptIndex index,
            List<ProcessInfo> processes) {
        return new SessionDiscovery.Request(ProcessTable.of(NOW, processes), NOW, includeEnded, Optional.empty(),
                index, IndexProgress.NONE, TokenEstimator.charsPerToken());
    }

    @Test
    void runningOnly_fromStoredClaims_equalsTheFullRefresh_decodingOnlyTheLiveSessionsFiles() throws IOException {
        for (long seed = 1; seed <= 6; seed++) {
            Random random = new Random(seed);
            home = tmp.resolve("seed-" + seed);
            Path claude = home.resolve(".claude");
            layOut(claude, random);
            TranscriptIndex store = TranscriptIndex.inMemory();
            List<ProcessInfo> processes = liveSessions(claude, random);
            discovery().discover(request(true, store, processes));

            for (int step = 0; step < 3; step++) {
                List<Session> full = discovery().discover(request(true, TranscriptIndex.inMemory(), processes));
                List<Session> shown = full.stream().filter(s -> s.pid().isPresent()).toList();
                ClaudeCodeSessionDiscovery running = discovery();

                List<Session> live = running.discover(request(false, store, processes));

                assertThat(live).as("seed %d step %d", seed, step).isNotEmpty().isEqualTo(shown);
                if (step == 0) {
                    // nothing changed since the full refresh stored the claims: only the live sessions' files
                    assertThat(running.statesDecoded()).as("seed %d", seed).isEqualTo(filesOf(live));
                }
                grow(random, processes);
            }
        }
    }

    @Test
    void runningOnly_withoutStoredClaims_readsEverything_thenStoresThem() throws IOException {
        home = tmp;
        Path claude = home.resolve(".claude");
        Random random = new Random(42);
        layOut(claude, random);
        List<ProcessInfo> processes = liveSessions(claude, random);
        TranscriptIndex store = TranscriptIndex.inMemory();
        discovery().discover(request(true, store, processes));
        List<Session> expected = discovery().discover(request(false, store, processes));
        store.commit(ClaudeCodeSessionDiscovery.CLAIMS_ID, new TranscriptIndex.Commit(List.of(),
                List.copyOf(store.load(ClaudeCodeSessionDiscovery.CLAIMS_ID).keySet()), Map.of()));

        ClaudeCodeSessionDiscovery first = discovery();
        assertThat(first.discover(request(false, store, processes))).isEqualTo(expected);
        ClaudeCodeSessionDiscovery second = discovery();
        assertThat(second.discover(request(false, store, processes))).isEqualTo(expected);

        assertThat(first.statesDecoded()).isGreaterThan(second.statesDecoded());
        assertThat(second.statesDecoded()).isEqualTo(filesOf(expected));
    }

    @Test
    void claims_roundTrip_andRejectOtherBytes() {
        Path dir = tmp.resolve("p");
        FileStat stat = new FileStat(10, Instant.parse("2026-01-01T00:00:00.123456789Z"), "(dev=1,ino=2)");
        ProjectClaims claims = new ProjectClaims(Map.of(
                "a.jsonl", new ProjectClaims.FileClaim(stat, false, "a\uD800 ✓", NOW, NOW, new long[] {1, 2, 3, -4}),
                "a/subagents/agent-x.jsonl", new ProjectClaims.FileClaim(stat, true, null, null, null, new long[0])));
        byte[] bytes = ProjectClaims.encode(claims);

        ProjectClaims back = ProjectClaims.decode(bytes).orElseThrow();

        ClaimsAssert.assertSameClaims(back, claims);
        assertThat(back.of(dir, dir.resolve("a/subagents/agent-x.jsonl"))).isNotNull();
        assertThat(back.of(dir, tmp.resolve("q/a.jsonl"))).isNull();
        assertThat(ProjectClaims.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1))).isEmpty();
        assertThat(ProjectClaims.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})).isEmpty();
    }

    /** Two projects of sessions that share calls, with sub-agent folders, flat sub-agent files and the real sample. */
    private void layOut(Path claude, Random random) throws IOException {
        mains.clear();
        Files.createDirectories(claude.resolve("sessions"));
        for (int p = 0; p < CWDS.length; p++) {
            Path project = Files.createDirectories(claude.resolve("projects").resolve(CWDS[p].replace('/', '-')));
            int sessions = 4 + random.nextInt(4);
            for (int i = 0; i < sessions; i++) {
                String id = "s" + p + "-" + i;
                Path main = project.resolve(id + ".jsonl");
                // the generated transcripts number their messages from 1: every session shares calls with others
                byte[] own = transcript(random.nextLong(), 40 + random.nextInt(120), id, CWDS[p]);
                if (i > 0 && random.nextInt(3) == 0) {
                    // resumed: starts with a copy of an earlier session's lines
                    byte[] earlier = Files.readAllBytes(mains.get(mains.size() - 1));
                    own = concat(earlier, own);
                }
                Files.write(main, own);
                mains.add(main);
                if (random.nextInt(3) == 0) {
                    Path subagents = Files.createDirectories(project.resolve(id).resolve("subagents"));
                    Files.write(subagents.resolve("agent-a" + i + ".jsonl"),
                            transcript(random.nextLong(), 20 + random.nextInt(60), id, CWDS[p]));
                }
                if (random.nextInt(4) == 0) {
                    Files.write(project.resolve("agent-flat" + i + ".jsonl"),
                            transcript(random.nextLong(), 10 + random.nextInt(40), id, CWDS[p]));
                }
                Files.setLastModifiedTime(main, FileTime.from(NOW.minusSeconds(60 + random.nextInt(86_400))));
            }
            if (p == 0) {
                Path sample = Fixtures.claudeProject();
                Files.copy(sample.resolve(Fixtures.SESSION + ".jsonl"), project.resolve(Fixtures.SESSION + ".jsonl"));
                Path subagents = Files.createDirectories(project.resolve(Fixtures.SESSION).resolve("subagents"));
                try (Stream<Path> files = Files.list(sample.resolve(Fixtures.SESSION).resolve("subagents"))) {
                    for (Path f : files.toList()) {
                        Files.copy(f, subagents.resolve(f.getFileName()));
                    }
                }
                mains.add(project.resolve(Fixtures.SESSION + ".jsonl"));
                Files.copy(sample.resolve("short.jsonl"), project.resolve("short.jsonl"));
                mains.add(project.resolve("short.jsonl"));
            }
        }
    }

    /** Registers a claude process for a random half of the sessions (the real sample always among them). */
    private List<ProcessInfo> liveSessions(Path claude, Random random) throws IOException {
        List<ProcessInfo> processes = new ArrayList<>();
        long pid = 1000;
        for (Path main : mains) {
            String id = main.getFileName().toString().replace(".jsonl", "");
            if (!id.equals(Fixtures.SESSION) && random.nextBoolean()) {
                continue;
            }
            String cwd = main.getParent().getFileName().toString().replace('-', '/');
            pid++;
            Instant started = NOW.minusSeconds(3600);
            Files.writeString(claude.resolve("sessions/" + pid + ".json"), "{\"pid\":" + pid + ",\"sessionId\":\""
                    + id + "\",\"cwd\":\"" + cwd + "\",\"startedAt\":" + started.toEpochMilli()
                    + ",\"status\":\"busy\",\"updatedAt\":" + NOW.toEpochMilli() + "}");
            processes.add(new ProcessInfo(pid, 1, "claude", "/usr/bin/claude", List.of(), Optional.of(cwd),
                    Optional.of(started)));
        }
        return processes;
    }

    /** Appends to a few live and ended transcripts, sub-agent files included, and adds a flat sub-agent file. */
    private void grow(Random random, List<ProcessInfo> processes) throws IOException {
        for (Path main : mains) {
            if (random.nextInt(3) != 0) {
                continue;
            }
            String id = main.getFileName().toString().replace(".jsonl", "");
            String cwd = main.getParent().getFileName().toString().replace('-', '/');
            Files.write(main, transcript(random.nextLong(), 5 + random.nextInt(20), id, cwd),
                    StandardOpenOption.APPEND);
            Path subagents = main.resolveSibling(id).resolve("subagents");
            if (Files.isDirectory(subagents) && random.nextBoolean()) {
                Files.write(subagents.resolve("agent-new" + random.nextInt(1000) + ".jsonl"),
                        transcript(random.nextLong(), 10, id, cwd));
            }
            if (random.nextInt(4) == 0) {
                Files.write(main.resolveSibling("agent-late" + random.nextInt(1000) + ".jsonl"),
                        transcript(random.nextLong(), 10, id, cwd));
            }
        }
    }

    /** The files of the given sessions: each session's sources. */
    private static long filesOf(List<Session> sessions) {
        return sessions.stream().mapToLong(s -> s.sources().size()).sum();
    }

    private static byte[] transcript(long seed, int lines, String sessionId, String cwd) {
        String text = new String(Adversarial.transcript(seed, lines), StandardCharsets.ISO_8859_1);
        return text.replace("\"sessionId\":\"adv\"", "\"sessionId\":\"" + sessionId + "\"")
                .replace("\"cwd\":\"/home/a/a\"", "\"cwd\":\"" + cwd + "\"").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
