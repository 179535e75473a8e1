package dev.llmsession.error;

import java.util.Objects;

/**
 * Base of every exception llm-session throws across a port. Unchecked; carries an {@link ErrorCode}.
 * Messages are one line a user can act on.
 *
 * @since 0.1
 */
public abstract class LlmSessionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    protected LlmSessionException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    protected LlmSessionException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }
}
