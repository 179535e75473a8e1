package dev.llmsession.api;

import java.util.List;
import java.util.Objects;

/**
 * Summed API calls.
 *
 * @param calls          number of de-duplicated API calls
 * @param input          input tokens
 * @param output         output tokens
 * @param cacheWrite     cache-write tokens
 * @param cacheRead      cache-read tokens
 * @param pricedCostUsd  the cost of the calls that have a price
 * @param unpricedModels models (sorted) whose calls have no price: when not empty the true cost is unknown and
 *                       {@code pricedCostUsd} is only a lower bound
 * @since 0.1
 */
public record UsageTotals(long calls, long input, long output, long cacheWrite, long cacheRead, double pricedCostUsd,
        List<String> unpricedModels) {
    /** No calls. */
    public static final UsageTotals NONE = new UsageTotals(0, 0, 0, 0, 0, 0, List.of());

    public UsageTotals {
        unpricedModels = List.copyOf(Objects.requireNonNull(unpricedModels, "unpricedModels"));
    }

    /** All four token classes. */
    public long totalTokens() {
        return input + output + cacheWrite + cacheRead;
    }

    /** Whether every call is priced, so {@link #pricedCostUsd()} is the whole cost. */
    public boolean costKnown() {
        return unpricedModels.isEmpty();
    }
}
