package dev.llmsession.error;

/**
 * What kind of failure an {@link LlmSessionException} is; the CLI maps it to an exit code.
 *
 * @since 0.1
 */
public enum ErrorCode {
    /** Something went wrong that the user did not cause (exit 1). */
    INTERNAL(1),
    /** I/O on our own files failed (exit 1). */
    IO(1),
    /** A bad id, flag or argument (exit 2). */
    USAGE(2),
    /** An id that matches no session (exit 2). */
    SESSION_NOT_FOUND(2),
    /** An id prefix that matches several sessions (exit 2). */
    AMBIGUOUS_SESSION_ID(2),
    /** Bad input data: a configuration file, an import, a corrupt store (exit 3). */
    DATA(3),
    /** A configuration file that cannot be used (exit 3). */
    CONFIG(3);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
