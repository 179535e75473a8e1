package dev.llmsession.discovery.claudecode.pricing;

/**
 * Prices of one model family in USD per million tokens.
 *
 * @param input          uncached input
 * @param output         output
 * @param cacheWrite5m   5-minute cache write
 * @param cacheWrite1h   1-hour cache write
 * @param cacheRead      cache read
 */
public record ModelPrice(double input, double output, double cacheWrite5m, double cacheWrite1h, double cacheRead) {
}
