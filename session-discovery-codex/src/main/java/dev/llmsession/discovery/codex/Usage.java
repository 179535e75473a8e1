package dev.llmsession.discovery.codex;

/**
 * One Codex {@code TokenUsage} object. Codex counts cached input inside {@code input_tokens} and reasoning inside
 * {@code output_tokens}; {@code cache_write_input_tokens} (0.171+) is inside the input as well.
 *
 * @param input      {@code input_tokens}, cached included
 * @param cached     {@code cached_input_tokens}
 * @param cacheWrite {@code cache_write_input_tokens}, 0 when absent
 * @param output     {@code output_tokens}, reasoning included
 * @param reasoning  {@code reasoning_output_tokens}
 * @param total      {@code total_tokens} (input + output)
 */
record Usage(long input, long cached, long cacheWrite, long output, long reasoning, long total) {
    static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0);
    /** A usage object with a count that is not a non-negative integer: the figure is unknown, never 0. */
    static final Usage INVALID = new Usage(-1, -1, -1, -1, -1, -1);

    /** Whether every count is zero (Codex writes such a "last call" right after a compaction). */
    boolean isZero() {
        return equals(ZERO);
    }

    /** Input that was neither read from nor written to the cache. */
    long uncachedInput() {
        return Math.max(0, input - cached - cacheWrite);
    }

    /** This running total minus an earlier one, no count below zero. */
    Usage minus(Usage earlier) {
        return new Usage(Math.max(0, input - earlier.input), Math.max(0, cached - earlier.cached),
                Math.max(0, cacheWrite - earlier.cacheWrite), Math.max(0, output - earlier.output),
                Math.max(0, reasoning - earlier.reasoning), Math.max(0, total - earlier.total));
    }

    Usage plus(Usage other) {
        return new Usage(input + other.input, cached + other.cached, cacheWrite + other.cacheWrite,
                output + other.output, reasoning + other.reasoning, total + other.total);
    }

    /** Whether a running total went down: Codex started counting again (a resume), not negative usage. */
    boolean droppedFrom(Usage earlier) {
        return total < earlier.total || input < earlier.input || output < earlier.output;
    }
}
