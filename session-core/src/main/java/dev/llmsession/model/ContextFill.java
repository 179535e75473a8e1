package dev.llmsession.model;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How full the context window is after the latest request.
 *
 * @param tokens        tokens in the window now; empty when unknown (e.g. right after a compaction)
 * @param window        the window size in tokens
 * @param windowAssumed true when the window size was guessed rather than known
 * @param autoCompactAt the token count at which the assistant compacts automatically; empty when unknown
 * @param source        measured from usage records, estimated, or unknown
 * @since 0.1
 */
public record ContextFill(OptionalLong tokens, long window, boolean windowAssumed, OptionalLong autoCompactAt,
        TokenSource source) {
    public ContextFill {
        java.util.Objects.requireNonNull(tokens, "tokens");
        java.util.Objects.requireNonNull(autoCompactAt, "autoCompactAt");
        java.util.Objects.requireNonNull(source, "source");
        if (window <= 0) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
    }

    /** Tokens now as a percentage of the window, or empty when the tokens are unknown. */
    public OptionalDouble percent() {
        return tokens.isPresent() ? OptionalDouble.of(100.0 * tokens.getAsLong() / window) : OptionalDouble.empty();
    }

    /** Tokens left until the window is full; empty when the tokens are unknown. */
    public OptionalLong remainingToWindow() {
        return tokens.isPresent() ? OptionalLong.of(window - tokens.getAsLong()) : OptionalLong.empty();
    }

    /** Tokens left until auto-compaction; empty when either figure is unknown. */
    public OptionalLong remainingToAutoCompact() {
        return tokens.isPresent() && autoCompactAt.isPresent()
                ? OptionalLong.of(autoCompactAt.getAsLong() - tokens.getAsLong())
                : OptionalLong.empty();
    }
}
