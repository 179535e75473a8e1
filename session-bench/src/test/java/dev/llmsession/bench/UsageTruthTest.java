package dev.llmsession.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.api.UsageKind;
import dev.llmsession.api.UsagePeriod;
import dev.llmsession.api.UsageReport;
import dev.llmsession.api.UsageRequest;
import dev.llmsession.api.UsageTotals;
import dev.llmsession.discovery.claudecode.ClaudeCodeDiscoveryProvider;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.storage.sqlite.SqliteStoreProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage reports over a generated corpus (sub-agents, compactions, calls without requestId, 1-hour cache writes,
 * an unpriced model, streamed duplicates) equal the generator's truth.json exactly, per UTC day and per session,
 * also after calls are appended and the index refreshed.
 */
final class UsageTruthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void dailyAndSessionReports_equalTheTruth_beforeAndAfterAnAppend(@TempDir Path tmp) throws Exception {
        Path corpus = tmp.resolve("corpus");
        CorpusGenerator.generate(corpus, 3 << 20, 11, "3m");
        assertThat(mismatches(corpus, tmp.resolve("data"))).isEmpty();

        CorpusGenerator.append(corpus, 4);
        assertThat(mismatches(corpus, tmp.resolve("data"))).isEmpty();
    }

    /** Refreshes the index as {@code usage} does, then compares every day and session with truth.json. */
    private static List<String> mismatches(Path home, Path data) throws IOException {
        UsageReport daily;
        UsageReport sessions;
        try (LlmSessions llm = LlmSessions.builder()
                .discovery(new ClaudeCodeDiscoveryProvider())
                .store(new SqliteStoreProvider())
                .context(new ProviderContext(home, Map.of(), CLOCK,
                        Map.of(SqliteStoreProvider.DIR_SETTING, data.toString())))
                .build()) {
            llm.catalog().list(SessionQuery.ALL);
            daily = llm.usage().orElseThrow().report(UsageRequest.of(UsageKind.DAILY, ZoneOffset.UTC));
            sessions = llm.usage().orElseThrow().report(UsageRequest.of(UsageKind.SESSION, ZoneOffset.UTC));
        }
        JsonNode truth = JSON.readTree(home.resolve(CorpusGenerator.TRUTH_FILE).toFile());
        List<String> out = new ArrayList<>();
        compare(out, "days", index(daily), truth.get("days"), "date");
        compare(out, "sessions", index(sessions), truth.get("sessions"), "id");
        compare(out, "totals", Map.of("all", daily.totals()), JSON.createArrayNode()
                .add(((com.fasterxml.jackson.databind.node.ObjectNode) truth.get("totals").deepCopy()).put("k", "all")),
                "k");
        assertThat(daily.totals().unpricedModels()).as("the generator's unknown model is listed, never priced")
                .containsExactly(CorpusGenerator.UNKNOWN_MODEL);
        return out;
    }

    private static Map<String, UsageTotals> index(UsageReport r) {
        Map<String, UsageTotals> out = new TreeMap<>();
        for (UsagePeriod p : r.periods()) {
            out.put(p.period(), p.totals());
        }
        return out;
    }

    private static void compare(List<String> out, String what, Map<String, UsageTotals> got, JsonNode truth,
            String key) {
        Map<String, JsonNode> want = new TreeMap<>();
        truth.forEach(t -> {
            if (t.get("calls").asLong() > 0) {
                want.put(t.get(key).asText(), t);
            }
        });
        if (!got.keySet().equals(want.keySet())) {
            out.add(what + ": reported " + got.keySet() + ", truth " + want.keySet());
        }
        want.forEach((k, t) -> {
            UsageTotals u = got.get(k);
            if (u == null) {
                return;
            }
            long[] g = {u.calls(), u.input(), u.output(), u.cacheWrite(), u.cacheRead()};
            String[] names = {"calls", "input", "output", "cacheWrite", "cacheRead"};
            for (int i = 0; i < names.length; i++) {
                if (g[i] != t.get(names[i]).asLong()) {
                    out.add(what + " " + k + " " + names[i] + ": reported " + g[i] + ", truth " + t.get(names[i]));
                }
            }
        });
    }
}
