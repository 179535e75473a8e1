package dev.llmsession.adapterkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessMatcherTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static ProcessInfo proc(long pid, long parent, String name, String cwd, Instant started, String... args) {
        return new ProcessInfo(pid, parent, name, "/usr/bin/" + name, List.of(args), Optional.ofNullable(cwd),
                Optional.ofNullable(started));
    }

    @Test
    void eachProcessTakesTheNewestSessionOfItsDirectoryStartedAfterIt() {
        ProcessInfo old = proc(10, 1, "tool", "/w/a", T0);
        ProcessInfo young = proc(11, 1, "tool", "/w/a", T0.plusSeconds(600));
        List<ProcessMatcher.Candidate> sessions = List.of(
                new ProcessMatcher.Candidate("s1", List.of("/w/a"), T0.plusSeconds(1)),
                new ProcessMatcher.Candidate("s2", List.of("/w/a/"), T0.plusSeconds(601)),
                new ProcessMatcher.Candidate("s0", List.of("/w/a"), T0.minusSeconds(3600)),
                new ProcessMatcher.Candidate("other", List.of("/w/b"), T0.plusSeconds(700)));
        Map<String, ProcessInfo> owners = ProcessMatcher.match(List.of(old, young), sessions, p -> Optional.empty());
        assertThat(owners).containsOnlyKeys("s1", "s2");
        assertThat(owners.get("s2").pid()).isEqualTo(11);
        assertThat(owners.get("s1").pid()).isEqualTo(10);
    }

    @Test
    void aSessionNamedInTheArguments_isOwnedFirst() {
        ProcessInfo resumed = proc(12, 1, "tool", "/w/a", T0.plusSeconds(900), "tool", "resume", "S0");
        List<ProcessMatcher.Candidate> sessions = List.of(
                new ProcessMatcher.Candidate("s0", List.of("/w/a"), T0.minusSeconds(3600)),
                new ProcessMatcher.Candidate("s9", List.of("/w/a"), T0.plusSeconds(1000)));
        Map<String, ProcessInfo> owners = ProcessMatcher.match(List.of(resumed), sessions,
                p -> ProcessMatcher.argumentAfter(p, "resume"));
        assertThat(owners).containsOnlyKeys("s0");
    }

    @Test
    void find_keepsTheOutermostOfAProcessThatRespawnsItself() {
        ProcessInfo launcher = proc(20, 1, "node", "/w", T0, "node", "/opt/gemini-cli/dist/index.js");
        ProcessInfo child = proc(21, 20, "node", "/w", T0, "node", "--max-old-space-size=8192",
                "/opt/gemini-cli/dist/index.js");
        ProcessInfo unrelated = proc(22, 1, "node", "/w", T0, "node", "server.js");
        List<ProcessInfo> found = ProcessMatcher.find(ProcessTable.of(T0, List.of(child, launcher, unrelated)),
                p -> ProcessMatcher.runsScript(p, Set.of("node"), "gemini"));
        assertThat(found).extracting(ProcessInfo::pid).containsExactly(20L);
        assertThat(ProcessMatcher.baseName("C:\\bin\\Codex.EXE")).isEqualTo("codex");
    }
}
