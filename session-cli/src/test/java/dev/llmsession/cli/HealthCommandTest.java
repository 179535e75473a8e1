package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HealthCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void health_knownSession_printsSpecLayout() {
        CliRun.Result r = new CliRun(home).env("COLUMNS", "200").run("health", "claude_4d5611");

        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.outLines()).startsWith(
                "Session claude_4d5611e5-241a-4c2e-9d3f-0123456789ab · spotter-dov (main) · claude-opus-4-6 · waiting for input",
                "Health: ✅ 80% (healthy)",
                "",
                "  component   measured                          score   weight",
                "  tokens      131,200 of 200,000 (66%)            77%      40%",
                "  duration    2 h 05 min                          58%      20%",
                "  activity    3 min idle (waiting for input)     100%      20%",
                "  errors      1 in the last 30 min                85%      20%",
                "",
                "  Context: 131,200 tokens now · ~35,800 until auto-compact (167,000) · 68,800 until the window",
                "  Recommendations:");
        assertThat(r.out()).contains("    ⚠️  Nearing auto-compact", "    💡 Long session (2 h 05 min)");
    }

    @Test
    void health_at80Columns_wrapsLongLinesWithAHangingIndent() {
        for (String id : new String[] {"4d5611", "9b7e", "c0ff", "4d5622"}) {
            CliRun.Result r = new CliRun(home).run("health", id);
            ListCommandTest.assertWithin(r.out(), 80);
        }
        CliRun.Result r = new CliRun(home).run("health", "4d5611");
        assertThat(r.out()).contains(
                "  Context: 131,200 tokens now · ~35,800 until auto-compact (167,000) · 68,800"
                        + System.lineSeparator() + "    until the window",
                "    ⚠️  Nearing auto-compact");
    }

    @Test
    void health_nativeIdPrefixWithoutAssistantPrefix_resolves() {
        CliRun.Result r = new CliRun(home).env("COLUMNS", "200").run("health", "9b7e");

        assertThat(r.code()).isZero();
        assertThat(r.outLines().get(0)).startsWith("Session claude_9b7e0c11-5f0c-4d2a-8e1b-0123456789ab · a-very-long-project-name-for-truncation");
    }

    @Test
    void health_unknownComponent_showsUnknownAndRenormalisedWeights() {
        CliRun.Result r = new CliRun(home).run("health", "9b7e");

        assertThat(r.out()).contains(
                "  tokens      unknown (just compacted, no call since)  unknown        -",
                "  duration    20 min                                       98%  33% (set 20%)",
                "weights are renormalised",
                "  Context: unknown (window 200,000)");
    }

    @Test
    void health_transcriptWithUnusableData_saysWhatWasLeftOut_aCleanOneSaysNothing() {
        dev.llmsession.model.Session u = Fixtures.unknown();
        dev.llmsession.model.Session damaged = new dev.llmsession.model.Session(u.id(), u.assistant(), u.pid(),
                u.activity(), u.cwd(), u.gitBranch(), u.title(), u.model(), u.startedAt(), u.lastActivityAt(),
                u.tokens(), u.context(), u.cost(), u.errors(),
                new dev.llmsession.model.DataQuality(2, 1, 0, 1, 1), u.sources(), u.kind());
        CliRun.Result r = new CliRun(home).env("COLUMNS", "200")
                .discoveries(FakeDiscoveryProvider.claude(java.util.List.of(damaged))).run("health", "c0ff");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("  Transcript data: 2 lines that were not JSON skipped; 1 call with invalid token"
                + " counts left out of every sum; 1 usage line without a message id (not de-duplicated); 1 file could"
                + " not be read", "(`llm-session doctor` names them); the figures count the rest");
        assertThat(new CliRun(home).run("health", "4d5611").out()).doesNotContain("Transcript data");
    }

    @Test
    void health_assumedWindow_saysSo() {
        CliRun.Result r = new CliRun(home).env("COLUMNS", "200").run("health", "4d5622");

        assertThat(r.out()).contains("90,000 tokens now · 110,000 until the window (window assumed)");
    }

    @Test
    void health_ascii_writesOnlyAscii() {
        CliRun.Result r = new CliRun(home).run("health", "4d5611", "--ascii");

        assertThat(r.out().chars()).allMatch(c -> c < 0x80);
        assertThat(r.out()).contains("Session claude_4d5611e5-241a-4c2e-9d3f-0123456789ab - spotter-dov (main) -",
                "claude-opus-4-6 - waiting for input",
                "Health: [ok] 80% (healthy)", "    ! Nearing auto-compact", "    i Long session");
    }

    @Test
    void health_json_addsComponentsAndRecommendations() throws Exception {
        CliRun.Result r = new CliRun(home).run("health", "9b7e", "--json");

        assertThat(r.code()).isZero();
        JsonNode s = JSON.readTree(r.out());
        assertThat(s.get("id").asText()).isEqualTo("claude_" + Fixtures.S2);
        assertThat(s.get("context").get("tokens").isNull()).isTrue();
        JsonNode health = s.get("health");
        assertThat(health.get("score").asInt()).isEqualTo(99);
        assertThat(health.get("level").asText()).isEqualTo("healthy");
        JsonNode tokens = health.get("components").get(0);
        assertThat(tokens.get("name").asText()).isEqualTo("tokens");
        assertThat(tokens.get("value").isNull()).isTrue();
        assertThat(tokens.get("score").isNull()).isTrue();
        assertThat(tokens.get("weight").decimalValue()).isEqualByComparingTo("0.4");
        assertThat(tokens.get("effectiveWeight").decimalValue()).isEqualByComparingTo("0");
        JsonNode duration = health.get("components").get(1);
        assertThat(duration.get("name").asText()).isEqualTo("duration");
        assertThat(duration.get("value").decimalValue()).isEqualByComparingTo("20");
        assertThat(duration.get("score").isNumber()).isTrue();
        assertThat(duration.get("effectiveWeight").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(health.get("components")).hasSize(4);
        JsonNode rec = health.get("recommendations").get(0);
        assertThat(rec.get("severity").asText()).isEqualTo("hint");
        assertThat(rec.get("code").asText()).isEqualTo("context-unknown");
        assertThat(rec.get("message").asText()).startsWith("Context size unknown");
    }

    @Test
    void health_unknownId_isUsageErrorWithOneLine() {
        CliRun.Result r = new CliRun(home).run("health", "deadbeef");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("llm-session: no session matches 'deadbeef' (llm-session list --all shows them all)"
                + System.lineSeparator());
    }

    @Test
    void health_ambiguousPrefix_isUsageErrorListingMatches() {
        CliRun.Result r = new CliRun(home).run("health", "claude_4d56");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("llm-session: 'claude_4d56' matches 2 sessions: ")
                .contains("claude_" + Fixtures.S1, "claude_" + Fixtures.S4);
    }

    @Test
    void health_withoutId_isUsageError() {
        CliRun.Result r = new CliRun(home).run("health");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("llm-session: Missing required parameter");
    }
}
