package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.FoundProviders;
import dev.llmsession.cli.command.CliEnvironment;
import dev.llmsession.cli.command.ProviderSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code usage} end to end in-process: the real Claude Code adapter and SQLite store (found on the test class path)
 * over the hand-checked sample session, at the fixtures' fixed clock.
 */
final class UsageCommandTest {
    private static final String SESSION = "4d5611e5-241a-462a-8d15-5122611a9569";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @BeforeEach
    void layOutHome() throws IOException {
        Path fixtures = Path.of(System.getProperty("llmsession.fixtures",
                "../session-discovery-claude/src/test/resources/fixtures/claude"));
        Path project = Files.createDirectories(home.resolve(".claude/projects/-home-a-spotter-dov"));
        try (Stream<Path> paths = Files.walk(fixtures.resolve(SESSION))) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = project.resolve(SESSION).resolve(fixtures.resolve(SESSION).relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.copy(fixtures.resolve(SESSION + ".jsonl"), project.resolve(SESSION + ".jsonl"));
    }

    private CliRun.Result run(String... args) {
        return runAt(Fixtures.CLOCK, args);
    }

    private CliRun.Result runAt(java.time.Clock clock, String... args) {
        FoundProviders found = FoundProviders.load(getClass().getClassLoader());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(Map.of("NO_COLOR", "1", "COLUMNS", "160"), home, clock,
                false, ProviderSource.explicit(found.discoveries(), List.of(new FakeHostProbeProvider()),
                        found.stores()));
        List<String> all = new ArrayList<>(List.of("--data-dir", home.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = dev.llmsession.cli.Main.run(env, new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new CliRun.Result(code, out.toString(), err.toString());
    }

    private JsonNode json(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        CliRun.Result r = run(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static void assertSampleTotals(JsonNode t) {
        assertThat(t.get("inputTokens").asLong()).isEqualTo(233);
        assertThat(t.get("outputTokens").asLong()).isEqualTo(28_899);
        assertThat(t.get("cacheCreationTokens").asLong()).isEqualTo(559_475);
        assertThat(t.get("cacheReadTokens").asLong()).isEqualTo(12_387_553);
        assertThat(t.get("totalTokens").asLong()).isEqualTo(233 + 28_899 + 559_475 + 12_387_553);
        assertThat(t.get("calls").asLong()).isEqualTo(152);
        assertThat(t.get("totalCost").asDouble()).isBetween(10.105, 10.115); // $10.11
        assertThat(t.has("unpricedModels")).isFalse();
    }

    @Test
    void session_sample_equalsTheHandCheckedNumbers() throws IOException {
        JsonNode report = json("usage", "session");

        assertThat(report.get("session")).hasSize(1);
        JsonNode row = report.get("session").get(0);
        assertThat(row.get("period").asText()).isEqualTo(SESSION);
        assertThat(row.get("sessionId").asText()).isEqualTo(SESSION);
        assertSampleTotals(row);
        assertSampleTotals(report.get("totals"));
        assertThat(row.get("modelsUsed")).extracting(JsonNode::asText).containsExactly("claude-opus-4-6",
                "claude-sonnet-4-5-20250929");
        JsonNode sonnet = row.get("modelBreakdowns").get(1);
        assertThat(sonnet.get("modelName").asText()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(sonnet.get("inputTokens").asLong()).isEqualTo(53); // the Explore sub-agent's 12 calls
        assertThat(sonnet.get("cacheReadTokens").asLong()).isEqualTo(604_156);
    }

    @Test
    void daily_weekly_monthly_sample_totalsAgree_andDaysFollowTheZone() throws IOException {
        JsonNode utc = json("usage", "daily", "--timezone", "UTC");
        assertThat(utc.get("daily")).extracting(d -> d.get("period").asText()).containsExactly("2026-02-12");
        assertSampleTotals(utc.get("totals"));
        assertSampleTotals(json("usage", "weekly", "-z", "UTC").get("weekly").get(0));
        assertThat(json("usage", "weekly", "-z", "UTC").get("weekly").get(0).get("period").asText())
                .isEqualTo("2026-02-09"); // the Monday
        assertSampleTotals(json("usage", "monthly").get("totals"));

        // The session runs about 15:55-17:57 UTC: in UTC+10 that is 01:55-03:57 on the 13th; in UTC-8 07:55-09:57.
        assertThat(json("usage", "daily", "--timezone", "+10:00").get("daily"))
                .extracting(d -> d.get("period").asText()).containsExactly("2026-02-13");
        assertThat(json("usage", "daily", "--timezone", "America/Los_Angeles").get("daily"))
                .extracting(d -> d.get("period").asText()).containsExactly("2026-02-12");
        assertThat(json("usage", "daily", "--since", "20260213").get("daily")).isEmpty();
        assertSampleTotals(json("usage", "monthly", "--no-refresh").get("totals")); // the index is already full
        assertThat(json("usage", "daily", "--until", "2026-02-11").get("totals").get("calls").asLong()).isZero();
    }

    @Test
    void blocks_sample_crossesTheFiveHourMark_secondBlockActiveWithBurnRateProjectionAndLimit() throws IOException {
        // The sample's calls run 16:02:27-21:03:34 UTC: 132 in the 16:00-21:00 block, 20 from 21:00:05 on.
        java.time.Clock at = java.time.Clock.fixed(java.time.Instant.parse("2026-02-12T21:30:00Z"),
                java.time.ZoneOffset.UTC);
        CliRun.Result r = runAt(at, "usage", "blocks", "--token-limit", "max", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode blocks = JSON.readTree(r.out()).get("blocks");

        assertThat(blocks).hasSize(2);
        JsonNode done = blocks.get(0);
        JsonNode open = blocks.get(1);
        assertThat(done.get("startTime").asText()).isEqualTo("2026-02-12T16:00:00.000Z");
        assertThat(done.get("endTime").asText()).isEqualTo("2026-02-12T21:00:00.000Z");
        assertThat(done.get("isActive").asBoolean()).isFalse();
        assertThat(done.get("entries").asLong()).isEqualTo(132);
        assertThat(done.get("burnRate").isNull()).isTrue();
        assertThat(open.get("startTime").asText()).isEqualTo("2026-02-12T21:00:00.000Z");
        assertThat(open.get("actualEndTime").asText()).isEqualTo("2026-02-12T21:03:34.112Z");
        assertThat(open.get("isActive").asBoolean()).isTrue();
        assertThat(open.get("entries").asLong()).isEqualTo(20);
        assertThat(done.get("totalTokens").asLong() + open.get("totalTokens").asLong())
                .isEqualTo(233 + 28_899 + 559_475 + 12_387_553);
        double minutes = (java.time.Instant.parse("2026-02-12T21:03:34.112Z").toEpochMilli()
                - java.time.Instant.parse("2026-02-12T21:00:05.557Z").toEpochMilli()) / 60_000.0;
        JsonNode counts = open.get("tokenCounts");
        assertThat(open.get("burnRate").get("tokensPerMinute").asDouble()).isCloseTo(
                (counts.get("inputTokens").asLong() + counts.get("outputTokens").asLong()) / minutes,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(open.get("projection").get("remainingMinutes").asLong()).isEqualTo(270);
        JsonNode limit = open.get("tokenLimitStatus");
        assertThat(limit.get("limit").asLong()).isEqualTo(done.get("totalTokens").asLong()); // max = the past block
        assertThat(limit.get("status").asText()).isEqualTo(limit.get("percentUsed").asDouble() > 100 ? "exceeds"
                : limit.get("percentUsed").asDouble() >= 90 ? "critical"
                : limit.get("percentUsed").asDouble() >= 70 ? "warning" : "ok");

        CliRun.Result table = runAt(at, "usage", "blocks", "--token-limit", "max");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("ACTIVE, 4h30 left").contains("Active block since 2026-02-12T21:00:00Z")
                .contains("burn rate:").contains("(largest past block)");
    }

    @Test
    void noRefresh_readsTheIndexAsItIs() throws IOException {
        assertThat(json("usage", "daily", "--no-refresh").get("totals").get("calls").asLong()).isZero();
        assertThat(json("usage", "daily").get("totals").get("calls").asLong()).isEqualTo(152);
    }

    @Test
    void table_daily_showsColumnsAndTotal() {
        CliRun.Result r = run("usage", "daily", "-z", "UTC", "--breakdown");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines().get(0)).contains("DATE", "MODELS", "INPUT", "OUTPUT", "CACHE WRITE", "CACHE READ",
                "TOTAL", "COST");
        assertThat(r.out()).contains("2026-02-12").contains("sonnet-4-5").contains("12,387,553").contains("$10.11");
        assertThat(r.outLines().get(r.outLines().size() - 1)).startsWith("Total");
    }

    @Test
    void priceOverride_inConfig_repricesTheModel() throws IOException {
        Path config = home.resolve("config.yaml");
        Files.writeString(config, "prices:\n  claude-sonnet-4-5:\n    input: 0\n    output: 0\n    cacheWrite: 0\n"
                + "    cacheRead: 0\n  claude-opus-4-6: {input: 0, output: 0, cacheWrite: 0, cacheRead: 0}\n",
                StandardCharsets.UTF_8);

        JsonNode totals = json("--config", config.toString(), "usage", "monthly").get("totals");

        assertThat(totals.get("totalCost").asDouble()).isZero();
        assertThat(totals.get("cacheReadTokens").asLong()).isEqualTo(12_387_553);
    }

    @Test
    void priceOverride_missingRate_isAConfigErrorWithLineAndColumn() throws IOException {
        Path config = home.resolve("config.yaml");
        Files.writeString(config, "prices:\n  claude-nova-7:\n    input: 3\n    output: 15\n", StandardCharsets.UTF_8);

        CliRun.Result r = run("--config", config.toString(), "usage", "daily");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().lines()).singleElement().asString().matches(".*config\\.yaml:2:\\d+: .*")
                .contains("missing cacheWrite, cacheRead");
    }

    @Test
    void badInput_exitsTwoWithOneLine() {
        for (String[] args : List.of(new String[] {"usage", "hourly"}, new String[] {"usage", "daily", "--since", "2026-02-30"},
                new String[] {"usage", "daily", "--until", "yesterday"}, new String[] {"usage", "daily", "-z", "Mars/Olympus"},
                new String[] {"usage", "daily", "--order", "up"}, new String[] {"usage", "daily", "--token-limit", "5"},
                new String[] {"usage", "blocks", "--token-limit", "lots"},
                new String[] {"usage", "daily", "--since", "2026-03-01", "--until", "2026-02-01"})) {
            CliRun.Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().lines()).as(String.join(" ", args)).singleElement().asString().startsWith("llm-session: ");
            assertThat(r.out()).isEmpty();
        }
    }
}
