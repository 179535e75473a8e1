package dev.llmsession.error;

/**
 * A session store cannot be used: its directory cannot be written, or its schema is newer than this
 * llm-session understands. A corrupt store is not an error: it is moved aside and rebuilt.
 *
 * @since 0.1
 */
public final class StoreException extends LlmSessionException {
    private static final long serialVersionUID = 1L;

    public StoreException(ErrorCode code, String message) {
        super(code, message);
    }

    public StoreException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
