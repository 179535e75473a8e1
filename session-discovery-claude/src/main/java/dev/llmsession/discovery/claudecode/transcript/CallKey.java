package dev.llmsession.discovery.claudecode.transcript;

/**
 * A call's de-duplication key ({@link UsageRecord#key()}: {@code message.id|requestId}, or the message id alone) as
 * a 128-bit hash: two longs where the string key would hold a concatenated copy of both ids. A session of
 * hundreds of thousands of calls de-duplicates in maps of these, not of strings (issue 14). Two independent 64-bit
 * hashes of the key's characters, each finished by a full avalanche mix; distinct keys share one only by chance
 * (about 2<sup>-128</sup> per pair).
 */
public record CallKey(long high, long low) {

    private static final long SEED_HIGH = 0x9E3779B97F4A7C15L;
    private static final long SEED_LOW = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME_HIGH = 0x100000001B3L;
    private static final long PRIME_LOW = 0xFF51AFD7ED558CCDL;

    /** The key of the call a record is a copy of, or null without a message id (as {@link UsageRecord#key()}). */
    public static CallKey of(UsageRecord r) {
        return of(r.messageId(), r.requestId());
    }

    /** The hash of exactly the characters of the string key ({@code messageId|requestId} or {@code messageId}). */
    static CallKey of(String messageId, String requestId) {
        if (messageId == null) {
            return null;
        }
        long h = SEED_HIGH;
        long l = SEED_LOW;
        for (int i = 0; i < messageId.length(); i++) {
            char c = messageId.charAt(i);
            h = (h ^ c) * PRIME_HIGH;
            l = Long.rotateLeft(l ^ c, 29) * PRIME_LOW;
        }
        if (requestId != null) {
            h = (h ^ '|') * PRIME_HIGH;
            l = Long.rotateLeft(l ^ '|', 29) * PRIME_LOW;
            for (int i = 0; i < requestId.length(); i++) {
                char c = requestId.charAt(i);
                h = (h ^ c) * PRIME_HIGH;
                l = Long.rotateLeft(l ^ c, 29) * PRIME_LOW;
            }
        }
        int length = messageId.length() + (requestId == null ? 0 : 1 + requestId.length());
        return new CallKey(mix(h ^ length), mix(l + length));
    }

    /**
     * The record's own equality, written out: the generated one goes through method handles bootstrapped at first
     * use (spun at run time by a short command) and is called on every de-duplication lookup of a first index.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CallKey k && k.high == high && k.low == low;
    }

    /** The value the record's generated hash gives (31 × the first component's hash + the second's). */
    @Override
    public int hashCode() {
        return 31 * Long.hashCode(high) + Long.hashCode(low);
    }

    /** MurmurHash3's 64-bit finaliser: every input bit flips each output bit with probability about one half. */
    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xFF51AFD7ED558CCDL;
        v ^= v >>> 33;
        v *= 0xC4CEB9FE1A85EC53L;
        v ^= v >>> 33;
        return v;
    }
}
