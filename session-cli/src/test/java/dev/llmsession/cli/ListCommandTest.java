package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.cli.render.TextWidth;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ListCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void list_default_showsRunningSessionsOnly() {
        CliRun.Result r = new CliRun(home).run("list");

        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("claude_4d561", "claude_9b7e0").doesNotContain("claude_c0ffe", "claude_4d562");
        assertThat(r.outLines().get(0)).startsWith("ID").contains("STATUS", "CONTEXT", "HEALTH");
    }

    @Test
    void list_all_includesEndedSessionsWithMarkersForUnknownFigures() {
        CliRun.Result r = new CliRun(home).env("COLUMNS", "140").run("list", "--all");

        assertThat(r.code()).isZero();
        assertThat(r.outLines().get(0).split("\\s+")).containsExactly("ID", "TYPE", "PID", "STATUS", "PROJECT",
                "MODEL", "DURATION", "IDLE", "CONTEXT", "TOKENS", "COST", "HEALTH");
        String waiting = line(r, "claude_4d561");
        assertThat(waiting).contains("claude", "12345", " input ", "spotter-dov", "opus-4-6", "2h05", "3m",
                "131k 66%", "13.0M", "$10.11", "80%");
        assertThat(line(r, "claude_9b7e0")).contains("sonnet-4-5 ").doesNotContain("20250929");
        assertThat(line(r, "claude_4d562")).contains("90k 45%*", "~91k", "$0.0040");
        assertThat(line(r, "claude_c0ffe")).contains(" - ", " ? ");
        assertThat(r.out()).contains("* context window size assumed", "input = waiting for input");
    }

    @Test
    void list_sortContext_putsFullestFirstAndUnknownLast() {
        CliRun.Result r = new CliRun(home).env("COLUMNS", "140").run("list", "--all", "--sort", "context");

        assertThat(ids(r)).containsExactly("claude_4d561", "claude_4d562", "claude_9b7e0", "claude_c0ffe");
    }

    @Test
    void list_sortHealthCostIdle_orderWorstMostExpensiveLongestIdleFirst() {
        assertThat(ids(new CliRun(home).run("list", "--all", "--sort", "health")))
                .containsExactly("claude_4d561", "claude_c0ffe", "claude_4d562", "claude_9b7e0");
        assertThat(ids(new CliRun(home).run("list", "--all", "--sort", "cost")))
                .containsExactly("claude_4d561", "claude_4d562", "claude_9b7e0", "claude_c0ffe");
        assertThat(ids(new CliRun(home).run("list", "--all", "--sort", "idle")))
                .containsExactly("claude_c0ffe", "claude_4d562", "claude_4d561", "claude_9b7e0");
    }

    @Test
    void list_defaultOrder_isMostRecentActivityFirst() {
        assertThat(ids(new CliRun(home).run("list", "--all")))
                .containsExactly("claude_9b7e0", "claude_4d561", "claude_4d562", "claude_c0ffe");
    }

    @Test
    void list_sortStarted_putsNewestFirst() {
        CliRun.Result r = new CliRun(home).run("list", "--all", "--sort=STARTED");

        assertThat(ids(r)).containsExactly("claude_9b7e0", "claude_4d562", "claude_4d561", "claude_c0ffe");
    }

    @Test
    void list_since_impliesAllAndFiltersByLastActivity() {
        CliRun.Result r = new CliRun(home).run("list", "--since", "2h");

        assertThat(r.code()).isZero();
        assertThat(ids(r)).containsExactlyInAnyOrder("claude_9b7e0", "claude_4d561", "claude_4d562");
    }

    @Test
    void list_sinceIsoInstant_isAccepted() {
        CliRun.Result r = new CliRun(home).run("list", "--since", "2026-02-10T00:00:00Z");

        assertThat(r.code()).isZero();
        assertThat(ids(r)).hasSize(4);
    }

    @Test
    void list_badSince_isUsageError() {
        CliRun.Result r = new CliRun(home).run("list", "--since", "2 fortnights");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().asString().startsWith("llm-session: invalid --since '2 fortnights'");
    }

    @Test
    void list_badSortKey_isUsageError() {
        CliRun.Result r = new CliRun(home).run("list", "--sort", "size");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("llm-session: ").contains("--sort");
    }

    @Test
    void list_unknownAssistant_isUsageError() {
        CliRun.Result r = new CliRun(home).run("list", "--assistant", "cursor");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("llm-session: unknown assistant 'cursor'; known: claude-code" + System.lineSeparator());
    }

    @Test
    void list_noSessions_printsFriendlyLine() {
        CliRun.Result r = new CliRun(home).discoveries(FakeDiscoveryProvider.claude(List.of())).run("list");

        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("No running sessions. `llm-session list --all` shows ended ones.");
    }

    @Test
    void list_at80Columns_noLineIsWiderAndKeyColumnsStay() {
        CliRun.Result r = new CliRun(home).run("list", "--all");

        assertWithin(r.out(), 80);
        assertThat(r.outLines().get(0)).contains("ID", "STATUS", "PROJECT", "CONTEXT", "COST", "HEALTH")
                .doesNotContain("PID", "TYPE");
    }

    @Test
    void list_at140Columns_growsToEveryColumn() {
        CliRun.Result r = new CliRun(home).env("COLUMNS", "140").run("list", "--all");

        assertWithin(r.out(), 140);
        assertThat(r.outLines().get(0)).contains("TYPE", "PID", "DURATION", "TOKENS");
        assertThat(r.out()).contains("a-very-long-project-na");
    }

    @Test
    void list_atNarrowWidths_neverOverflows() {
        for (int width : new int[] {40, 50, 60, 70, 100, 120}) {
            CliRun.Result r = new CliRun(home).env("COLUMNS", Integer.toString(width)).run("list", "--all");
            assertWithin(r.out(), width);
        }
    }

    @Test
    void list_ascii_writesOnlyAscii() {
        CliRun.Result r = new CliRun(home).env("COLUMNS", "140").run("--ascii", "list", "--all");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("[ok] 80%");
        assertThat(r.out().chars()).allMatch(c -> c < 0x80);
        assertThat(r.err().chars()).allMatch(c -> c < 0x80);
    }

    @Test
    void list_onConsole_isColouredUnlessNoColorOrNoColorEnv() {
        assertThat(new CliRun(home).console(true).run("list").out()).contains("\u001b[");
        assertThat(new CliRun(home).console(true).run("list", "--no-color").out()).doesNotContain("\u001b");
        assertThat(new CliRun(home).console(true).run("--no-color", "list").out()).doesNotContain("\u001b");
        assertThat(new CliRun(home).console(true).env("NO_COLOR", "1").run("list").out()).doesNotContain("\u001b");
        assertThat(new CliRun(home).console(false).run("list").out()).doesNotContain("\u001b");
    }

    @Test
    void list_colouredAt80Columns_stillFits() {
        assertWithin(new CliRun(home).console(true).run("list", "--all").out(), 80);
    }

    @Test
    void list_json_followsTheContractFieldByField() throws Exception {
        CliRun.Result r = new CliRun(home).console(true).run("list", "--all", "--json");

        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain("\u001b");
        JsonNode array = JSON.readTree(r.out());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(4);
        JsonNode s = byId(array, "claude_" + Fixtures.S1);
        assertThat(fieldNames(s)).containsExactly("id", "assistant", "nativeId", "pid", "running", "state",
                "stateEvidence", "cwd", "project", "gitBranch", "title", "model", "startedAt", "lastActivityAt",
                "durationSeconds", "idleSeconds", "tokens", "context", "costUsd", "costSource", "errors", "health",
                "needsAttention",
                "kind", "officialLimits");
        assertThat(s.get("assistant").asText()).isEqualTo("claude-code");
        assertThat(s.get("nativeId").asText()).isEqualTo(Fixtures.S1);
        assertThat(s.get("pid").isIntegralNumber()).isTrue();
        assertThat(s.get("pid").asLong()).isEqualTo(12345);
        assertThat(s.get("running").asBoolean()).isTrue();
        assertThat(s.get("state").asText()).isEqualTo("WAITING_INPUT");
        assertThat(s.get("stateEvidence").asText()).isEqualTo("registry sessions/12345.json status=idle");
        assertThat(s.get("cwd").asText()).isEqualTo("/home/a/spotter-dov");
        assertThat(s.get("project").asText()).isEqualTo("spotter-dov");
        assertThat(s.get("gitBranch").asText()).isEqualTo("main");
        assertThat(s.get("title").asText()).isEqualTo("Fix the flaky test");
        assertThat(s.get("model").asText()).isEqualTo("claude-opus-4-6");
        assertThat(s.get("startedAt").asText()).isEqualTo("2026-02-12T15:55:00Z");
        assertThat(s.get("lastActivityAt").asText()).isEqualTo("2026-02-12T17:57:00Z");
        assertThat(s.get("durationSeconds").asLong()).isEqualTo(7500);
        assertThat(s.get("idleSeconds").asLong()).isEqualTo(180);
        JsonNode tokens = s.get("tokens");
        assertThat(fieldNames(tokens)).containsExactly("input", "output", "cacheWrite", "cacheRead", "total",
                "apiCalls", "source", "subagents");
        assertThat(tokens.get("input").isIntegralNumber()).isTrue();
        assertThat(tokens.get("input").asLong()).isEqualTo(233);
        assertThat(tokens.get("output").asLong()).isEqualTo(28899);
        assertThat(tokens.get("cacheWrite").asLong()).isEqualTo(559475);
        assertThat(tokens.get("cacheRead").asLong()).isEqualTo(12387553);
        assertThat(tokens.get("total").asLong()).isEqualTo(12976160);
        assertThat(tokens.get("apiCalls").asLong()).isEqualTo(152);
        assertThat(tokens.get("source").asText()).isEqualTo("measured");
        assertThat(fieldNames(tokens.get("subagents"))).containsExactly("input", "output", "cacheWrite", "cacheRead",
                "apiCalls");
        assertThat(tokens.get("subagents").get("cacheRead").asLong()).isEqualTo(40);
        JsonNode context = s.get("context");
        assertThat(fieldNames(context)).containsExactly("tokens", "window", "windowAssumed", "percent",
                "autoCompactAt", "source");
        assertThat(context.get("source").asText()).isEqualTo("measured");
        assertThat(s.get("costSource").asText()).isEqualTo("computed");
        assertThat(context.get("tokens").asLong()).isEqualTo(131200);
        assertThat(context.get("window").asLong()).isEqualTo(200000);
        assertThat(context.get("windowAssumed").asBoolean()).isFalse();
        assertThat(context.get("percent").decimalValue()).isEqualByComparingTo("65.6");
        assertThat(context.get("autoCompactAt").asLong()).isEqualTo(167000);
        assertThat(s.get("costUsd").decimalValue()).isEqualByComparingTo("10.1135");
        assertThat(s.get("errors").get("api").asInt()).isZero();
        assertThat(s.get("errors").get("tool").asInt()).isEqualTo(1);
        assertThat(s.get("errors").get("interrupts").asInt()).isZero();
        assertThat(fieldNames(s.get("health"))).containsExactly("score", "level");
        assertThat(s.get("health").get("score").asInt()).isEqualTo(80);
        assertThat(s.get("health").get("level").asText()).isEqualTo("healthy");
    }

    @Test
    void list_json_unknownFiguresAreNullNeverZero() throws Exception {
        JsonNode array = JSON.readTree(new CliRun(home).run("list", "--all", "--json").out());

        JsonNode s = byId(array, "claude_" + Fixtures.S3);
        assertThat(s.get("pid").isNull()).isTrue();
        assertThat(s.get("running").asBoolean()).isFalse();
        assertThat(s.get("state").asText()).isEqualTo("ENDED");
        assertThat(s.get("cwd").isNull()).isTrue();
        assertThat(s.get("project").isNull()).isTrue();
        assertThat(s.get("model").isNull()).isTrue();
        assertThat(s.get("costUsd").isNull()).isTrue();
        assertThat(s.get("tokens").get("source").asText()).isEqualTo("unknown");
        for (String f : List.of("input", "output", "cacheWrite", "cacheRead", "total", "apiCalls")) {
            assertThat(s.get("tokens").get(f).isNull()).as(f).isTrue();
        }
        assertThat(s.get("context").get("tokens").isNull()).isTrue();
        assertThat(s.get("context").get("percent").isNull()).isTrue();
        assertThat(s.get("context").get("autoCompactAt").isNull()).isTrue();
        assertThat(s.get("context").get("windowAssumed").asBoolean()).isTrue();

        JsonNode compacted = byId(array, "claude_" + Fixtures.S2);
        assertThat(compacted.get("context").get("tokens").isNull()).isTrue();
        assertThat(compacted.get("costUsd").isNull()).isTrue();
        assertThat(compacted.get("tokens").get("total").asLong()).isEqualTo(432010);

        JsonNode estimated = byId(array, "claude_" + Fixtures.S4);
        assertThat(estimated.get("tokens").get("source").asText()).isEqualTo("estimated");
        assertThat(estimated.get("context").get("percent").decimalValue()).isEqualByComparingTo("45.0");
        assertThat(estimated.get("costUsd").decimalValue()).isEqualByComparingTo("0.004");
    }

    @Test
    void list_jsonBeforeTheCommand_isAlsoJson() throws Exception {
        CliRun.Result r = new CliRun(home).run("--json", "list");

        assertThat(JSON.readTree(r.out())).hasSize(2);
    }

    @Test
    void list_jsonWithFailingAdapter_warnsOnStderrOnly() throws Exception {
        CliRun.Result r = new CliRun(home)
                .discoveries(FakeDiscoveryProvider.claude(Fixtures.all()),
                        FakeDiscoveryProvider.failingDiscover("cursor", "database is locked"))
                .run("list", "--json");

        assertThat(r.code()).isZero();
        assertThat(JSON.readTree(r.out())).hasSize(2);
        assertThat(r.err()).isEqualTo("llm-session: warning: cursor: database is locked" + System.lineSeparator());
    }

    @Test
    void list_withoutHostProbe_saysSoOnStderr() {
        CliRun.Result r = new CliRun(home).probes().run("list");

        assertThat(r.code()).isZero();
        assertThat(r.err()).startsWith("llm-session: warning: no host probe installed");
    }

    static void assertWithin(String out, int width) {
        for (String line : out.lines().toList()) {
            assertThat(TextWidth.of(line)).as("width of '%s'", line).isLessThanOrEqualTo(width);
            assertThat(line.replaceAll("\u001b\\[[0-9;]*m", "").length()).isLessThanOrEqualTo(width);
        }
    }

    private static String line(CliRun.Result r, String idPrefix) {
        return r.outLines().stream().filter(l -> l.startsWith(idPrefix)).findFirst().orElseThrow();
    }

    private static List<String> ids(CliRun.Result r) {
        return r.outLines().stream().skip(1).filter(l -> l.startsWith("claude_")).map(l -> l.substring(0, 12)).toList();
    }

    private static JsonNode byId(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no " + id + " in " + array);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
