package dev.llmsession.discovery.claudecode.transcript;

import java.time.Instant;

/**
 * The usage of one assistant line (one copy of one API call).
 *
 * @param messageId    {@code message.id}, or null when absent
 * @param requestId    {@code requestId}, or null when absent
 * @param model        {@code message.model}, or null
 * @param input        uncached input tokens
 * @param output       output tokens
 * @param cacheWrite5m 5-minute cache writes from the TTL breakdown
 * @param cacheWrite1h 1-hour cache writes from the TTL breakdown
 * @param cacheWriteFlat the flat {@code cache_creation_input_tokens}
 * @param cacheRead    cache-read tokens
 * @param fast         {@code usage.speed == "fast"}
 * @param timestamp    the line's timestamp, or null
 * @param sidechain    a sub-agent call (sidechain line or sub-agent file)
 * @param valid        every count of the line was a count; when false the counts are 0 and mean nothing (the
 *                     call's figure is unknown, SPEC §4 rule 9)
 */
public record UsageRecord(String messageId, String requestId, String model, long input, long output,
        long cacheWrite5m, long cacheWrite1h, long cacheWriteFlat, long cacheRead, boolean fast,
        Instant timestamp, boolean sidechain, boolean valid) {

    /** A record whose counts were all valid. */
    public UsageRecord(String messageId, String requestId, String model, long input, long output, long cacheWrite5m,
            long cacheWrite1h, long cacheWriteFlat, long cacheRead, boolean fast, Instant timestamp,
            boolean sidechain) {
        this(messageId, requestId, model, input, output, cacheWrite5m, cacheWrite1h, cacheWriteFlat, cacheRead, fast,
                timestamp, sidechain, true);
    }

    /** A call copy whose counts are unknown (they are kept as 0 and never summed). */
    public static UsageRecord unknownCounts(String messageId, String requestId, String model, Instant timestamp,
            boolean sidechain) {
        return new UsageRecord(messageId, requestId, model, 0, 0, 0, 0, 0, 0, false, timestamp, sidechain, false);
    }

    /**
     * The copy of one call that stands for it, of this and {@code other} (same key): the one with the larger
     * total, with the earlier of the two timestamps (a call's day is that of its first line), a sub-agent call only
     * if both are, and unknown counts if either copy had them (a final copy that cannot be read must not leave a
     * smaller placeholder copy standing as if it were the call).
     */
    public UsageRecord merge(UsageRecord other) {
        UsageRecord kept = other.total() > total() ? other : this;
        Instant first = timestamp == null ? other.timestamp
                : other.timestamp == null || !other.timestamp.isBefore(timestamp) ? timestamp : other.timestamp;
        boolean side = sidechain && other.sidechain;
        boolean ok = valid && other.valid;
        if (!ok) {
            return unknownCounts(kept.messageId, kept.requestId, kept.model, first, side);
        }
        if (kept.sidechain == side && java.util.Objects.equals(kept.timestamp, first)) {
            return kept;
        }
        return new UsageRecord(kept.messageId, kept.requestId, kept.model, kept.input, kept.output, kept.cacheWrite5m,
                kept.cacheWrite1h, kept.cacheWriteFlat, kept.cacheRead, kept.fast, first, side, true);
    }

    /** De-duplication key: {@code message.id|requestId}, the message id alone, or null without a message id. */
    public String key() {
        if (messageId == null) {
            return null;
        }
        return requestId == null ? messageId : messageId + "|" + requestId;
    }

    /** Whether the TTL breakdown carries the cache writes. */
    public boolean hasBreakdown() {
        return cacheWrite5m + cacheWrite1h > 0;
    }

    /** Cache writes: the TTL breakdown when it sums above 0, else the flat field. */
    public long cacheWrite() {
        return hasBreakdown() ? cacheWrite5m + cacheWrite1h : cacheWriteFlat;
    }

    /** input + output + cache write + cache read. */
    public long total() {
        return input + output + cacheWrite() + cacheRead;
    }

    /** input + cache write + cache read: the prompt size, i.e. the context after this call. */
    public long context() {
        return input + cacheWrite() + cacheRead;
    }
}
