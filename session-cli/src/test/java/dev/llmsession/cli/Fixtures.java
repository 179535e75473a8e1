package dev.llmsession.cli;

import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Four sessions at a fixed "now", covering known, estimated and unknown figures. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-02-12T18:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String S1 = "4d5611e5-241a-4c2e-9d3f-0123456789ab";
    static final String S2 = "9b7e0c11-5f0c-4d2a-8e1b-0123456789ab";
    static final String S3 = "c0ffee00-0000-4000-8000-0123456789ab";
    static final String S4 = "4d5622aa-1111-4222-8333-0123456789ab";

    private Fixtures() {
    }

    /** Running, waiting for input, every figure measured. */
    static Session waiting() {
        return new Session(new SessionId("claude", S1), "claude-code", OptionalLong.of(12345),
                Activity.of(ActivityState.WAITING_INPUT, "registry sessions/12345.json status=idle"),
                Optional.of("/home/a/spotter-dov"), Optional.of("main"), Optional.of("Fix the flaky test"),
                Optional.of("claude-opus-4-6"), NOW.minus(Duration.ofMinutes(125)), NOW.minus(Duration.ofMinutes(3)),
                new TokenFigures(new TokenUsage(233, 28899, 559475, 12387553, 152), new TokenUsage(10, 20, 30, 40, 2),
                        TokenSource.MEASURED),
                new ContextFill(OptionalLong.of(131_200), 200_000, false, OptionalLong.of(167_000),
                        TokenSource.MEASURED),
                new Cost(OptionalDouble.of(10.11347), List.of(), "2026-02-01"),
                new ErrorCounts(0, 1, 0, List.of(NOW.minus(Duration.ofMinutes(5)))), DataQuality.CLEAN,
                List.of(Path.of("/home/a/.claude/projects/x/" + S1 + ".jsonl")));
    }

    /** Running and working, context unknown right after a compaction, cost unknown. */
    static Session compacted() {
        return new Session(new SessionId("claude", S2), "claude-code", OptionalLong.of(222),
                Activity.of(ActivityState.WORKING, "last line is a tool_use"),
                Optional.of("/home/a/work/a-very-long-project-name-for-truncation"), Optional.of("feature/x"),
                Optional.empty(), Optional.of("claude-sonnet-4-5-20250929"), NOW.minus(Duration.ofMinutes(20)),
                NOW.minus(Duration.ofSeconds(4)),
                new TokenFigures(new TokenUsage(10, 2000, 30000, 400000, 12), TokenUsage.ZERO, TokenSource.MEASURED),
                new ContextFill(OptionalLong.empty(), 200_000, false, OptionalLong.of(167_000), TokenSource.UNKNOWN),
                new Cost(OptionalDouble.empty(), List.of("claude-sonnet-9"), "2026-02-01"), ErrorCounts.NONE,
                DataQuality.CLEAN, List.of(Path.of("/home/a/.claude/projects/y/" + S2 + ".jsonl")));
    }

    /** Ended, nothing known. */
    static Session unknown() {
        return new Session(new SessionId("claude", S3), "claude-code", OptionalLong.empty(),
                Activity.of(ActivityState.ENDED, "no live process"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), NOW.minus(Duration.ofHours(30)), NOW.minus(Duration.ofHours(29)),
                TokenFigures.UNKNOWN,
                new ContextFill(OptionalLong.empty(), 200_000, true, OptionalLong.empty(), TokenSource.UNKNOWN),
                Cost.UNKNOWN, ErrorCounts.NONE, DataQuality.CLEAN, List.of());
    }

    /** Ended an hour ago, estimated tokens, window assumed. */
    static Session endedAssumed() {
        return new Session(new SessionId("claude", S4), "claude-code", OptionalLong.empty(),
                Activity.of(ActivityState.ENDED, "no live process"), Optional.of("/home/a/shop"), Optional.of("dev"),
                Optional.empty(), Optional.of("claude-haiku-4-5"), NOW.minus(Duration.ofHours(2)),
                NOW.minus(Duration.ofHours(1)),
                new TokenFigures(new TokenUsage(90000, 1000, 0, 0, 0), TokenUsage.ZERO, TokenSource.ESTIMATED),
                new ContextFill(OptionalLong.of(90_000), 200_000, true, OptionalLong.empty(), TokenSource.ESTIMATED),
                new Cost(OptionalDouble.of(0.004), List.of(), "2026-02-01"), ErrorCounts.NONE, DataQuality.CLEAN,
                List.of(Path.of("/home/a/.claude/projects/z/" + S4 + ".jsonl")));
    }

    static List<Session> all() {
        return List.of(waiting(), compacted(), unknown(), endedAssumed());
    }
}
