package dev.llmsession.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A context pack: what a degraded session knew, saved so a fresh session can start from it (SPEC §8). Its file
 * form ({@code "format": "llm-session/context"}, with a SHA-256 of its canonical content) is written and read by
 * the CLI; docs/context-format.md describes it.
 *
 * @param version    the format version of the pack
 * @param exportedAt when it was exported
 * @param source     the session it was exported from
 * @param figures    its health and token figures at export
 * @param context    its conversation content
 * @param redaction  whether secrets were redacted, and how many
 * @since 0.1
 */
public record ContextPack(int version, Instant exportedAt, Source source, Figures figures, SessionContext context,
        Redaction redaction) {
    /** The {@code format} value of every pack. */
    public static final String FORMAT = "llm-session/context";
    /** The format version this code writes, and the newest it reads. */
    public static final int VERSION = 1;

    public ContextPack {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
        Objects.requireNonNull(exportedAt, "exportedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(redaction, "redaction");
    }

    /** The pack of {@code session} with its {@code health} and {@code context}, not yet redacted. */
    public static ContextPack of(Session session, HealthReport health, SessionContext context, Instant exportedAt) {
        Source source = new Source(session.assistant(), session.id().value(), session.cwd(), session.gitBranch(),
                session.model(), session.title(), session.startedAt(), session.lastActivityAt());
        TokenFigures tokens = session.tokens();
        Figures figures = new Figures(health.score(), health.level().label(), session.context().tokens(),
                session.context().window(),
                tokens.known() ? OptionalLong.of(tokens.total().total()) : OptionalLong.empty(),
                tokens.known() ? OptionalLong.of(tokens.total().apiCalls()) : OptionalLong.empty(),
                tokens.source().name().toLowerCase(Locale.ROOT),
                session.cost().usd().isPresent()
                        ? Optional.of(String.format(Locale.ROOT, "%.4f", session.cost().usd().getAsDouble()))
                        : Optional.empty());
        return new ContextPack(VERSION, exportedAt, source, figures, context, Redaction.NONE);
    }

    /** The same pack with another context and redaction record. */
    public ContextPack with(Source newSource, SessionContext newContext, Redaction newRedaction) {
        return new ContextPack(version, exportedAt, newSource, figures, newContext, newRedaction);
    }

    /**
     * The session a pack came from.
     *
     * @param assistant      the assistant id ({@code claude-code})
     * @param id             the full session id ({@code claude_4d5611e5-…})
     * @param cwd            its working directory
     * @param gitBranch      its git branch
     * @param model          its latest model
     * @param title          its title
     * @param startedAt      its first activity
     * @param lastActivityAt its latest activity
     * @since 0.1
     */
    public record Source(String assistant, String id, Optional<String> cwd, Optional<String> gitBranch,
            Optional<String> model, Optional<String> title, Instant startedAt, Instant lastActivityAt) {
        public Source {
            Objects.requireNonNull(assistant, "assistant");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(cwd, "cwd");
            Objects.requireNonNull(gitBranch, "gitBranch");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(lastActivityAt, "lastActivityAt");
        }
    }

    /**
     * Health and tokens at export; unknown figures are empty, never 0.
     *
     * @param healthScore   0–100
     * @param healthLevel   {@code healthy}, {@code warning}, {@code critical} or {@code unknown}
     * @param contextTokens tokens in the context window
     * @param contextWindow the window size
     * @param totalTokens   cumulative tokens of the session
     * @param apiCalls      API calls of the session
     * @param tokenSource   {@code measured}, {@code estimated} or {@code unknown}
     * @param costUsd       cost in USD as a decimal string with four decimals (text, so the checksum never
     *                      depends on how a reader prints a floating-point number)
     * @since 0.1
     */
    public record Figures(OptionalInt healthScore, String healthLevel, OptionalLong contextTokens, long contextWindow,
            OptionalLong totalTokens, OptionalLong apiCalls, String tokenSource, Optional<String> costUsd) {
        public Figures {
            Objects.requireNonNull(healthScore, "healthScore");
            Objects.requireNonNull(healthLevel, "healthLevel");
            Objects.requireNonNull(contextTokens, "contextTokens");
            Objects.requireNonNull(totalTokens, "totalTokens");
            Objects.requireNonNull(apiCalls, "apiCalls");
            Objects.requireNonNull(tokenSource, "tokenSource");
            Objects.requireNonNull(costUsd, "costUsd");
        }
    }

    /**
     * Whether secrets were replaced before the pack was written.
     *
     * @param applied whether redaction ran
     * @param count   how many secrets it replaced
     * @since 0.1
     */
    public record Redaction(boolean applied, int count) {
        /** Not redacted. */
        public static final Redaction NONE = new Redaction(false, 0);

        public Redaction {
            if (count < 0) {
                throw new IllegalArgumentException("negative redaction count");
            }
        }
    }
}
