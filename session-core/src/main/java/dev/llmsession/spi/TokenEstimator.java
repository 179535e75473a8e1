package dev.llmsession.spi;

/**
 * Estimates tokens where an assistant records none. Thread-safe.
 *
 * @since 0.1
 */
public interface TokenEstimator {
    /** Estimated tokens of a text. */
    long estimateText(CharSequence text);

    /**
     * Estimated context of a conversation of {@code messages} messages with {@code attachedCharacters}
     * characters of attached or context files.
     */
    long estimateConversation(int messages, long attachedCharacters);
}
