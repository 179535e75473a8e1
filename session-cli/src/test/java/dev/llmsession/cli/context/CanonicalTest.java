package dev.llmsession.cli.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class CanonicalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String canonical(String json) throws Exception {
        return new String(Canonical.bytes(JSON.readTree(json)), StandardCharsets.UTF_8);
    }

    @Test
    void bytes_sortsKeysDropsTopLevelChecksumAndWhitespace() throws Exception {
        assertThat(canonical("{ \"b\" : [ 1, {\"z\":null,\"a\":true} ], \"sha256\": \"x\", \"a\": \"t\" }"))
                .isEqualTo("{\"a\":\"t\",\"b\":[1,{\"a\":true,\"z\":null}]}");
        assertThat(canonical("{\"n\":{\"sha256\":\"kept below the top\"}}"))
                .isEqualTo("{\"n\":{\"sha256\":\"kept below the top\"}}");
    }

    @Test
    void bytes_escapesOnlyQuoteBackslashAndControls_keepsUnicode() throws Exception {
        assertThat(canonical("{\"s\":\"q\\\" b\\\\ \\n\\t\\u0001 é 😀 \\u2028 \\/\"}"))
                .isEqualTo("{\"s\":\"q\\\" b\\\\ \\n\\t\\u0001 é 😀 \u2028 /\"}");
        assertThat(canonical("{\"s\":\"\\ud83d\"}")).isEqualTo("{\"s\":\"\\ud83d\"}");
    }

    @Test
    void sha256_sameContentInAnyLayout_sameChecksum() throws Exception {
        JsonNode a = JSON.readTree("{\"x\":1,\"y\":[\"a\",\"b\"]}");
        JsonNode b = JSON.readTree("{\n  \"y\" : [ \"a\", \"b\" ],\n  \"x\" : 1,\n  \"sha256\" : \"whatever\"\n}");

        assertThat(Canonical.sha256(a)).isEqualTo(Canonical.sha256(b))
                // computed outside Java: printf '{"x":1,"y":["a","b"]}' | sha256sum
                .isEqualTo("2cc9421bfa15d5de5c53d876c1da109117f08e1a0e67d14d729d03e05e5e1ffc");
    }

    @Test
    void bytes_fractionalNumber_isInvalidInVersionOne() throws Exception {
        JsonNode n = JSON.readTree("{\"x\":1.5}");
        assertThatThrownBy(() -> Canonical.bytes(n)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("integers only");
    }
}
