package dev.llmsession.model;

import java.util.Objects;

/**
 * Cumulative tokens of a whole session with their source.
 *
 * @param total     the whole session: main conversation plus sub-agents
 * @param subagents the sub-agent part of {@code total}
 * @param source    where the figures come from; with {@link TokenSource#UNKNOWN} the counts mean nothing
 * @since 0.1
 */
public record TokenFigures(TokenUsage total, TokenUsage subagents, TokenSource source) {
    public static final TokenFigures UNKNOWN = new TokenFigures(TokenUsage.ZERO, TokenUsage.ZERO, TokenSource.UNKNOWN);

    public TokenFigures {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(subagents, "subagents");
        Objects.requireNonNull(source, "source");
    }

    public boolean known() {
        return source != TokenSource.UNKNOWN;
    }
}
