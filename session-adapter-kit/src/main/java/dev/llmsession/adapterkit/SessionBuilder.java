package dev.llmsession.adapterkit;

import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds a {@link Session} with the defaults an adapter would otherwise repeat: unknown tokens and cost until set, no errors, clean data, ended unless a process is given, the last activity never before the start.
 * Text from the assistant's files (titles, branches, models) is made printable here, once.
 */
public final class SessionBuilder {
    /** The longest title kept. */
    public static final int MAX_TITLE = 80;

    private final SessionId id;
    private final String assistant;
    private OptionalLong pid = OptionalLong.empty();
    private Activity activity;
    private Optional<String> cwd = Optional.empty();
    private Optional<String> gitBranch = Optional.empty();
    private Optional<String> title = Optional.empty();
    private Optional<String> model = Optional.empty();
    private Instant startedAt;
    private Instant lastActivityAt;
    private TokenFigures tokens = TokenFigures.UNKNOWN;
    private ContextFill context;
    private Cost cost = Cost.UNKNOWN;
    private ErrorCounts errors = ErrorCounts.NONE;
    private DataQuality quality = DataQuality.CLEAN;
    private final List<Path> sources = new ArrayList<>();

    private SessionBuilder(String prefix, String nativeId, String assistant) {
        this.id = new SessionId(prefix, nativeId);
        this.assistant = Objects.requireNonNull(assistant, "assistant");
    }

    /** A session of {@code assistant} with id {@code prefix_nativeId}. */
    public static SessionBuilder of(String prefix, String nativeId, String assistant) {
        return new SessionBuilder(prefix, nativeId, assistant);
    }

    public SessionBuilder process(OptionalLong processId, Activity state) {
        this.pid = processId;
        this.activity = state;
        return this;
    }

    public SessionBuilder activity(Activity state) {
        this.activity = state;
        return this;
    }

    public SessionBuilder cwd(String dir) {
        this.cwd = printable(dir, 4096);
        return this;
    }

    public SessionBuilder gitBranch(String branch) {
        this.gitBranch = printable(branch, 256);
        return this;
    }

    /** The first line of {@code text}, whitespace collapsed, cut to {@link #MAX_TITLE} characters. */
    public SessionBuilder title(String text) {
        this.title = printable(text, 4096).map(t -> t.replaceAll("\\s+", " ").strip())
                .filter(t -> !t.isEmpty())
                .map(t -> t.length() > MAX_TITLE ? t.substring(0, MAX_TITLE - 1) + "…" : t);
        return this;
    }

    public SessionBuilder model(String name) {
        this.model = printable(name, 256);
        return this;
    }

    public SessionBuilder times(Instant started, Instant last) {
        this.startedAt = started;
        this.lastActivityAt = last;
        return this;
    }

    public SessionBuilder tokens(TokenFigures figures) {
        this.tokens = Objects.requireNonNull(figures, "figures");
        return this;
    }


    public SessionBuilder context(ContextFill fill) {
        this.context = fill;
        return this;
    }

    /**
     * The context now: {@code tokens} (negative: unknown) of a {@code window}; when the window is not known
     * ({@code window <= 0}) {@code assumedWindow} is used and marked assumed.
     */
    public SessionBuilder context(long tokensNow, long window, long assumedWindow) {
        boolean known = window > 0;
        this.context = new ContextFill(tokensNow >= 0 ? OptionalLong.of(tokensNow) : OptionalLong.empty(),
                known ? window : assumedWindow, !known, OptionalLong.empty(),
                tokensNow >= 0 ? TokenSource.MEASURED : TokenSource.UNKNOWN);
        return this;
    }

    public SessionBuilder cost(Cost value) {
        this.cost = Objects.requireNonNull(value, "value");
        return this;
    }

    public SessionBuilder errors(ErrorCounts counts) {
        this.errors = Objects.requireNonNull(counts, "counts");
        return this;
    }

    public SessionBuilder quality(DataQuality value) {
        this.quality = Objects.requireNonNull(value, "value");
        return this;
    }

    public SessionBuilder source(Path file) {
        this.sources.add(file);
        return this;
    }

    public Session build() {
        Objects.requireNonNull(startedAt, "startedAt");
        Instant last = lastActivityAt == null || lastActivityAt.isBefore(startedAt) ? startedAt : lastActivityAt;
        Activity state = activity != null ? activity : Activity.of(ActivityState.ENDED, "no running process");
        ContextFill fill = Objects.requireNonNull(context, "context (use an assumed window when none is known)");
        return new Session(id, assistant, pid, state, cwd, gitBranch, title, model, startedAt, last, tokens, fill,
                cost, errors, quality, sources);
    }

    /** {@code text} on one line, control and format characters replaced, cut to {@code max}; empty when blank. */
    public static Optional<String> printable(String text, int max) {
        return printable(text, max, false);
    }

    /** Like {@link #printable(String, int)}, keeping newlines when {@code keepNewlines}. */
    public static Optional<String> printable(String text, int max, boolean keepNewlines) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        text.codePoints().limit(max).forEach(cp -> {
            int type = Character.getType(cp);
            boolean unsafe = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
            if (cp == '\n' && keepNewlines) {
                out.append('\n');
            } else {
                out.appendCodePoint(unsafe ? (cp == '\n' || cp == '\t' || cp == '\r' ? ' ' : '\uFFFD') : cp);
            }
        });
        String s = out.toString().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
