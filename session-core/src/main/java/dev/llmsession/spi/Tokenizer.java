package dev.llmsession.spi;

import java.util.OptionalLong;

/**
 * Counts the tokens of a text the way one model family's tokenizer would. The default is the product brief's
 * four characters per token; a byte-pair encoder (o200k, cl100k) plugs in here. Implementations are
 * thread-safe.
 *
 * @since 0.1
 */
public interface Tokenizer {

    /** The product brief's estimate: a token per four characters, rounded up. */
    static Tokenizer charsPerToken() {
        return CharsPerTokenEstimator.TOKENIZER;
    }

    /**
     * Stable id, part of every cached count's key (a count made by one tokenizer is never served for another),
     * e.g. {@code "chars/4"}, {@code "o200k_base"}.
     */
    String id();

    /** Tokens of {@code text}. */
    long count(CharSequence text);

    /**
     * Tokens of a text of which only the length (in UTF-16 characters) is known, when that is all this tokenizer
     * needs; empty when it needs the text itself. Lets a file's count be made without holding its text.
     */
    default OptionalLong countByLength(long characters) {
        return OptionalLong.empty();
    }
}
