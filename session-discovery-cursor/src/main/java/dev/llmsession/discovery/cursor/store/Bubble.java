package dev.llmsession.discovery.cursor.store;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One message ("bubble") of a conversation, reduced to what llm-session uses. A {@code tokenCount} of
 * {@code {0,0}} is unknown, not zero, so {@link #inputTokens}/{@link #outputTokens} are empty then.
 *
 * @param user          written by the user (type 1 / {@code "user"})
 * @param createdAt     epoch ms, when the bubble carries a date (ISO string in newer builds)
 * @param textStart     the first characters of the text, for a title
 * @param inputTokens   recorded input tokens (non-zero {@code tokenCount} only)
 * @param outputTokens  recorded output tokens (non-zero {@code tokenCount} only)
 * @param contextUsed   {@code contextWindowStatusAtCreation.tokensUsed}
 * @param contextLimit  {@code contextWindowStatusAtCreation.tokenLimit}
 * @param model         {@code modelInfo.modelName} or the legacy {@code modelType}
 * @param toolError     a tool call of this bubble ended in error
 * @param attachedFiles paths of attached files ({@code context.fileSelections})
 */
public record Bubble(boolean user, OptionalLong createdAt, String textStart, OptionalLong inputTokens,
        OptionalLong outputTokens, OptionalLong contextUsed, OptionalLong contextLimit, Optional<String> model,
        boolean toolError, List<String> attachedFiles) {
    public Bubble {
        attachedFiles = List.copyOf(attachedFiles);
    }

    /** Whether this bubble recorded a real token count. */
    public boolean measured() {
        return inputTokens.isPresent() || outputTokens.isPresent();
    }
}
