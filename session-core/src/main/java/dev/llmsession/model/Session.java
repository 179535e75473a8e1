package dev.llmsession.model;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One AI coding session as discovery adapters report it.
 *
 * @param id             Docker-style id
 * @param assistant      id of the discovery provider that found it ({@code claude-code})
 * @param pid            the live process, if any
 * @param activity       state with its evidence; {@link ActivityState#ENDED} when no process lives
 * @param cwd            working directory recorded by the assistant
 * @param gitBranch      git branch recorded by the assistant
 * @param title          a human title (the assistant's, or the first prompt)
 * @param model          the model of the latest call
 * @param startedAt      first recorded activity
 * @param lastActivityAt latest recorded activity
 * @param tokens         cumulative tokens
 * @param context        context-window fill now
 * @param cost           cost in USD or unknown
 * @param errors         error counts
 * @param quality        what the reader had to skip
 * @param sources        the files the session was read from (main transcript first)
 * @param kind           how the assistant runs it (interactive, background), when it says so
 * @since 0.1
 */
public record Session(
        SessionId id,
        String assistant,
        OptionalLong pid,
        Activity activity,
        Optional<String> cwd,
        Optional<String> gitBranch,
        Optional<String> title,
        Optional<String> model,
        Instant startedAt,
        Instant lastActivityAt,
        TokenFigures tokens,
        ContextFill context,
        Cost cost,
        ErrorCounts errors,
        DataQuality quality,
        List<Path> sources,
        Optional<SessionKind> kind) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(assistant, "assistant");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(gitBranch, "gitBranch");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastActivityAt, "lastActivityAt");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(quality, "quality");
        sources = List.copyOf(sources);
        Objects.requireNonNull(kind, "kind");
    }

    /** A session whose kind is not known (the assistant does not say). */
    public Session(SessionId id, String assistant, OptionalLong pid, Activity activity, Optional<String> cwd,
            Optional<String> gitBranch, Optional<String> title, Optional<String> model, Instant startedAt,
            Instant lastActivityAt, TokenFigures tokens, ContextFill context, Cost cost, ErrorCounts errors,
            DataQuality quality, List<Path> sources) {
        this(id, assistant, pid, activity, cwd, gitBranch, title, model, startedAt, lastActivityAt, tokens, context,
                cost, errors, quality, sources, Optional.empty());
    }

    /** True while a live process owns the session. */
    public boolean running() {
        return activity.state() != ActivityState.ENDED;
    }

    /** The last path element of the working directory, or empty. */
    public Optional<String> project() {
        return cwd.map(c -> {
            String trimmed = c.replaceAll("[/\\\\]+$", "");
            int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
            return slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
        }).filter(p -> !p.isEmpty());
    }

    /** Wall time since the start: up to {@code now} while running, up to the last activity once ended. */
    public Duration duration(Instant now) {
        Instant end = running() ? now : lastActivityAt;
        return nonNegative(Duration.between(startedAt, end));
    }

    /** Time since the last recorded activity. */
    public Duration idle(Instant now) {
        return nonNegative(Duration.between(lastActivityAt, now));
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
