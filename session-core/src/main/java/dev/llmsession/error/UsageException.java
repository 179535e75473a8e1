package dev.llmsession.error;

/**
 * A bad argument from the caller (an unknown sort key, a malformed duration).
 *
 * @since 0.1
 */
public final class UsageException extends LlmSessionException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(ErrorCode.USAGE, message);
    }
}
