package dev.llmsession.cli.monitor;

import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.HealthComponent;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Recommendation;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Sessions, health reports and samples at a fixed "now", for the monitor's tests. */
final class MonitorFixtures {
    static final Instant NOW = Instant.parse("2026-02-12T18:00:00Z");

    private MonitorFixtures() {
    }

    /** A running session; {@code n} makes its id, pid and figures differ from the others'. */
    static Session session(int n, String project, ActivityState state, long context, Double cost) {
        String nativeId = String.format(Locale.ROOT, "%08x-1111-4222-8333-0123456789ab", 0x4d5611e5L + n * 0x1010L);
        return new Session(new SessionId("claude", nativeId), "claude-code", OptionalLong.of(1000 + n),
                Activity.of(state, "registry sessions/" + (1000 + n) + ".json status=" + state.label()),
                Optional.of("/home/a/" + project), Optional.of("main"), Optional.of("Task " + n),
                Optional.of(n % 2 == 0 ? "claude-opus-4-6" : "claude-sonnet-4-5-20250929"),
                NOW.minus(Duration.ofMinutes(20L + 7L * n)), NOW.minus(Duration.ofSeconds(5L + 31L * n)),
                new TokenFigures(new TokenUsage(233 + n, 28_899 + n, 559_475, 12_387_553 + 1000L * n, 152 + n),
                        new TokenUsage(10, 20, 30, 40, 2), TokenSource.MEASURED),
                new ContextFill(context < 0 ? OptionalLong.empty() : OptionalLong.of(context), 200_000, false,
                        OptionalLong.of(167_000), context < 0 ? TokenSource.UNKNOWN : TokenSource.MEASURED),
                new Cost(cost == null ? OptionalDouble.empty() : OptionalDouble.of(cost), List.of(), "2026-02-01"),
                new ErrorCounts(0, n % 3, 0, List.of(NOW.minus(Duration.ofMinutes(5)))), DataQuality.CLEAN,
                List.of(Path.of("/home/a/.claude/projects/x/" + nativeId + ".jsonl")));
    }

    /** A report of {@code score} with a breakdown and, below 80, a recommendation. */
    static HealthReport health(Session s, int score) {
        List<HealthComponent> components = List.of(
                new HealthComponent("tokens", OptionalDouble.of(0.5), "100,000 of 200,000 (50%)",
                        OptionalDouble.of(95), 0.4, 0.4),
                new HealthComponent("duration", OptionalDouble.of(3600), "1 h 00 min", OptionalDouble.of(80), 0.2,
                        0.2),
                new HealthComponent("activity", OptionalDouble.of(60), "1 min idle", OptionalDouble.of(99), 0.2, 0.2),
                new HealthComponent("errors", OptionalDouble.of(1), "1 in the last 30 min", OptionalDouble.of(85),
                        0.2, 0.2));
        List<Recommendation> recs = score >= 80 ? List.of() : List.of(new Recommendation(
                Recommendation.Severity.ACTION, "near-auto-compact",
                "Nearing auto-compact: export the context or /compact"));
        return new HealthReport(s.id(), OptionalInt.of(score), HealthLevel.of(score), components, recs);
    }

    /** Four sessions in different states; healthy except the second (warning) and the third (critical). */
    static MonitorData four() {
        List<Session> sessions = List.of(
                session(0, "spotter", ActivityState.WAITING_INPUT, 131_200, 10.11347),
                session(1, "shop", ActivityState.WORKING, 50_000, 1.5),
                session(2, "a-very-long-project-name-for-truncation", ActivityState.WAITING_PERMISSION, 160_000,
                        null),
                session(3, "api", ActivityState.IDLE, -1, 0.004));
        int[] scores = {92, 71, 48, 85};
        return data(sessions, scores);
    }

    /** {@code count} working sessions. */
    static MonitorData many(int count) {
        List<Session> sessions = new ArrayList<>();
        int[] scores = new int[count];
        for (int i = 0; i < count; i++) {
            sessions.add(session(i, "proj-" + i, ActivityState.WORKING, 10_000L * (i % 17), 0.25 * i));
            scores[i] = 100 - (i * 3) % 50;
        }
        return data(sessions, scores);
    }

    static MonitorData data(List<Session> sessions, int[] scores) {
        Map<SessionId, HealthReport> health = new HashMap<>();
        for (int i = 0; i < sessions.size(); i++) {
            health.put(sessions.get(i).id(), health(sessions.get(i), scores[i]));
        }
        return new MonitorData(NOW, sessions, health, List.of(), Optional.empty());
    }

    /** {@code data} with the last hour's context samples of {@code s}, rising from 20% to its current fill. */
    static MonitorData withTrend(MonitorData data, Session s) {
        List<SessionSample> samples = new ArrayList<>();
        long end = s.context().tokens().orElse(100_000);
        for (int i = 0; i <= 12; i++) {
            samples.add(new SessionSample(s.id(), NOW.minus(Duration.ofMinutes(50 - 4L * i)),
                    OptionalLong.of(40_000 + (end - 40_000) * i / 12), OptionalLong.empty(), OptionalInt.empty()));
        }
        return new MonitorData(data.takenAt(), data.sessions(), data.health(), data.warnings(),
                Optional.of(new MonitorData.Trend(s.id(), NOW.minus(Duration.ofHours(1)), samples)), data.block());
    }

    /**
     * {@code data} with a usage block open from 15:00 to 20:00, so 2h00 left at NOW: 1.2M tokens, $4.20, $1.90/h.
     */
    static MonitorData withBlock(MonitorData data) {
        Instant start = NOW.minus(Duration.ofHours(3));
        dev.llmsession.api.UsageTotals totals = new dev.llmsession.api.UsageTotals(42, 20_000, 30_000, 150_000,
                1_000_000, 4.20, List.of());
        dev.llmsession.api.UsageBlock block = new dev.llmsession.api.UsageBlock(start,
                start.plus(dev.llmsession.api.UsageBlock.LENGTH), Optional.of(NOW.minus(Duration.ofMinutes(1))), true, false,
                totals, List.of(), Optional.of(new dev.llmsession.api.UsageBlock.BurnRate(300, 7_200, 1.90)),
                Optional.empty(), Optional.empty());
        return data.withBlock(Optional.of(block));
    }
}
