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
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.storage.sqlite.SqliteStoreProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's invariants as properties, over random corpora with every counting-rule edge case
 * ({@link CorpusGenerator} {@code --edge-cases}) written to disk on random append schedules (each file grows by
 * random cuts: mid-line, mid-UTF-8, before and after a missing last newline), then appended to by the generator:
 * <ul>
 *   <li>per session, {@code list} equals {@code usage session} (calls and all four classes);</li>
 *   <li>grand totals are equal across {@code list}, {@code usage daily}, {@code monthly} and {@code session};</li>
 *   <li>an incremental run (the store of every earlier step) equals a cold one (a fresh store), at every step;</li>
 *   <li>once every byte is written: {@code usage daily} per day, {@code usage session} per session, failed
 *       turns and invalid counts per session and the grand totals equal the generator's truth.</li>
 * </ul>
 */
final class CountingInvariantsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private static final long[] SEEDS = {3, 17, 101};
    private static final int STEPS = 3;

    @Test
    void invariantsHold_onRandomCorporaAndRandomAppendSchedules(@TempDir Path tmp) throws IOException {
        for (long seed : SEEDS) {
            Path full = tmp.resolve("full-" + seed);
            CorpusGenerator.generate(full, 320 << 10, seed, "320k", false, true);
            Path live = tmp.resolve("live-" + seed);
            Path store = tmp.resolve("store-" + seed);
            List<Path> files = transcripts(full);
            long[] written = new long[files.size()];
            SplittableRandom r = new SplittableRandom(seed * 31 + 7);
            for (int step = 1; step <= STEPS; step++) {
                for (int i = 0; i < files.size(); i++) {
                    long size = Files.size(files.get(i));
                    long next = step == STEPS ? size : written[i] + (long) (r.nextDouble() * (size - written[i]));
                    grow(files.get(i), full, live, written[i], next);
                    written[i] = next;
                }
                Snapshot incremental = snapshot(live, store);
                assertConsistent(incremental, "seed " + seed + " step " + step);
                assertThat(incremental).as("seed %d step %d: incremental == cold", seed, step)
                        .isEqualTo(snapshot(live, tmp.resolve("cold-" + seed + "-" + step)));
            }
            for (Path f : files) {
                Files.setLastModifiedTime(live.resolve(full.relativize(f)), Files.getLastModifiedTime(f));
            }
            for (String meta : List.of(CorpusGenerator.TRUTH_FILE, CorpusGenerator.STATE_FILE)) {
                Files.copy(full.resolve(meta), live.resolve(meta), StandardCopyOption.REPLACE_EXISTING);
            }
            Snapshot whole = snapshot(live, store);
            assertThat(mismatches(whole, live)).as("seed %d, every byte written", seed).isEmpty();

            // the generator appends whole calls (after the newline a last line lacked): truth again, incrementally
            CorpusGenerator.append(live, 5);
            Snapshot appended = snapshot(live, store);
            assertConsistent(appended, "seed " + seed + " appended");
            assertThat(mismatches(appended, live)).as("seed %d, after an append round", seed).isEmpty();
            assertThat(appended).isEqualTo(snapshot(live, tmp.resolve("cold-" + seed + "-appended")));
        }
    }

    @Test
    void edgeCorpus_holdsEveryShapeTheRulesAreAbout(@TempDir Path tmp) throws IOException {
        CorpusGenerator.generate(tmp, 2 << 20, 5, "2m", false, true);
        List<Path> files = transcripts(tmp);
        JsonNode truth = JSON.readTree(tmp.resolve(CorpusGenerator.TRUTH_FILE).toFile());

        assertThat(files).anyMatch(p -> p.getFileName().toString().startsWith("agent-aside_question-"));
        assertThat(files.stream().filter(p -> !read(p).endsWith("\n")).count()).as("open ends and a cut line")
                .isGreaterThan(1);
        long invalid = 0;
        long failed = 0;
        for (JsonNode s : truth.get("sessions")) {
            invalid += s.get("invalidCalls").asLong();
            failed += s.get("apiErrors").asLong();
        }
        assertThat(invalid).isPositive();
        assertThat(failed).isPositive();
        String all = String.join("\n", files.stream().map(CountingInvariantsTest::read).toList());
        assertThat(all.contains("T23:59:59.")).as("a stream starting just before UTC midnight").isTrue();
        assertThat(java.util.regex.Pattern.compile("\"input_tokens\":(null|\"12\"|1\\.5|-3|1099511627777|"
                + "9223372036854775807|99999999999999999999),").matcher(all).find()).as("an invalid count").isTrue();
        // a resumed session: some call key appears in two main files of one project
        Map<String, List<Path>> mainsByKey = new TreeMap<>();
        for (Path f : files) {
            if (f.getParent().getParent().getFileName().toString().equals("projects")) {
                for (String line : read(f).split("\n")) {
                    int at = line.indexOf("\"id\":\"msg_01");
                    if (at >= 0 && line.contains("\"type\":\"assistant\"")) {
                        mainsByKey.computeIfAbsent(line.substring(at + 6, at + 34), k -> new ArrayList<>()).add(f);
                    }
                }
            }
        }
        assertThat(mainsByKey.values()).anyMatch(l -> l.stream().distinct().count() > 1);
    }

    // ---------------------------------------------------------------- what one run reports

    /**
     * Everything the invariants compare, from one run: per session what {@code list} says (calls, four classes,
     * failed turns, invalid counts), and the usage reports per session, day and month with their totals.
     */
    record Snapshot(Map<String, List<Long>> list, Map<String, List<Long>> sessions, Map<String, List<Long>> days,
            Map<String, List<Long>> months, List<List<Long>> totals) {
    }

    private static Snapshot snapshot(Path home, Path data) {
        try (LlmSessions llm = LlmSessions.builder()
                .discovery(new ClaudeCodeDiscoveryProvider())
                .store(new SqliteStoreProvider())
                .context(new ProviderContext(home, Map.of(), CLOCK,
                        Map.of(SqliteStoreProvider.DIR_SETTING, data.toString())))
                .build()) {
            Map<String, List<Long>> list = new TreeMap<>();
            for (Session s : llm.catalog().list(SessionQuery.ALL).sessions()) {
                TokenUsage t = s.tokens().total();
                list.put(s.id().nativeId(), List.of(t.apiCalls(), t.input(), t.output(), t.cacheWrite(),
                        t.cacheRead(), (long) s.errors().api(), s.quality().invalidCounts()));
            }
            UsageReport session = llm.usage().orElseThrow().report(UsageRequest.of(UsageKind.SESSION, ZoneOffset.UTC));
            UsageReport daily = llm.usage().orElseThrow().report(UsageRequest.of(UsageKind.DAILY, ZoneOffset.UTC));
            UsageReport monthly = llm.usage().orElseThrow().report(UsageRequest.of(UsageKind.MONTHLY, ZoneOffset.UTC));
            return new Snapshot(list, periods(session), periods(daily), periods(monthly),
                    List.of(figures(session.totals()), figures(daily.totals()), figures(monthly.totals())));
        }
    }

    private static void assertConsistent(Snapshot s, String when) {
        long[] listTotal = new long[5];
        s.list().forEach((id, f) -> {
            List<Long> calls = f.subList(0, 5);
            List<Long> usage = s.sessions().getOrDefault(id, List.of(0L, 0L, 0L, 0L, 0L));
            assertThat(usage).as("%s: session %s, usage session == list", when, id).isEqualTo(calls);
            for (int i = 0; i < 5; i++) {
                listTotal[i] += calls.get(i);
            }
        });
        assertThat(s.list().keySet()).as("%s: every usage session is listed", when)
                .containsAll(s.sessions().keySet());
        List<Long> grand = Arrays.stream(listTotal).boxed().toList();
        assertThat(s.totals()).as("%s: session, daily and monthly totals == list", when)
                .containsOnly(grand);
        assertThat(sum(s.days())).as("%s: days sum to the total", when).isEqualTo(grand);
    }

    private static List<String> mismatches(Snapshot s, Path home) throws IOException {
        JsonNode truth = JSON.readTree(home.resolve(CorpusGenerator.TRUTH_FILE).toFile());
        List<String> out = new ArrayList<>();
        Map<String, List<Long>> days = new TreeMap<>();
        truth.get("days").forEach(d -> {
            if (d.get("calls").asLong() > 0) {
                days.put(d.get("date").asText(), figures(d));
            }
        });
        if (!days.equals(s.days())) {
            out.add("days: reported " + s.days() + ", truth " + days);
        }
        for (JsonNode t : truth.get("sessions")) {
            String id = t.get("id").asText();
            List<Long> want = new ArrayList<>(figures(t));
            want.add(t.get("apiErrors").asLong());
            want.add(t.get("invalidCalls").asLong());
            if (!want.equals(s.list().get(id))) {
                out.add("session " + id + ": listed " + s.list().get(id) + ", truth " + want);
            }
        }
        if (s.list().size() != truth.get("sessions").size()) {
            out.add("sessions listed " + s.list().keySet() + ", truth has " + truth.get("sessions").size());
        }
        if (!figures(truth.get("totals")).equals(s.totals().get(0))) {
            out.add("totals: reported " + s.totals() + ", truth " + truth.get("totals"));
        }
        return out;
    }

    private static Map<String, List<Long>> periods(UsageReport r) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (UsagePeriod p : r.periods()) {
            out.put(p.period(), figures(p.totals()));
        }
        return out;
    }

    private static List<Long> figures(UsageTotals t) {
        return List.of(t.calls(), t.input(), t.output(), t.cacheWrite(), t.cacheRead());
    }

    private static List<Long> figures(JsonNode t) {
        return List.of(t.get("calls").asLong(), t.get("input").asLong(), t.get("output").asLong(),
                t.get("cacheWrite").asLong(), t.get("cacheRead").asLong());
    }

    private static List<Long> sum(Map<String, List<Long>> rows) {
        long[] total = new long[5];
        rows.values().forEach(f -> {
            for (int i = 0; i < 5; i++) {
                total[i] += f.get(i);
            }
        });
        return Arrays.stream(total).boxed().toList();
    }

    // ---------------------------------------------------------------- writing on a schedule

    /** Appends bytes [from, to) of {@code file} (under {@code full}) to its copy under {@code live}. */
    private static void grow(Path file, Path full, Path live, long from, long to) throws IOException {
        Path target = live.resolve(full.relativize(file));
        Files.createDirectories(target.getParent());
        byte[] all = Files.readAllBytes(file);
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(all, (int) from, (int) (to - from));
        }
    }

    private static List<Path> transcripts(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir.resolve(".claude"))) {
            return walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
