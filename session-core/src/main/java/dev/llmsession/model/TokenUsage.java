package dev.llmsession.model;

/**
 * Token counts of the four billing classes plus the number of API calls they came from.
 *
 * @param input      uncached input tokens
 * @param output     output tokens (thinking included)
 * @param cacheWrite cache-creation tokens (all TTLs)
 * @param cacheRead  cache-read tokens
 * @param apiCalls   distinct API calls counted
 * @since 0.1
 */
public record TokenUsage(long input, long output, long cacheWrite, long cacheRead, long apiCalls) {
    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0, 0);

    public TokenUsage {
        if (input < 0 || output < 0 || cacheWrite < 0 || cacheRead < 0 || apiCalls < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** Sum of the four token classes. */
    public long total() {
        return input + output + cacheWrite + cacheRead;
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(input + other.input, output + other.output, cacheWrite + other.cacheWrite,
                cacheRead + other.cacheRead, apiCalls + other.apiCalls);
    }
}
