package dev.llmsession.error;

/**
 * No session matches an id or id prefix.
 *
 * @since 0.1
 */
public final class SessionNotFoundException extends LlmSessionException {
    private static final long serialVersionUID = 1L;

    public SessionNotFoundException(String query) {
        super(ErrorCode.SESSION_NOT_FOUND, "no session matches '" + query + "' (llm-session list --all shows them all)");
    }
}
