package dev.llmsession.discovery.cursor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class ConversationCodecTest {

    private static Conversation conversation() {
        Composer composer = new Composer("c1", Optional.of("Checkout retries \ud83d"), OptionalLong.of(1_700_000_000_000L),
                OptionalLong.empty(), Optional.of("completed"), Optional.empty(), Optional.of("claude-4.5-sonnet"),
                OptionalLong.of(48_210), OptionalLong.of(200_000), true, Optional.of("/home/a/shop"), List.of(),
                List.of(), List.of());
        return new Conversation(composer, Path.of("/home/a/.config/Cursor/User/globalStorage/state.vscdb"), 12, 5,
                1_400, 0, 1, OptionalLong.of(48_210), OptionalLong.empty(), OptionalLong.of(1), OptionalLong.of(2), 3,
                Optional.of("gpt-5"), Optional.empty(), List.of("src/a.ts", "README.md"), 1, 0);
    }

    @Test
    void roundTrip_exact() {
        Conversation c = conversation();

        assertThat(ConversationCodec.decode(ConversationCodec.encode(c))).contains(c);
    }

    @Test
    void theJsonStateOfTheEncodingBefore_isReadAgain_notDecoded() {
        // what ConversationCodec version 1 stored (a JSON object)
        byte[] v1 = ("{\"v\":1,\"id\":\"c1\",\"name\":\"Checkout retries\",\"created\":1700000000000,"
                + "\"generating\":false,\"source\":\"/tmp/state.vscdb\",\"messages\":12,\"users\":5,\"in\":1400,"
                + "\"out\":0,\"calls\":1,\"toolErrors\":0,\"files\":[],\"unparsed\":0,\"oversized\":0}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(ConversationCodec.decode(v1)).isEmpty();
    }

    @Test
    void damagedOrCutOrLonger_empty() {
        byte[] state = ConversationCodec.encode(conversation());

        assertThat(ConversationCodec.decode(Arrays.copyOf(state, state.length - 1))).isEmpty();
        assertThat(ConversationCodec.decode(Arrays.copyOf(state, state.length + 1))).isEmpty();
        assertThat(ConversationCodec.decode(new byte[0])).isEmpty();
    }
}
