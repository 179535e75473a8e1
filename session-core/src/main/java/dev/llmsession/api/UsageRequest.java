package dev.llmsession.api;

import dev.llmsession.error.UsageException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What usage report to make.
 *
 * @param kind       daily, weekly, monthly, session or blocks
 * @param since      first day (inclusive, in {@code zone}); empty: from the first call
 * @param until      last day (inclusive, in {@code zone}); empty: to the last call
 * @param zone       the time zone of days, weeks and months
 * @param project    only sessions of this project (last element of the cwd)
 * @param assistant  only this assistant's calls
 * @param descending newest first
 * @param prices     the user's price overrides by model id or model-id prefix (the longest matching key wins)
 * @param tokenLimit blocks: the limit to mark the active block against
 * @since 0.1
 */
public record UsageRequest(UsageKind kind, Optional<LocalDate> since, Optional<LocalDate> until, ZoneId zone,
        Optional<String> project, Optional<String> assistant, boolean descending, Map<String, ModelRates> prices,
        Optional<TokenLimit> tokenLimit) {
    public UsageRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(assistant, "assistant");
        prices = Map.copyOf(prices);
        Objects.requireNonNull(tokenLimit, "tokenLimit");
        if (since.isPresent() && until.isPresent() && since.get().isAfter(until.get())) {
            throw new UsageException("--since " + since.get() + " is after --until " + until.get());
        }
    }

    /** Every call of every assistant, oldest first, without overrides or limit. */
    public static UsageRequest of(UsageKind kind, ZoneId zone) {
        return new UsageRequest(kind, Optional.empty(), Optional.empty(), zone, Optional.empty(), Optional.empty(),
                false, Map.of(), Optional.empty());
    }

    /**
     * A token limit: a number, or the largest total of any finished block ({@code max}).
     *
     * @param tokens the limit; ignored when {@code max}
     * @param max    use the largest finished block's total
     * @since 0.1
     */
    public record TokenLimit(long tokens, boolean max) {
        public TokenLimit {
            if (!max && tokens <= 0) {
                throw new UsageException("--token-limit must be a positive number of tokens or 'max', got " + tokens);
            }
        }
    }
}
