package dev.llmsession.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

final class PrintableTest {
    @Test
    void inline_eachVectorMadeVisible() {
        assertThat(Printable.inline("a\u001b]0;title\u0007b")).isEqualTo("a␛]0;title␇b");
        assertThat(Printable.inline("\u001b[2J")).isEqualTo("␛[2J");
        assertThat(Printable.inline("x\u009b31m")).isEqualTo("x\uFFFD31m");
        assertThat(Printable.inline("real\rfake\r\nnext\tcol")).isEqualTo("real fake next col");
        assertThat(Printable.inline("abc\u202Eexe.txt \u2066i\u2069 \u200F")).isEqualTo("abc\uFFFDexe.txt \uFFFDi\uFFFD \uFFFD");
        assertThat(Printable.inline("cut \u001b]0;swallow")).isEqualTo("cut ␛]0;swallow");
        assertThat(Printable.inline("del\u007f")).isEqualTo("del\u2421");
        assertThat(Printable.inline("plain ✅ text")).isEqualTo("plain ✅ text");
    }

    @Test
    void block_keepsLinesDropsCarriageReturns() {
        assertThat(Printable.block("one\r\ntwo\tthree\u001b[2J")).isEqualTo("one\ntwo\tthree␛[2J");
    }

    @Test
    void line_keepsOurColoursOnly() {
        Terminal t = new Terminal(true, false, 80);
        String ours = t.paint("ok", Terminal.Tone.GOOD) + " " + t.paint("x", Terminal.Tone.REVERSE);

        assertThat(Printable.line(ours)).isEqualTo(ours);
        assertThat(Printable.line(ours + "\u001b[8mhidden\u001b]8;;http://x\u001b\\")).isEqualTo(ours + "␛[8mhidden␛]8;;http://x␛\\");
    }

    @Test
    void terminal_asciiMode_controlsAndNonAsciiBothGone() {
        Terminal ascii = new Terminal(false, true, 80);

        assertThat(ascii.cell("a\u001b]0;t\u0007\u202Eb…")).isEqualTo("a?]0;t??b...");
    }

    @Test
    void json_escapesC1BidiAndDel_readerGetsTheSameString() throws Exception {
        String hostile = "\u001b]0;t\u0007 \u009b \u202E \u2066 \u007f \u2028 é ✅";
        String json = SessionJson.mapper().writeValueAsString(hostile);

        assertThat(json).isEqualTo("\"\\u001B]0;t\\u0007 \\u009B \\u202E \\u2066 \\u007F \\u2028 é ✅\"");
        assertThat(new ObjectMapper().readValue(json, String.class)).isEqualTo(hostile);
    }
}
