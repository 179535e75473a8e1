package dev.llmsession.spi;

import java.nio.file.Path;

/**
 * Estimates tokens where an assistant records none. Thread-safe.
 *
 * @since 0.1
 */
public interface TokenEstimator {

    /** The product brief's estimate: four characters per token, a conversation 1,000 + 200 per message. */
    static TokenEstimator charsPerToken() {
        return new CharsPerTokenEstimator();
    }

    /** Estimated tokens of a text. */
    long estimateText(CharSequence text);

    /**
     * Estimated context of a conversation of {@code messages} messages with {@code attachedCharacters}
     * characters of attached or context files.
     */
    long estimateConversation(int messages, long attachedCharacters);

    /**
     * Estimated tokens of one file's content, for attached or context files; a missing or unreadable file
     * counts zero. Implementations may cache by path, size and modification time.
     *
     * @since 0.1
     */
    long estimateFile(Path file);
}
