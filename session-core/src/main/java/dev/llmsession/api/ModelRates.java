package dev.llmsession.api;

/**
 * A user's own prices for a model, in USD per million tokens, replacing the built-in price table's for every call
 * of that model. One cache-write rate: the index keeps cache writes as one figure, so the 5-minute and 1-hour
 * rates cannot be told apart here.
 *
 * @param input      uncached input
 * @param output     output
 * @param cacheWrite cache write
 * @param cacheRead  cache read
 * @since 0.1
 */
public record ModelRates(double input, double output, double cacheWrite, double cacheRead) {
    public ModelRates {
        check("input", input);
        check("output", output);
        check("cacheWrite", cacheWrite);
        check("cacheRead", cacheRead);
    }

    private static void check(String name, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(name + " must be a price of 0 or more USD per million tokens, got " + v);
        }
    }

    /** The cost in USD of the given token counts. */
    public double cost(long in, long out, long write, long read) {
        return (in * input + out * output + write * cacheWrite + read * cacheRead) / 1_000_000.0;
    }
}
