package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.FileChanges;
import dev.llmsession.testkit.RecordingIndex;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refreshes told what changed by a file watcher ({@link FileChanges#known()}) give exactly what refreshes that walk
 * every file give, while looking only at what changed; a running session's files are looked at whatever the watcher
 * said; a change told to a refresh that stops early is not lost.
 */
final class WatchedRefreshTest {

    private static final Instant NOW = Instant.parse("2026-02-12T21:05:00Z");
    private static final String LIVE_CWD = "/home/a/live";
    private static final String LIVE_ID = "11111111-1111-4111-8111-111111111111";
    private static final long LIVE_PID = 4343;

    @TempDir
    Path home;

    private Path projects;

    @BeforeEach
    void layOut() throws IOException {
        projects = Files.createDirectories(home.resolve(".claude/projects")).toRealPath();
        Files.createDirectories(home.resolve(".claude/sessions"));
    }

    private ClaudeCodeSessionDiscovery discovery() {
        return new ClaudeCodeSessionDiscovery(new ProviderContext(home, Map.of(), Clock.fixed(NOW, ZoneOffset.UTC),
                Map.of()), new TranscriptReader(), PriceTable.embedded());
    }

    private static SessionDiscovery.Request request(TranscriptIndex index, boolean includeEnded, FileChanges changes) {
        ProcessInfo claude = new ProcessInfo(LIVE_PID, 1, "claude", "/usr/bin/claude", List.of(),
                Optional.of(LIVE_CWD), Optional.of(NOW.minusSeconds(600)));
        return new SessionDiscovery.Request(ProcessTable.of(NOW, List.of(claude)), NOW, includeEnded,
                Optional.empty(), index, IndexProgress.NONE, TokenEstimator.charsPerToken(), changes);
    }

    private void registerLive() throws IOException {
        Files.writeString(home.resolve(".claude/sessions/" + LIVE_PID + ".json"), "{\"pid\":" + LIVE_PID
                + ",\"sessionId\":\"" + LIVE_ID + "\",\"cwd\":\"" + LIVE_CWD + "\",\"startedAt\":"
                + NOW.minusSeconds(600).toEpochMilli() + ",\"status\":\"busy\"}");
    }

    /** Three projects, each with the sample session and its sub-agents, one also with an adversarial transcript. */
    private Map<Path, byte[]> corpus() throws IOException {
        Path fixtures = Fixtures.claudeProject();
        byte[] main = Files.readAllBytes(fixtures.resolve(Fixtures.SESSION + ".jsonl"));
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (String project : List.of("-home-a-one", "-home-a-two", "-home-a-live")) {
            Path dir = projects.resolve(project);
            String id = project.equals("-home-a-live") ? LIVE_ID : Fixtures.SESSION;
            files.put(dir.resolve(id + ".jsonl"), main);
            for (String agent : List.of("agent-a2898e3.jsonl", "agent-acompact-e1f845.jsonl")) {
                files.put(dir.resolve(id).resolve("subagents").resolve(agent),
                        Files.readAllBytes(fixtures.resolve(Fixtures.SESSION).resolve("subagents").resolve(agent)));
            }
        }
        files.put(projects.resolve("-home-a-one/adv.jsonl"), Adversarial.transcript(1, 400));
        return files;
    }

    @Test
    void watchRoots_areTheExistingProjectsAndRegistryFolders() throws IOException {
        assertThat(discovery().watchRoots()).containsExactly(projects, projects.resolveSibling("sessions"));
    }

    @Test
    void holdsCalls_transcriptsAndFoldersDo_theRegistryAndOtherFilesDoNot() throws IOException {
        ClaudeCodeSessionDiscovery d = discovery();
        Path registry = Files.writeString(projects.resolveSibling("sessions").resolve("4343.json"), "{}");
        Path notes = Files.writeString(Files.createDirectories(projects.resolve("-home-a")).resolve("notes.txt"), "");
        assertThat(d.holdsCalls(registry)).isFalse();
        assertThat(d.holdsCalls(notes)).isFalse();
        assertThat(d.holdsCalls(projects.resolve("-home-a/" + LIVE_ID + ".jsonl"))).isTrue();
        assertThat(d.holdsCalls(projects.resolve("-home-a"))).as("a folder").isTrue();
        assertThat(d.holdsCalls(projects.resolve("-home-a/gone"))).as("gone: maybe a folder").isTrue();
    }

    /**
     * Random append schedules (cut points anywhere), files and whole projects created and deleted between steps: a
     * discovery told the changed paths lists exactly what one walking everything lists, after every step.
     */
    @Test
    void refresh_toldChanges_equalsWalkingEverything_afterRandomAppends() throws IOException {
        registerLive();
        Map<Path, byte[]> files = corpus();
        Random random = new Random(14);
        for (int schedule = 0; schedule < 8; schedule++) {
            deleteTree(projects);
            Files.createDirectories(projects);
            Map<Path, Long> written = new LinkedHashMap<>();
            files.keySet().forEach(f -> written.put(f, 0L));
            ClaudeCodeSessionDiscovery watched = discovery();
            ClaudeCodeSessionDiscovery walking = discovery();
            RecordingIndex watchedIndex = new RecordingIndex();
            RecordingIndex walkingIndex = new RecordingIndex();
            // the first refresh of a watcher is always unknown
            watched.discover(request(watchedIndex, true, FileChanges.unknown()));
            int steps = 3 + random.nextInt(8);
            for (int step = 1; step <= steps; step++) {
                Set<Path> changed = new HashSet<>();
                for (Map.Entry<Path, byte[]> f : files.entrySet()) {
                    if (random.nextInt(3) == 0 && step < steps) {
                        continue; // this file is left alone this step
                    }
                    long from = written.get(f.getKey());
                    int length = f.getValue().length;
                    long to = step == steps ? length : Math.min(length, from + random.nextInt(length / 3 + 1));
                    if (to > from || !Files.exists(f.getKey())) {
                        created(f.getKey(), changed);
                        Files.write(f.getKey(), Arrays.copyOfRange(f.getValue(), (int) from, (int) to),
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        changed.add(f.getKey());
                        written.put(f.getKey(), to);
                    }
                }
                if (random.nextInt(4) == 0) {
                    // a short-lived session file, gone again at a later step
                    Path extra = projects.resolve("-home-a-tmp/" + step + ".jsonl");
                    created(extra, changed);
                    Files.write(extra, Arrays.copyOf(files.values().iterator().next(), 4000));
                    changed.add(extra);
                } else if (Files.isDirectory(projects.resolve("-home-a-tmp"))) {
                    deleteTree(projects.resolve("-home-a-tmp"));
                    changed.add(projects.resolve("-home-a-tmp"));
                }
                boolean runningOnly = random.nextInt(4) == 0;
                List<Session> told = watched.discover(request(watchedIndex, !runningOnly,
                        FileChanges.of(List.copyOf(changed))));
                List<Session> walked = walking.discover(request(walkingIndex, !runningOnly, FileChanges.unknown()));
                assertThat(told).as("schedule %d step %d (running only: %s)", schedule, step, runningOnly)
                        .isEqualTo(walked);
                // a watched refresh files only the sessions whose calls changed: the ledger is the same
                assertThat(watchedIndex.rows()).as("ledger, schedule %d step %d", schedule, step)
                        .containsExactlyInAnyOrderElementsOf(walkingIndex.rows());
            }
            assertThat(watched.discover(request(watchedIndex, true, FileChanges.none())))
                    .isEqualTo(discovery().discover(request(TranscriptIndex.inMemory(), true,
                            FileChanges.unknown())));
        }
    }

    /** Adds to {@code changed} the highest folder on the way to {@code file} that does not exist yet, and creates it. */
    private void created(Path file, Set<Path> changed) throws IOException {
        Path missing = null;
        for (Path p = file.getParent(); !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        if (missing != null) {
            changed.add(missing);
            Files.createDirectories(file.getParent());
        }
    }

    @Test
    void refresh_toldNothing_looksAtNoEndedFile_butAlwaysAtTheLiveOnes() throws IOException {
        Map<Path, byte[]> files = halfWritten();
        ClaudeCodeSessionDiscovery watched = discovery();
        TranscriptIndex index = TranscriptIndex.inMemory();
        List<Session> first = watched.discover(request(index, true, FileChanges.unknown()));
        for (Map.Entry<Path, byte[]> f : files.entrySet()) {
            Files.write(f.getKey(), f.getValue());
        }

        // the watcher has not delivered the events yet
        long looksBefore = watched.inventoryLooks();
        List<Session> lagging = watched.discover(request(index, true, FileChanges.none()));
        long looked = watched.inventoryLooks() - looksBefore;
        ClaudeCodeSessionDiscovery walking = discovery();
        walking.discover(request(TranscriptIndex.inMemory(), true, FileChanges.unknown()));
        // the live main transcript, its session folder and its sub-agent folder; a walk looks at every folder and file
        assertThat(looked).isEqualTo(3).isLessThan(walking.inventoryLooks());

        Session liveNow = find(lagging, LIVE_ID);
        assertThat(liveNow.tokens()).isNotEqualTo(find(first, LIVE_ID).tokens());
        List<Session> truth = discovery().discover(request(TranscriptIndex.inMemory(), true, FileChanges.unknown()));
        assertThat(liveNow).isEqualTo(find(truth, LIVE_ID));
        // an ended session nobody told about keeps its figures: proof that nothing was walked
        Session ended = lagging.stream().filter(s -> !s.id().nativeId().equals(LIVE_ID)).findFirst().orElseThrow();
        assertThat(ended).isEqualTo(find(first, ended.id().nativeId(), ended.sources().get(0)));

        List<Session> told = watched.discover(request(index, true, FileChanges.of(List.copyOf(files.keySet()))));
        assertThat(told).isEqualTo(truth);
    }

    @Test
    void refresh_runningOnly_stillAccountsForTheChangesItWasTold() throws IOException {
        Map<Path, byte[]> files = halfWritten();
        ClaudeCodeSessionDiscovery watched = discovery();
        TranscriptIndex index = TranscriptIndex.inMemory();
        watched.discover(request(index, true, FileChanges.unknown()));
        Path ended = projects.resolve("-home-a-one/" + Fixtures.SESSION + ".jsonl");
        Files.write(ended, files.get(ended));

        // a running-only refresh is told of the ended file's change; the next full one is told nothing
        watched.discover(request(index, false, FileChanges.of(List.of(ended))));
        List<Session> after = watched.discover(request(index, true, FileChanges.none()));

        Session truth = find(discovery().discover(request(TranscriptIndex.inMemory(), true, FileChanges.unknown())),
                Fixtures.SESSION, ended);
        assertThat(find(after, Fixtures.SESSION, ended)).isEqualTo(truth);
    }

    /** The corpus with the live session registered, each file written up to the line end nearest its middle. */
    private Map<Path, byte[]> halfWritten() throws IOException {
        registerLive();
        Map<Path, byte[]> files = corpus();
        for (Map.Entry<Path, byte[]> f : files.entrySet()) {
            Files.createDirectories(f.getKey().getParent());
            Files.write(f.getKey(), Arrays.copyOf(f.getValue(), half(f.getValue())));
        }
        return files;
    }

    private static int half(byte[] content) {
        int at = content.length / 2;
        while (at < content.length && content[at - 1] != '\n') {
            at++;
        }
        return at;
    }

    private static Session find(List<Session> sessions, String nativeId) {
        return sessions.stream().filter(s -> s.id().nativeId().equals(nativeId)).findFirst().orElseThrow();
    }

    private static Session find(List<Session> sessions, String nativeId, Path main) {
        return sessions.stream().filter(s -> s.id().nativeId().equals(nativeId) && s.sources().get(0).equals(main))
                .findFirst().orElseThrow();
    }

    private static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        try (var walk = Files.walk(top)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }
}
