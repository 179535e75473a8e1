package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.FileChanges;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched running-only refresh (what a resident monitor repeats) takes a project nothing changed in since its
 * last one as it was, and assembles again exactly the projects where something did: a change it was told of, or a
 * live session's transcript or sub-agent folder found different when looked at again (the watcher may lag). Its
 * sessions always equal a refresh that walks and reads everything.
 */
final class KeptProjectsTest {

    private static final Instant NOW = Instant.parse("2026-02-12T21:05:00Z");
    private static final String ONE = "11111111-1111-4111-8111-111111111111";
    private static final String TWO = "22222222-2222-4222-8222-222222222222";

    @TempDir
    Path home;

    private Path projects;
    private byte[] sample;
    private Path oneMain;
    private Path twoMain;
    /** The ended session in project one: it holds the same calls as the live one there (rule 5 weighs them). */
    private Path oneEnded;

    @BeforeEach
    void layOut() throws IOException {
        projects = Files.createDirectories(home.resolve(".claude/projects")).toRealPath();
        Files.createDirectories(home.resolve(".claude/sessions"));
        sample = Files.readAllBytes(Fixtures.claudeProject().resolve(Fixtures.SESSION + ".jsonl"));
        oneMain = projects.resolve("-home-a-one/" + ONE + ".jsonl");
        twoMain = projects.resolve("-home-a-two/" + TWO + ".jsonl");
        oneEnded = projects.resolve("-home-a-one/" + Fixtures.SESSION + ".jsonl");
        for (Path f : List.of(oneMain, twoMain, oneEnded, projects.resolve("-home-a-two/" + Fixtures.SESSION
                + ".jsonl"))) {
            Files.createDirectories(f.getParent());
            Files.write(f, Arrays.copyOf(sample, lineEndNear(sample.length / 3)));
        }
        register(4343, ONE, "/home/a/one");
        register(4344, TWO, "/home/a/two");
    }

    @Test
    void unchangedProjects_areTakenAsTheyWere_andOnlyTheChangedOneIsAssembled() throws IOException {
        ClaudeCodeSessionDiscovery watched = discovery();
        TranscriptIndex index = TranscriptIndex.inMemory();
        // a watcher's first refresh is told nothing it can vouch for; the first it can is assembled and kept
        watched.discover(request(index, FileChanges.unknown()));
        List<Session> first = watched.discover(request(index, FileChanges.none()));
        assertThat(first).hasSize(2);
        long assembled = watched.projectsAssembled();

        // nothing changed: no project is assembled again, and the sessions are the same
        assertThat(watched.discover(request(index, FileChanges.none()))).isEqualTo(first);
        assertThat(watched.projectsAssembled()).isEqualTo(assembled);

        // one appended line in project one, told: that project alone is assembled again
        append(oneMain, lineEndNear(sample.length / 2));
        List<Session> afterAppend = watched.discover(request(index, FileChanges.of(List.of(oneMain))));
        assertThat(watched.projectsAssembled()).isEqualTo(assembled + 1);
        assertThat(afterAppend).isEqualTo(truth()).isNotEqualTo(first);
    }

    @Test
    void aLiveTranscriptOrSubagentFolderChangedUntold_isSeenAnyway() throws IOException {
        ClaudeCodeSessionDiscovery watched = discovery();
        TranscriptIndex index = TranscriptIndex.inMemory();
        watched.discover(request(index, FileChanges.unknown()));
        watched.discover(request(index, FileChanges.none()));

        // the watcher has not delivered the append yet: the live transcript is looked at whatever it said
        long assembled = watched.projectsAssembled();
        append(twoMain, lineEndNear(sample.length / 2));
        assertThat(watched.discover(request(index, FileChanges.none()))).isEqualTo(truth());
        assertThat(watched.projectsAssembled()).isEqualTo(assembled + 1);

        // a sub-agent file appears in the live session's folder, untold
        assembled = watched.projectsAssembled();
        String agent = "agent-a2898e3.jsonl";
        Path sub = oneMain.resolveSibling(ONE).resolve("subagents").resolve(agent);
        Files.createDirectories(sub.getParent());
        byte[] agentLines = Files.readAllBytes(Fixtures.claudeProject().resolve(Fixtures.SESSION).resolve("subagents")
                .resolve(agent));
        int half = agentLines.length / 2;
        while (agentLines[half - 1] != '\n') {
            half++;
        }
        Files.write(sub, Arrays.copyOf(agentLines, half));
        List<Session> withAgent = watched.discover(request(index, FileChanges.none()));
        assertThat(withAgent).isEqualTo(truth());
        assertThat(watched.projectsAssembled()).isEqualTo(assembled + 1);
        assertThat(find(withAgent, ONE).sources()).contains(sub);

        // the sub-agent file grows, untold
        Files.write(sub, Arrays.copyOfRange(agentLines, half, agentLines.length), StandardOpenOption.APPEND);
        withAgent = watched.discover(request(index, FileChanges.none()));
        assertThat(withAgent).isEqualTo(truth());
        assertThat(watched.projectsAssembled()).isEqualTo(assembled + 2);

        // and the same again: nothing moved, nothing assembled
        assertThat(watched.discover(request(index, FileChanges.none()))).isEqualTo(withAgent);
        assertThat(watched.projectsAssembled()).isEqualTo(assembled + 2);
    }

    @Test
    void aToldChangeToAnotherSessionOfALiveProject_reassemblesIt() throws IOException {
        ClaudeCodeSessionDiscovery watched = discovery();
        TranscriptIndex index = TranscriptIndex.inMemory();
        watched.discover(request(index, FileChanges.unknown()));
        append(oneMain, sample.length);
        watched.discover(request(index, FileChanges.of(List.of(oneMain))));

        // the ended session beside the live one grows: rule 5 may now give it calls the live one held
        long assembled = watched.projectsAssembled();
        append(oneEnded, sample.length);
        assertThat(watched.discover(request(index, FileChanges.of(List.of(oneEnded))))).isEqualTo(truth());
        assertThat(watched.projectsAssembled()).isEqualTo(assembled + 1);
    }

    /**
     * Random appends to every file, a registered live session's told late or not at all (the watcher lags; only a
     * live session's files are looked at whatever it said), a registry entry that comes and goes: always what a
     * walk gives.
     */
    @Test
    void randomSteps_equalWalkingEverything() throws IOException {
        Random random = new Random(6);
        ClaudeCodeSessionDiscovery watched = discovery();
        TranscriptIndex index = TranscriptIndex.inMemory();
        watched.discover(request(index, FileChanges.unknown()));
        List<Path> files = List.of(oneMain, twoMain, oneEnded, projects.resolve("-home-a-two/" + Fixtures.SESSION
                + ".jsonl"));
        Path entry = home.resolve(".claude/sessions/4344.json");
        List<Path> late = new ArrayList<>();
        for (int step = 0; step < 30; step++) {
            List<Path> told = new ArrayList<>();
            if (random.nextBoolean()) {
                told.addAll(late);
                late.clear();
            }
            for (Path f : files) {
                if (random.nextInt(3) == 0 && Files.size(f) < sample.length) {
                    append(f, lineEndNear((int) Math.min(sample.length, Files.size(f) + 1 + random.nextInt(
                            sample.length / 4))));
                    boolean registered = f.equals(oneMain) || f.equals(twoMain) && Files.exists(entry);
                    (registered && random.nextBoolean() ? late : told).add(f);
                }
            }
            if (random.nextInt(5) == 0) {
                // a session ends (its registry entry goes: its late events arrive first), or comes back
                if (Files.exists(entry)) {
                    Files.delete(entry);
                    told.addAll(late);
                    late.clear();
                } else {
                    register(4344, TWO, "/home/a/two");
                }
                told.add(entry);
            }
            assertThat(watched.discover(request(index, FileChanges.of(told)))).as("step %d", step)
                    .isEqualTo(truth());
        }
    }

    private List<Session> truth() {
        return discovery().discover(request(TranscriptIndex.inMemory(), FileChanges.unknown()));
    }

    private ClaudeCodeSessionDiscovery discovery() {
        return new ClaudeCodeSessionDiscovery(new ProviderContext(home, Map.of(), Clock.fixed(NOW, ZoneOffset.UTC),
                Map.of()), new TranscriptReader(), PriceTable.embedded());
    }

    private static SessionDiscovery.Request request(TranscriptIndex index, FileChanges changes) {
        List<ProcessInfo> processes = new ArrayList<>();
        processes.add(new ProcessInfo(4343, 1, "claude", "/usr/bin/claude", List.of(), Optional.of("/home/a/one"),
                Optional.of(NOW.minusSeconds(600))));
        processes.add(new ProcessInfo(4344, 1, "claude", "/usr/bin/claude", List.of(), Optional.of("/home/a/two"),
                Optional.of(NOW.minusSeconds(600))));
        return new SessionDiscovery.Request(ProcessTable.of(NOW, processes), NOW, false, Optional.empty(), index,
                IndexProgress.NONE, TokenEstimator.charsPerToken(), changes);
    }

    private void register(long pid, String id, String cwd) throws IOException {
        Files.writeString(home.resolve(".claude/sessions/" + pid + ".json"), "{\"pid\":" + pid + ",\"sessionId\":\""
                + id + "\",\"cwd\":\"" + cwd + "\",\"startedAt\":" + NOW.minusSeconds(600).toEpochMilli()
                + ",\"status\":\"busy\"}");
    }

    /** Writes {@code file} on from its length up to {@code to} bytes of the sample. */
    private void append(Path file, int to) throws IOException {
        int from = (int) Files.size(file);
        if (to > from) {
            Files.write(file, Arrays.copyOfRange(sample, from, to), StandardOpenOption.APPEND);
        }
    }

    /** The first line end at or after {@code at}, as an exclusive length. */
    private int lineEndNear(int at) {
        int end = Math.max(1, at);
        while (end < sample.length && sample[end - 1] != '\n') {
            end++;
        }
        return end;
    }

    private static Session find(List<Session> sessions, String nativeId) {
        return sessions.stream().filter(s -> s.id().nativeId().equals(nativeId)).findFirst().orElseThrow();
    }
}
