package dev.llmsession.error;

/**
 * A configuration file or value that cannot be used.
 *
 * @since 0.1
 */
public final class ConfigException extends LlmSessionException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(ErrorCode.CONFIG, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ErrorCode.CONFIG, message, cause);
    }
}
