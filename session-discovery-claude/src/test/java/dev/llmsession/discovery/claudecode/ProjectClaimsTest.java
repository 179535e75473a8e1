package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ProjectClaimsTest {
    private static final Path DIR = Path.of("/home/u/.claude/projects/-home-u-app");
    private static final FileStat STAT = new FileStat(10, Instant.parse("2026-01-01T00:00:00Z"), "k");

    private static ProjectClaims.FileClaim claim(String session) {
        return new ProjectClaims.FileClaim(STAT, false, session, null, null, new long[] {1, 2});
    }

    @Test
    void locatedIn_answersAsTheRelativeNameForEveryFile_andNothingElse() {
        Map<String, ProjectClaims.FileClaim> files = new LinkedHashMap<>();
        for (String name : List.of("a.jsonl", "agent-1.jsonl", "a/subagents/agent-2.jsonl", "b/subagents/x/y.jsonl",
                "é ✓.jsonl", "a//b.jsonl", "./c.jsonl", "../other/d.jsonl", "e/", "/abs.jsonl", "f\u0000.jsonl")) {
            files.put(name, claim(name));
        }
        ProjectClaims stored = new ProjectClaims(files);
        ProjectClaims located = stored.locatedIn(DIR);

        List<Path> asked = List.of(DIR.resolve("a.jsonl"), DIR.resolve("agent-1.jsonl"),
                DIR.resolve("a/subagents/agent-2.jsonl"), DIR.resolve("b").resolve("subagents").resolve("x/y.jsonl"),
                DIR.resolve("é ✓.jsonl"), DIR.resolve("a/b.jsonl"), DIR.resolve("c.jsonl"),
                DIR.resolveSibling("other/d.jsonl"), DIR.resolve("e"), Path.of("/abs.jsonl"), DIR.resolve("missing"),
                Path.of("/elsewhere/a.jsonl"), DIR);
        for (Path file : asked) {
            assertThat(located.of(DIR, file)).as(file.toString()).isSameAs(stored.of(DIR, file));
        }
        assertThat(located.of(DIR, DIR.resolve("a/subagents/agent-2.jsonl")).sessionId())
                .isEqualTo("a/subagents/agent-2.jsonl");
        assertThat(located.of(DIR, DIR.resolve("a/b.jsonl"))).isNull(); // "a//b.jsonl" is no listed file's name
        assertThat(located.files()).isEqualTo(stored.files());
    }

    @Test
    void locatedIn_ofNoFiles_looksUpByName() {
        ProjectClaims located = new ProjectClaims(Map.of()).locatedIn(DIR);

        assertThat(located.of(DIR, DIR.resolve("a.jsonl"))).isNull();
    }
}
