package dev.llmsession.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The product brief's estimate: about four characters per token, and a conversation costs a base of
 * 1,000 tokens plus 200 per message plus its attached files. Thread-safe (stateless).
 */
final class CharsPerTokenEstimator implements TokenEstimator {
    static final long BASE_TOKENS = 1_000;
    static final long TOKENS_PER_MESSAGE = 200;
    static final int CHARACTERS_PER_TOKEN = 4;
    /** The same rule as a {@link Tokenizer}: needs only a text's length. */
    static final Tokenizer TOKENIZER = new Tokenizer() {
        @Override
        public String id() {
            return "chars/4";
        }

        @Override
        public long count(CharSequence text) {
            return ceilDiv(text.length());
        }

        @Override
        public OptionalLong countByLength(long characters) {
            return OptionalLong.of(ceilDiv(characters));
        }

        @Override
        public String toString() {
            return id();
        }
    };

    @Override
    public long estimateText(CharSequence text) {
        return TOKENIZER.count(text);
    }

    @Override
    public long estimateConversation(int messages, long attachedCharacters) {
        if (messages < 0 || attachedCharacters < 0) {
            throw new IllegalArgumentException("messages and characters must not be negative");
        }
        return BASE_TOKENS + TOKENS_PER_MESSAGE * messages + ceilDiv(attachedCharacters);
    }

    /**
     * A file's bytes stand in for its characters (no file is opened); a missing or unreadable file counts
     * nothing. {@code LlmSessions.tokenEstimator()} reads the text instead, and caches the count.
     */
    @Override
    public long estimateFile(Path file) {
        try {
            return Files.isRegularFile(file) ? ceilDiv(Files.size(file)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long ceilDiv(long characters) {
        return (characters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
    }
}
