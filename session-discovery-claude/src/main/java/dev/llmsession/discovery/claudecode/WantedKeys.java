package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.transcript.CallKey;
import java.util.Arrays;
import java.util.Set;

/**
 * The keys of the calls a running-only assembly shows, as the other sessions' recorded keys ({@link ProjectClaims})
 * are matched against them: a running-only {@code list} runs every recorded key of the live projects through here
 * (about 150,000 in the 1 GB benchmark), and nearly none is wanted. A bit per slot of the key's high half, at least
 * sixteen slots per wanted key, turns most of them away with one array read; the few left are looked up in the
 * sorted high halves, then in the keys themselves. Immutable.
 */
final class WantedKeys {

    private final Set<CallKey> keys;
    /** The high halves of {@link #keys}, sorted. */
    private final long[] highs;
    /** One bit per slot (the top bits of a high half): set when a wanted key falls there. */
    private final long[] slots;
    /** How far a high half is shifted to give its slot (58 or less: a shift by 64 would not shift). */
    private final int shift;

    private WantedKeys(Set<CallKey> keys) {
        this.keys = keys;
        this.highs = new long[keys.size()];
        int i = 0;
        for (CallKey key : keys) {
            highs[i++] = key.high();
        }
        Arrays.sort(highs);
        int bits = 64;
        while (bits < keys.size() * 16 && bits < 1 << 24) {
            bits <<= 1;
        }
        this.shift = 64 - Integer.numberOfTrailingZeros(bits);
        this.slots = new long[bits / 64];
        for (long high : highs) {
            int slot = (int) (high >>> shift);
            slots[slot >>> 6] |= 1L << slot;
        }
    }

    /** The wanted {@code keys} (not copied: the caller does not change them while this is used). */
    static WantedKeys of(Set<CallKey> keys) {
        return new WantedKeys(keys);
    }

    /** Whether the key of halves {@code high} and {@code low} is wanted. */
    boolean contains(long high, long low) {
        int slot = (int) (high >>> shift);
        return (slots[slot >>> 6] & 1L << slot) != 0 && Arrays.binarySearch(highs, high) >= 0
                && keys.contains(new CallKey(high, low));
    }

    /** The wanted keys. */
    Set<CallKey> keys() {
        return keys;
    }
}
