package dev.llmsession.cli.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.error.UsageException;
import dev.llmsession.spi.Tokenizer;
import org.junit.jupiter.api.Test;

final class BpeTokenizersTest {

    @Test
    void cl100k_knownString_countsTiktokensTokens() {
        Tokenizer cl100k = BpeTokenizers.named("cl100k");

        // tiktoken's own example: cl100k_base encodes it as [83, 1609, 5963, 374, 2294, 0].
        assertThat(cl100k.count("tiktoken is great!")).isEqualTo(6);
        assertThat(cl100k.id()).isEqualTo("cl100k_base");
        assertThat(cl100k.countByLength(100)).isEmpty();
    }

    @Test
    void o200k_knownStrings_countTokens() {
        Tokenizer o200k = BpeTokenizers.named("O200K_base");

        assertThat(o200k.id()).isEqualTo("o200k_base");
        assertThat(o200k.count("hello world")).isEqualTo(2);
        assertThat(o200k.count("")).isZero();
    }

    @Test
    void count_specialTokenText_isOrdinaryText() {
        assertThat(BpeTokenizers.named("cl100k").count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void named_unknown_isAUsageError() {
        assertThatThrownBy(() -> BpeTokenizers.named("gpt2"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unknown tokenizer 'gpt2' (choose o200k or cl100k");
    }
}
