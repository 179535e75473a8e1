package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on one temp HOME holding all six built-in assistants at once — Claude Code (the real sample),
 * Cursor (a generated database), Codex (real rollouts), Gemini CLI, OpenCode and Copilot CLI (files the real
 * clients wrote against the scripted API): every session listed once with a unique id and labelled figures, and
 * every assistant's measured calls in {@code usage}.
 */
final class AllAssistantsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path home;

    @BeforeEach
    void layOutHome() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        Path repo = Path.of(System.getProperty("llmsession.repo"));
        Path claude = Path.of(System.getProperty("llmsession.fixtures"));
        String session = "4d5611e5-241a-462a-8d15-5122611a9569";
        copy(claude.resolve(session + ".jsonl"), home.resolve(".claude/projects/-work-spotter/" + session + ".jsonl"));
        copyTree(claude.resolve(session), home.resolve(".claude/projects/-work-spotter/" + session));
        CursorListIT.cursorTree(home.resolve(".config/Cursor/User"));
        try (Stream<Path> rollouts = Files.list(repo.resolve("session-discovery-codex/src/test/resources/codex-samples"))) {
            for (Path r : (Iterable<Path>) rollouts.filter(p -> p.toString().endsWith(".jsonl"))::iterator) {
                copy(r, home.resolve(".codex/sessions/2026/02/23/" + r.getFileName()));
            }
        }
        copyTree(repo.resolve("session-discovery-gemini/src/test/resources/captured/gemini-0.61.0/home"), home);
        copyTree(repo.resolve("session-discovery-opencode/src/test/resources/captured/opencode-1.18.33/home"), home);
        copyTree(repo.resolve("session-discovery-copilot/src/test/resources/captured/copilot-1.0.102/home"), home);
    }

    @Test
    void listAllJson_everyAssistantsSessionsOnce_withUniqueIdsAndLabelledFigures() throws Exception {
        JarRun r = JarRun.run(home, tmp, 120, "list", "--all", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode sessions = JSON.readTree(r.out());
        Map<String, Integer> perAssistant = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode s : sessions) {
            perAssistant.merge(s.get("assistant").asText(), 1, Integer::sum);
            assertThat(ids.add(s.get("id").asText())).as("unique id %s", s.get("id")).isTrue();
            assertThat(s.get("id").asText()).startsWith(s.get("assistant").asText().replace("claude-code", "claude")
                    + "_");
            assertThat(s.at("/tokens/source").asText()).isIn("measured", "estimated", "unknown");
            assertThat(s.at("/context/windowAssumed").isBoolean()).isTrue();
            assertThat(s.at("/context/source").asText()).as("context of %s", s.get("id"))
                    .isIn("measured", "estimated", "unknown");
            assertThat(s.at("/context/tokens").isNull()).as("context of %s", s.get("id"))
                    .isEqualTo(s.at("/context/source").asText().equals("unknown"));
            assertThat(s.get("costSource").asText()).isIn("computed", "recorded", "unknown");
            assertThat(s.get("costUsd").isNull()).as("cost of %s", s.get("id"))
                    .isEqualTo(s.get("costSource").asText().equals("unknown"));
        }
        assertThat(byId(sessions, "opencode_ses_db3793216ffefgCDM4mU5Izmh9").get("costSource").asText())
                .as("OpenCode records its cost").isEqualTo("recorded");
        assertThat(byId(sessions, "codex_019c8bfe-ec25-79e0-97d7-bda6a9c575ff").get("costSource").asText())
                .isEqualTo("computed");
        assertThat(perAssistant).containsOnlyKeys("claude-code", "cursor", "codex", "gemini", "opencode", "copilot")
                .containsEntry("codex", 3).containsEntry("gemini", 1).containsEntry("opencode", 1)
                .containsEntry("copilot", 1);
        assertThat(byId(sessions, "gemini_dc560d9e-26ea-49b0-b30b-e6871bdc5a63").at("/tokens/total").asLong())
                .isEqualTo(9_885);
        assertThat(byId(sessions, "opencode_ses_db3793216ffefgCDM4mU5Izmh9").at("/tokens/total").asLong())
                .isEqualTo(5_583);
        assertThat(byId(sessions, "copilot_168cb63d-2f9b-4057-9760-e362f9de4cc5").at("/tokens/total").asLong())
                .isEqualTo(6_864);
        assertThat(byId(sessions, "codex_019c8bfe-ec25-79e0-97d7-bda6a9c575ff").at("/tokens/total").asLong())
                .isEqualTo(299_496);
    }

    @Test
    void usageSession_includesTheMeasuredCallsOfEveryAssistantThatRecordsThem() throws Exception {
        JarRun r = JarRun.run(home, tmp, 120, "usage", "session", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        for (String id : List.of("019c8a59-e9dd-71f0-9ae3-4079fe9726a9", "dc560d9e-26ea-49b0-b30b-e6871bdc5a63",
                "ses_db3793216ffefgCDM4mU5Izmh9", "168cb63d-2f9b-4057-9760-e362f9de4cc5", "4d5611e5-241a-462a-8d15-5122611a9569")) {
            assertThat(out).as("usage names %s", id).contains(id);
        }
    }

    private static JsonNode byId(JsonNode sessions, String id) {
        for (JsonNode s : sessions) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no session " + id);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
    }
}
