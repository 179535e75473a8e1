package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class ClaimsDecoderTest {

    private static final String[] NAMES = {"a.jsonl", "s/subagents/agent-1.jsonl", "agent-x.jsonl", "é ✓.jsonl",
        "with\u0000nul.jsonl", "lone\uD800.jsonl", "x", "deep/a/b/c.jsonl", "emoji \uD83D\uDE00.jsonl"};

    @Test
    void givesTheCodecsClaims_forRandomClaims_andGivesUpBeyondAscii() {
        Random random = new Random(7);
        int fast = 0;
        for (int round = 0; round < 400; round++) {
            ProjectClaims claims = randomClaims(random, round % 3 == 0);
            byte[] state = ProjectClaims.encode(claims);
            ProjectClaims read = ClaimsDecoder.read(state);
            Optional<ProjectClaims> codec = ProjectClaims.decodeByCodec(state);
            assertThat(codec).isPresent();
            boolean ascii = claims.files().keySet().stream().allMatch(ClaimsDecoderTest::ascii)
                    && claims.files().values().stream().allMatch(c -> ascii(c.stat().key()));
            assertThat(read != null).as("read fast exactly when every text is ASCII").isEqualTo(ascii);
            if (read != null) {
                fast++;
                ClaimsAssert.assertSameClaims(read, codec.get());
            }
            ClaimsAssert.assertSameClaims(ProjectClaims.decode(state).orElseThrow(), codec.get());
        }
        assertThat(fast).isGreaterThan(100);
    }

    @Test
    void damagedBytes_giveWhatTheCodecGives() {
        Random random = new Random(11);
        for (int round = 0; round < 3_000; round++) {
            byte[] state = ProjectClaims.encode(randomClaims(random, false));
            byte[] damaged = switch (round % 4) {
                case 0 -> Arrays.copyOf(state, random.nextInt(state.length + 1)); // cut anywhere
                case 1 -> Arrays.copyOf(state, state.length + 1 + random.nextInt(3)); // trailing bytes
                default -> {
                    byte[] copy = state.clone();
                    for (int i = 0; i < 1 + random.nextInt(3); i++) {
                        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                    }
                    yield copy;
                }
            };
            ProjectClaims read = ClaimsDecoder.read(damaged);
            Optional<ProjectClaims> codec = ProjectClaims.decodeByCodec(damaged);
            if (read != null) {
                assertThat(codec).as("round %d", round).isPresent();
                ClaimsAssert.assertSameClaims(read, codec.get());
            }
            assertThat(ProjectClaims.decode(damaged).isPresent()).isEqualTo(codec.isPresent());
        }
        assertThat(ClaimsDecoder.read(null)).isNull();
        assertThat(ClaimsDecoder.read(new byte[0])).isNull();
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c > 0 && c < 0x80); // writeUTF writes U+0000 in two bytes
    }

    private static ProjectClaims randomClaims(Random random, boolean wide) {
        Map<String, ProjectClaims.FileClaim> files = new HashMap<>();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            String name = (wide ? NAMES[random.nextInt(NAMES.length)] : NAMES[random.nextInt(3)]) + i;
            long[] keys = new long[2 * random.nextInt(5)];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = random.nextLong();
            }
            FileStat stat = new FileStat(random.nextInt(1 << 20), time(random),
                    wide && random.nextInt(4) == 0 ? "(dev=ü,ino=" + i + ")" : "(dev=803,ino=" + random.nextInt() + ")");
            files.put(name, new ProjectClaims.FileClaim(stat, random.nextBoolean(),
                    random.nextInt(3) == 0 ? null : wide ? "sess\uD800ion-" + i : "session-" + i,
                    random.nextBoolean() ? null : time(random), random.nextBoolean() ? null : time(random), keys));
        }
        return new ProjectClaims(files);
    }

    private static Instant time(Random random) {
        return Instant.ofEpochSecond(random.nextInt(2_000_000_000) - 100, random.nextInt(1_000_000_000));
    }
}
