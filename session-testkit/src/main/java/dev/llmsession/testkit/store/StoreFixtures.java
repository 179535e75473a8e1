package dev.llmsession.testkit.store;

import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.SnapshotHistory.Snapshot;
import dev.llmsession.spi.TranscriptIndex.Entry;
import dev.llmsession.spi.TranscriptIndex.UsageRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Hand-built sessions, snapshots, index entries and usage rows the role contracts share. */
public final class StoreFixtures {
    /** The start of the fixtures' day. */
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private StoreFixtures() {
    }

    /** A Claude Code session in {@code cwd} whose context holds {@code contextTokens} ({@code -1}: unknown). */
    public static Session session(String nativeId, String cwd, Instant lastActivity, long contextTokens) {
        OptionalLong ctx = contextTokens < 0 ? OptionalLong.empty() : OptionalLong.of(contextTokens);
        TokenFigures tokens = contextTokens < 0 ? TokenFigures.UNKNOWN
                : new TokenFigures(new TokenUsage(10, 20 + contextTokens, 30, 40, 3), new TokenUsage(1, 2, 3, 4, 1),
                        TokenSource.MEASURED);
        return new Session(new SessionId("claude", nativeId), "claude-code", OptionalLong.of(4242),
                Activity.of(ActivityState.WAITING_INPUT, "registry sessions/4242.json status=idle"),
                Optional.of(cwd), Optional.of("main"), Optional.of("Fix the " + nativeId + " bug"),
                Optional.of("claude-opus-4-5"), T0, lastActivity, tokens,
                new ContextFill(ctx, 200_000, false, OptionalLong.of(167_000), TokenSource.MEASURED),
                new Cost(OptionalDouble.of(1.25), List.of(), "2026-02-01"),
                new ErrorCounts(1, 2, 0, List.of(T0.plusSeconds(60))), DataQuality.CLEAN,
                List.of(Path.of("/home/u/.claude/projects/p/" + nativeId + ".jsonl")));
    }

    /** {@code session} with the given score (empty: unknown health). */
    public static Snapshot snapshot(Session session, OptionalInt score) {
        return new Snapshot(session, new HealthReport(session.id(), score,
                score.isPresent() ? HealthLevel.of(score.getAsInt()) : HealthLevel.UNKNOWN, List.of(), List.of()));
    }

    /** A session in {@code /work/<nativeId>} last active {@code secondsAfterT0} after {@link #T0}. */
    public static Snapshot snapshot(String nativeId, long secondsAfterT0, long contextTokens, int score) {
        return snapshot(session(nativeId, "/work/" + nativeId, T0.plusSeconds(secondsAfterT0), contextTokens),
                OptionalInt.of(score));
    }

    /** An index entry read up to {@code offset}. */
    public static Entry entry(String path, long offset, String state) {
        return new Entry(path, "inode-" + path.hashCode(), offset + 10, 1_700_000_000_000L + offset, offset,
                state.getBytes(StandardCharsets.UTF_8));
    }

    /** One call of {@code session} at {@code at} with {@code in} input tokens, priced at {@code cost} (NaN: none). */
    public static UsageRow row(String session, String key, Instant at, long in, double cost) {
        return new UsageRow(session, key, at.toEpochMilli(), "claude-opus-4-5", in, 2 * in, 3, 4, cost, false);
    }
}
