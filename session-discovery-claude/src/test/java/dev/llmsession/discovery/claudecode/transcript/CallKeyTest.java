package dev.llmsession.discovery.claudecode.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The 128-bit call key stands for the string key exactly, and the compact state brings every record back. */
final class CallKeyTest {

    @Test
    void equalStringKeys_giveEqualCallKeys_andOnlyThem() {
        Random random = new Random(14);
        Map<CallKey, String> seen = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            String message = "msg_01" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            String request = random.nextInt(4) == 0 ? null : "req_011C" + Long.toString(random.nextLong(), 36);
            UsageRecord r = new UsageRecord(message, request, null, 1, 1, 0, 0, 0, 0, false, null, false);
            String before = seen.put(CallKey.of(r), r.key());
            assertThat(before).as("two string keys with one call key").isIn(null, r.key());
        }
        // the key hashes exactly the characters of the string key
        assertThat(CallKey.of("a|b", null)).isEqualTo(CallKey.of("a", "b"));
        assertThat(CallKey.of("a", "")).isNotEqualTo(CallKey.of("a", null));
        assertThat(CallKey.of(null, "r")).isNull();
        assertThat(CallKey.of("m1", null)).isNotEqualTo(CallKey.of("m2", null));
    }

    @Test
    void compactState_bringsBackEveryRecordExactly() {
        SummaryBuilder b = new SummaryBuilder(false);
        List<UsageRecord> records = List.of(
                new UsageRecord("msg_1", "req_1", "claude-opus-4-6", 3, 5_000_000_000L, 7, 0, 9, 123_456, true,
                        Instant.parse("2026-01-02T03:04:05.123456789Z"), false),
                new UsageRecord("m\u00e9ss\u00e4ge", null, "claude-opus-4-6", 0, 0, 0, 0, 0, 0, false, null, true),
                new UsageRecord("\ud83d\ude00 \ud800 lone", "r\u0100", "other-model", -1, Long.MAX_VALUE,
                        Long.MIN_VALUE, 1, 2, 3, false, Instant.EPOCH, false),
                UsageRecord.unknownCounts("msg_2", "req_2", null, null, true));
        for (UsageRecord r : records) {
            b.byKey.put(CallKey.of(r), r);
        }
        b.keyless.add(new UsageRecord(null, "req_3", "claude-opus-4-6", 1, 2, 3, 4, 5, 6, false, null, false));

        SummaryBuilder back = SummaryBuilder.restore(b.snapshot(), false).orElseThrow();

        assertThat(back.byKey).containsExactlyEntriesOf(b.byKey);
        assertThat(back.keyless).containsExactlyElementsOf(b.keyless);
        assertThat(back.byKey.values().iterator().next().model()).isSameAs("claude-opus-4-6".intern());
        assertThat(SummaryBuilder.restore(b.snapshot(new byte[] {1, 2}), false)).isEmpty();
    }

    /**
     * A huge session's state is encoded whole once per read: at version 3 (ids as UTF-16, a model name and six
     * eight-byte counts per call) a call took about 235 bytes, so the state of a 380,000-call session alone was
     * 85 MiB. Realistic ids and counts must now take at most 110 bytes a call.
     */
    @Test
    void stateOfRealisticCalls_takesAtMost110BytesACall() {
        Random random = new Random(7);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        SummaryBuilder b = new SummaryBuilder(false);
        int calls = 50_000;
        Instant at = Instant.parse("2026-03-01T10:00:00.123Z");
        for (int i = 0; i < calls; i++) {
            StringBuilder message = new StringBuilder("msg_01");
            StringBuilder request = new StringBuilder("req_011C");
            for (int c = 0; c < 24; c++) {
                message.append(alphabet.charAt(random.nextInt(alphabet.length())));
                request.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            at = at.plusMillis(random.nextInt(60_000));
            UsageRecord r = new UsageRecord(message.toString(), request.toString(),
                    i % 3 == 0 ? "claude-haiku-4-5-20251001" : "claude-sonnet-4-5-20250929", random.nextInt(5_000),
                    random.nextInt(40_000), random.nextInt(200_000), 0, random.nextInt(200_000),
                    random.nextInt(1_000_000), false, at, i % 5 == 0);
            b.byKey.put(CallKey.of(r), r);
        }

        byte[] state = b.snapshot();

        assertThat((double) state.length / calls).isLessThanOrEqualTo(110);
        assertThat(SummaryBuilder.restore(state, false).orElseThrow().byKey).containsExactlyEntriesOf(b.byKey);
    }

    /** A record of the same shape, whose equality and hash the compiler generates. */
    private record Generated(long high, long low) {
    }

    @Test
    void writtenOutEqualityIsTheRecordsOwn() {
        Random random = new Random(14);
        long[] edge = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFFFFFFL, 1L << 32};
        for (int i = 0; i < 20_000; i++) {
            long high = i < edge.length * edge.length ? edge[i / edge.length] : random.nextLong();
            long low = i < edge.length * edge.length ? edge[i % edge.length] : random.nextLong();
            CallKey key = new CallKey(high, low);
            assertThat(key.hashCode()).isEqualTo(new Generated(high, low).hashCode());
            assertThat(key).isEqualTo(new CallKey(high, low)).isNotEqualTo(new CallKey(high, low + 1))
                    .isNotEqualTo(new CallKey(high + 1, low)).isNotEqualTo(new Generated(high, low)).isNotEqualTo(null);
        }
    }
}
