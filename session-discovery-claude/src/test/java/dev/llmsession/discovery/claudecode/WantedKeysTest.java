package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.transcript.CallKey;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class WantedKeysTest {

    @Test
    void containsExactlyTheWantedKeys_forEverySizeAndNearMisses() {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 2, 3, 63, 64, 65, 1_000, 5_000}) {
            Set<CallKey> keys = new HashSet<>();
            while (keys.size() < size) {
                keys.add(new CallKey(random.nextLong(), random.nextLong()));
            }
            WantedKeys wanted = WantedKeys.of(keys);
            for (CallKey key : keys) {
                assertThat(wanted.contains(key.high(), key.low())).as("wanted %s of %d", key, size).isTrue();
                // the same high half with another low half, and neighbouring high halves (same slot), are not wanted
                assertThat(wanted.contains(key.high(), key.low() + 1)).isFalse();
                assertThat(wanted.contains(key.high() + 1, key.low())).isEqualTo(keys.contains(
                        new CallKey(key.high() + 1, key.low())));
                assertThat(wanted.contains(key.high() ^ Long.MIN_VALUE, key.low())).isEqualTo(keys.contains(
                        new CallKey(key.high() ^ Long.MIN_VALUE, key.low())));
            }
            for (int i = 0; i < 20_000; i++) {
                CallKey other = new CallKey(random.nextLong(), random.nextLong());
                assertThat(wanted.contains(other.high(), other.low())).isEqualTo(keys.contains(other));
            }
        }
    }

    @Test
    void extremeHighHalves_areFoundInTheFirstAndLastSlots() {
        Set<CallKey> keys = Set.of(new CallKey(0, 1), new CallKey(-1, 2), new CallKey(Long.MAX_VALUE, 3),
                new CallKey(Long.MIN_VALUE, 4));
        WantedKeys wanted = WantedKeys.of(keys);
        for (CallKey key : keys) {
            assertThat(wanted.contains(key.high(), key.low())).isTrue();
        }
        assertThat(wanted.contains(0, 2)).isFalse();
        assertThat(wanted.contains(1, 1)).isFalse();
        assertThat(wanted.contains(-2, 2)).isFalse();
    }
}
