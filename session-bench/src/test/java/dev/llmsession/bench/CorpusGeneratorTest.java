package dev.llmsession.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.discovery.claudecode.ClaudeCodeDiscoveryProvider;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.ProviderContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CorpusGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void sameSeedWritesByteIdenticalCorpus(@TempDir Path tmp) throws Exception {
        CorpusGenerator.generate(tmp.resolve("a"), 1 << 20, 7, "1m");
        CorpusGenerator.generate(tmp.resolve("b"), 1 << 20, 7, "1m");
        CorpusGenerator.generate(tmp.resolve("c"), 1 << 20, 8, "1m");

        assertThat(hash(tmp.resolve("a"))).isEqualTo(hash(tmp.resolve("b")));
        assertThat(hash(tmp.resolve("a"))).isNotEqualTo(hash(tmp.resolve("c")));
    }

    @Test
    void corpusHoldsEveryFeatureTheBenchmarkNeeds(@TempDir Path tmp) throws Exception {
        CorpusGenerator.generate(tmp, 4 << 20, 42, "4m");
        List<Path> files = jsonl(tmp);
        String all = files.stream().map(CorpusGeneratorTest::read).collect(Collectors.joining("\n"));

        assertThat(files).anyMatch(p -> p.toString().contains("/subagents/agent-acompact-"));
        assertThat(files).anyMatch(p -> p.getFileName().toString().matches("agent-[0-9a-f]{7}\\.jsonl"));
        assertThat(all).contains("\"subtype\":\"compact_boundary\"", "\"isCompactSummary\":true",
                "\"is_error\":true", "\"type\":\"progress\"", "\"isApiErrorMessage\":true",
                "\"ephemeral_1h_input_tokens\":", "\"type\":\"base64\"", CorpusGenerator.UNKNOWN_MODEL);
        assertThat(files.stream().filter(p -> !read(p).endsWith("\n"))).hasSize(1);
        JsonNode truth = truth(tmp);
        assertThat(truth.get("sessions")).hasSizeGreaterThan(8);
        assertThat(truth.get("sessions").findValues("contextNow")).anyMatch(JsonNode::isNull);
    }

    @Test
    void claudeAdapterReportsExactlyTheTruth(@TempDir Path tmp) throws Exception {
        CorpusGenerator.generate(tmp, 4 << 20, 42, "4m");
        assertThat(mismatches(tmp)).isEmpty();
    }

    @Test
    void appendedCallsAreInTheTruthAndTheAdapterSeesThem(@TempDir Path tmp) throws Exception {
        CorpusGenerator.generate(tmp, 2 << 20, 3, "2m");
        long before = truth(tmp).get("totals").get("calls").asLong();

        CorpusGenerator.append(tmp, 3);
        CorpusGenerator.append(tmp, 3);

        JsonNode truth = truth(tmp);
        assertThat(truth.get("appendRounds").asInt()).isEqualTo(2);
        assertThat(truth.get("totals").get("calls").asLong()).isGreaterThanOrEqualTo(before + 6);
        assertThat(mismatches(tmp)).isEmpty();
    }

    /** Every difference between what the adapter reports and truth.json, one readable line each. */
    private static List<String> mismatches(Path home) throws IOException {
        List<Session> sessions;
        try (LlmSessions llm = LlmSessions.builder()
                .discovery(new ClaudeCodeDiscoveryProvider())
                .context(new ProviderContext(home, Map.of(), CLOCK, Map.of()))
                .build()) {
            sessions = llm.catalog().list(SessionQuery.ALL).sessions();
        }
        Map<String, Session> byId = sessions.stream()
                .collect(Collectors.toMap(s -> s.id().nativeId(), Function.identity()));
        List<String> out = new ArrayList<>();
        JsonNode truth = truth(home);
        assertThat(byId.keySet()).hasSize(truth.get("sessions").size());
        for (JsonNode t : truth.get("sessions")) {
            String id = t.get("id").asText();
            Session s = byId.get(id);
            if (s == null) {
                out.add(id + ": not listed");
                continue;
            }
            compare(out, id + " total", s.tokens().total(), t);
            compare(out, id + " subagents", s.tokens().subagents(), t.get("subagents"));
            String ctx = s.context().tokens().isPresent() ? Long.toString(s.context().tokens().getAsLong()) : "null";
            String expected = t.get("contextNow").isNull() ? "null" : t.get("contextNow").asText();
            if (!ctx.equals(expected)) {
                out.add(id + " contextNow: adapter " + ctx + ", truth " + expected);
            }
        }
        return out;
    }

    private static void compare(List<String> out, String what, TokenUsage u, JsonNode t) {
        long[] got = {u.apiCalls(), u.input(), u.output(), u.cacheWrite(), u.cacheRead()};
        String[] names = {"calls", "input", "output", "cacheWrite", "cacheRead"};
        for (int i = 0; i < names.length; i++) {
            long want = t.get(names[i]).asLong();
            if (got[i] != want) {
                out.add(what + " " + names[i] + ": adapter " + got[i] + ", truth " + want);
            }
        }
    }

    private static JsonNode truth(Path dir) throws IOException {
        return JSON.readTree(dir.resolve(CorpusGenerator.TRUTH_FILE).toFile());
    }

    private static List<Path> jsonl(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String hash(Path dir) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                md.update(dir.relativize(p).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (p.toString().endsWith(".jsonl")) {
                    // Transcript mtimes are part of the corpus (set from the last line's timestamp).
                    md.update(Long.toString(Files.getLastModifiedTime(p).toMillis()).getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
                }
                try (InputStream in = Files.newInputStream(p)) {
                    md.update(in.readAllBytes());
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
