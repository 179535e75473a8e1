package dev.llmsession.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TextWidthTest {
    @Test
    void of_emojiTakeTwoCellsAndSelectorsNone() {
        assertThat(TextWidth.of("abc")).isEqualTo(3);
        assertThat(TextWidth.of("✅")).isEqualTo(2);
        assertThat(TextWidth.of("⚠️")).isEqualTo(2);
        assertThat(TextWidth.of("💡")).isEqualTo(2);
        assertThat(TextWidth.of("…")).isEqualTo(1);
        assertThat(TextWidth.of("\u001b[31mred\u001b[0m")).isEqualTo(3);
    }

    @Test
    void truncate_cutsToCellsWithEllipsis() {
        assertThat(TextWidth.truncate("abcdef", 6, "…")).isEqualTo("abcdef");
        assertThat(TextWidth.truncate("abcdefg", 6, "…")).isEqualTo("abcde…");
        assertThat(TextWidth.truncate("ab✅cd", 4, "~")).isEqualTo("ab~");
    }

    @Test
    void pad_alignsLeftOrRight() {
        assertThat(TextWidth.pad("7", 3, true)).isEqualTo("  7");
        assertThat(TextWidth.pad("✅", 3, false)).isEqualTo("✅ ");
    }
}
