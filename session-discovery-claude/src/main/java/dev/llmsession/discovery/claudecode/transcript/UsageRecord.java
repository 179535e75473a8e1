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
 */
public record UsageRecord(String messageId, String requestId, String model, long input, long output,
        long cacheWrite5m, long cacheWrite1h, long cacheWriteFlat, long cacheRead, boolean fast,
        Instant timestamp, boolean sidechain) {

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

    /** This record with another sidechain flag. */
    public UsageRecord withSidechain(boolean value) {
        return value == sidechain ? this : new UsageRecord(messageId, requestId, model, input, output, cacheWrite5m,
                cacheWrite1h, cacheWriteFlat, cacheRead, fast, timestamp, value);
    }

    /** This record with another timestamp. */
    public UsageRecord withTimestamp(Instant value) {
        return new UsageRecord(messageId, requestId, model, input, output, cacheWrite5m, cacheWrite1h,
                cacheWriteFlat, cacheRead, fast, value, sidechain);
    }
}
