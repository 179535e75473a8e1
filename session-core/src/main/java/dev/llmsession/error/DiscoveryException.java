package dev.llmsession.error;

/**
 * A discovery adapter could not read what it needs.
 *
 * @since 0.1
 */
public final class DiscoveryException extends LlmSessionException {
    private static final long serialVersionUID = 1L;

    public DiscoveryException(String message, Throwable cause) {
        super(ErrorCode.IO, message, cause);
    }
}
