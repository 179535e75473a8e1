package dev.llmsession.error;

import java.util.List;

/**
 * An id prefix matches more than one session.
 *
 * @since 0.1
 */
public final class AmbiguousSessionIdException extends LlmSessionException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> matches;

    public AmbiguousSessionIdException(String query, List<String> matches) {
        super(ErrorCode.AMBIGUOUS_SESSION_ID, "'" + query + "' matches " + matches.size()
                + " sessions: " + String.join(", ", matches) + "; type more of the id");
        this.matches = List.copyOf(matches);
    }

    public List<String> matches() {
        return matches;
    }
}
