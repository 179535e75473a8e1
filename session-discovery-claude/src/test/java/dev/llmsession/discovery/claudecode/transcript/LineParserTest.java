package dev.llmsession.discovery.claudecode.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.junit.jupiter.api.Test;

final class LineParserTest {

    private final JsonFactory factory = new JsonFactory();
    private final LineParser parser = new LineParser();

    private TranscriptLine parse(String json) throws IOException {
        try (JsonParser p = factory.createParser(json)) {
            return parser.parse(p, (jp, max) -> {
                String t = jp.getText();
                return t.length() > max ? t.substring(0, max) : t;
            });
        }
    }

    @Test
    void parse_usageAfterContent_readsAllFields() throws IOException {
        TranscriptLine line = parse("""
                {"message":{"content":[{"type":"tool_use","id":"toolu_1","input":{"cmd":"ls"}}],
                 "usage":{"input_tokens":3,"output_tokens":13,"cache_creation_input_tokens":13835,
                 "cache_read_input_tokens":11515,"speed":"fast",
                 "cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":13835}},
                 "id":"msg_1","model":"claude-opus-4-6","stop_reason":null},
                 "requestId":"req_1","type":"assistant","isSidechain":false,"timestamp":"2026-02-10T21:12:00.100Z"}
                """);

        assertThat(line.type()).isEqualTo("assistant");
        assertThat(line.messageId()).isEqualTo("msg_1");
        assertThat(line.requestId()).isEqualTo("req_1");
        assertThat(line.toolUseIds()).containsExactly("toolu_1");
        assertThat(line.usage()).isEqualTo(new TranscriptLine.Usage(3, 13, 13835, 0, 13835, 11515, "fast"));
        assertThat(line.stopReason()).isNull();
    }

    @Test
    void parse_toolResultErrorAndText_collectsBlocks() throws IOException {
        TranscriptLine line = parse("""
                {"type":"user","message":{"role":"user","content":[
                 {"tool_use_id":"toolu_9","type":"tool_result","content":[{"type":"text","text":"no"}],"is_error":true},
                 {"type":"text","text":"[Request interrupted by user for tool use]"}]}}
                """);

        assertThat(line.toolResults()).containsExactly(new TranscriptLine.ToolResult("toolu_9", true));
        assertThat(line.textPrefix()).isEqualTo("[Request interrupted by user for tool use]");
    }

    @Test
    void parse_arrayLine_rejected() {
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(LineParser.NotAnObjectException.class);
    }

    @Test
    void peek_escapesAndLimit_decodedBounded() {
        byte[] raw = "\"a\\nb\\u00e9\\\"c-long-tail\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(JsonStringPeek.decode(raw, 0, raw.length, 5)).isEqualTo("a\nbé\"");
        assertThat(JsonStringPeek.decode(raw, 0, raw.length, 100)).isEqualTo("a\nbé\"c-long-tail");
    }
}
