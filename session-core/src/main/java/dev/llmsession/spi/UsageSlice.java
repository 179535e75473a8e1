package dev.llmsession.spi;

import java.util.Objects;

/**
 * De-duplicated API calls of one session and one model within one 15-minute UTC slot, summed: the coarse
 * aggregate a store hands to the usage reports, small enough to read for a whole history, fine enough to bucket
 * into days of any time zone (every zone offset in use is a multiple of 15 minutes) and into 5-hour blocks.
 * Calls exactly on a full UTC hour form their own slice ({@code onHour}), so a block that ends exactly at that
 * instant can keep them while the rest of the slot starts the next block.
 *
 * @param assistant     the assistant (adapter) id, e.g. {@code claude-code}
 * @param sessionId     the native session id
 * @param project       the session's project (last element of its cwd), empty when the store does not know it
 * @param model         model id
 * @param slot          start of the 15-minute UTC slot, epoch milliseconds
 * @param onHour        whether every call of the slice is exactly at a full UTC hour
 * @param firstAt       epoch milliseconds of the slice's earliest call
 * @param lastAt        epoch milliseconds of its latest call
 * @param calls         number of API calls
 * @param input         input tokens
 * @param output        output tokens
 * @param cacheWrite    cache-write tokens
 * @param cacheRead     cache-read tokens
 * @param pricedCostUsd the summed cost of the calls that have a price
 * @param unpricedCalls calls whose model had no price when indexed (their cost is unknown, never 0)
 * @since 0.1
 */
public record UsageSlice(String assistant, String sessionId, String project, String model, long slot,
        boolean onHour, long firstAt, long lastAt, long calls, long input, long output, long cacheWrite,
        long cacheRead, double pricedCostUsd, long unpricedCalls) {

    /** Length of a slot in milliseconds. */
    public static final long SLOT_MILLIS = 15 * 60 * 1000L;

    public UsageSlice {
        Objects.requireNonNull(assistant, "assistant");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(model, "model");
        if (firstAt > lastAt || calls < 1) {
            throw new IllegalArgumentException("a slice holds at least one call, firstAt <= lastAt");
        }
    }
}
