package dev.llmsession.error;

/**
 * A file of our own (an export, a primer) could not be written; nothing partial was left behind (exit 1).
 *
 * @since 0.1
 */
public final class WriteException extends LlmSessionException {
    private static final long serialVersionUID = 1L;

    public WriteException(String message, Throwable cause) {
        super(ErrorCode.IO, message, cause);
    }
}
