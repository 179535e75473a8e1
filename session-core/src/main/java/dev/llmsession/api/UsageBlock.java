package dev.llmsession.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A 5-hour billing block as ccusage defines it: it starts at its first call rounded down to the full UTC hour and
 * takes every call until one comes more than 5 hours after the block's start or more than 5 hours after the call
 * before it. A gap block stands for a pause of more than 5 hours between two blocks.
 *
 * @param start      block start (for a gap: 5 hours after the last call before it)
 * @param end        start + 5 hours (for a gap: the next call)
 * @param lastAt     the block's latest call (empty for a gap)
 * @param active     whether the block is still open at "now": its end is ahead and its last call is less than
 *                   5 hours ago
 * @param gap        whether this is a gap block
 * @param totals     its calls summed
 * @param models     per model, largest total tokens first
 * @param burnRate   the active block's rate from its first to its last call (empty unless active and the two
 *                   differ)
 * @param projection the active block's totals at its end if the rate holds
 * @param limit      the active block against {@code --token-limit}
 * @since 0.1
 */
public record UsageBlock(Instant start, Instant end, Optional<Instant> lastAt, boolean active, boolean gap,
        UsageTotals totals, List<ModelUsage> models, Optional<BurnRate> burnRate, Optional<Projection> projection,
        Optional<LimitStatus> limit) {
    /** A block's length. */
    public static final Duration LENGTH = Duration.ofHours(5);

    public UsageBlock {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(lastAt, "lastAt");
        Objects.requireNonNull(totals, "totals");
        models = List.copyOf(models);
        Objects.requireNonNull(burnRate, "burnRate");
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(limit, "limit");
    }

    /** Time left until the block ends (the "reset"), zero when it has ended. */
    public Duration timeToReset(Instant now) {
        Duration left = Duration.between(now, end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * How fast the active block spends.
     *
     * @param tokensPerMinute      input + output tokens per minute (ccusage's figure)
     * @param totalTokensPerMinute all four token classes per minute
     * @param costPerHour          priced cost per hour
     * @since 0.1
     */
    public record BurnRate(double tokensPerMinute, double totalTokensPerMinute, double costPerHour) {
    }

    /**
     * The active block at its end if the burn rate holds.
     *
     * @param tokens           input + output tokens (ccusage's figure)
     * @param totalTokens      all four token classes
     * @param costUsd          priced cost
     * @param remainingMinutes minutes until the block ends
     * @since 0.1
     */
    public record Projection(long tokens, long totalTokens, double costUsd, long remainingMinutes) {
    }

    /**
     * The active block against a token limit (all four token classes).
     *
     * @param limit           the limit in tokens
     * @param maxFromHistory  whether the limit is the largest finished block's total ({@code --token-limit max})
     * @param usedTokens      tokens so far
     * @param projectedTokens tokens at the block's end if the rate holds (the tokens so far without a rate)
     * @param percentUsed     projected tokens as a percentage of the limit
     * @param level           ok below 70 %, warning from 70 %, critical from 90 %, exceeds above 100 %
     * @since 0.1
     */
    public record LimitStatus(long limit, boolean maxFromHistory, long usedTokens, long projectedTokens,
            double percentUsed, Level level) {
        public LimitStatus {
            Objects.requireNonNull(level, "level");
        }

        /** The mark at {@link #percentUsed()}. */
        public static Level levelOf(double percent) {
            return percent > 100 ? Level.EXCEEDS : percent >= 90 ? Level.CRITICAL : percent >= 70 ? Level.WARNING
                    : Level.OK;
        }
    }

    /**
     * Marks against a token limit.
     *
     * @since 0.1
     */
    public enum Level {
        OK, WARNING, CRITICAL, EXCEEDS
    }
}
