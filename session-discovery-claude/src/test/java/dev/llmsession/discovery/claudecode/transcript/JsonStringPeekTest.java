package dev.llmsession.discovery.claudecode.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The string peek gives a prefix of the JSON string a full parse gives: all of the first {@code maxChars} characters
 * when the string has no escapes (the common case), and never a character the string does not have at that place.
 */
final class JsonStringPeekTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PIECES = {"a", "Z", " ", "é", "✓", "😀", "\\n", "\\t", "\\\"", "\\\\", "\\u00e9",
        "\\ud83d\\ude00", "\\u0041", "/", "\\/", "x".repeat(30)};

    @Test
    void decode_randomStrings_equalsTheParsedPrefix() throws Exception {
        Random random = new Random(5);
        for (int round = 0; round < 5000; round++) {
            StringBuilder json = new StringBuilder("\"");
            int pieces = random.nextInt(40);
            for (int p = 0; p < pieces; p++) {
                json.append(PIECES[random.nextInt(PIECES.length)]);
            }
            json.append('"');
            String full = JSON.readValue(json.toString(), String.class);
            int max = 1 + random.nextInt(60);
            String expected = full.length() <= max ? full
                    : full.substring(0, Character.isHighSurrogate(full.charAt(max - 1)) ? max - 1 : max);
            byte[] bytes = ("{\"k\":" + json + "}").getBytes(StandardCharsets.UTF_8);
            int at = "{\"k\":".length();

            String peeked = JsonStringPeek.decode(bytes, at, bytes.length, max);

            if (json.indexOf("\\") < 0) {
                assertThat(peeked).as(json.toString()).isEqualTo(expected);
            } else {
                // an escape at the limit may end the peek a character early (or inside an escaped surrogate pair)
                String whole = peeked.isEmpty() || !Character.isHighSurrogate(peeked.charAt(peeked.length() - 1))
                        ? peeked : peeked.substring(0, peeked.length() - 1);
                assertThat(full).as(json.toString()).startsWith(whole);
                assertThat(peeked.length()).as(json.toString()).isLessThanOrEqualTo(max);
            }
        }
    }
}
