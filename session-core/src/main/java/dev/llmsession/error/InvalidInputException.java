package dev.llmsession.error;

/**
 * Input that cannot be used as given: a file that is not a valid context pack, or an output path that would
 * climb out of its directory. Nothing was written and nothing was recorded (exit 3).
 *
 * @since 0.1
 */
public final class InvalidInputException extends LlmSessionException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(ErrorCode.DATA, message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(ErrorCode.DATA, message, cause);
    }
}
