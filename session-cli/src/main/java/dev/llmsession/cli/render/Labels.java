package dev.llmsession.cli.render;

import dev.llmsession.api.Formats;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import java.util.Locale;
import java.util.regex.Pattern;

/** Short human forms of session facts, shared by the table and the health view. */
public final class Labels {
    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{8}$");
    /** Marks a context percentage computed against an assumed window size. */
    public static final String ASSUMED_MARK = "*";

    private Labels() {
    }

    /** The TYPE cell: the id's prefix, {@code claude·bg} ({@code claude-bg} in ASCII) for a background session. */
    public static String type(Session s, boolean ascii) {
        boolean background = s.kind().filter(k -> k == dev.llmsession.model.SessionKind.BACKGROUND).isPresent();
        return s.id().prefix() + (background ? (ascii ? "-bg" : "·bg") : "");
    }

    /** {@code claude-opus-4-6} → {@code opus-4-6}; {@code claude-sonnet-4-5-20250929} → {@code sonnet-4-5}. */
    public static String shortModel(String model) {
        String m = DATE_SUFFIX.matcher(model).replaceFirst("");
        return m.startsWith("claude-") && m.length() > "claude-".length() ? m.substring("claude-".length()) : m;
    }

    /**
     * The state as a table shows it: one short word, distinct from the others, never cut, so the rows that need
     * the user ({@code perm}, {@code input}, {@code error}) read at any width. {@link #statusLegend} spells out
     * the two abbreviations.
     */
    public static String status(ActivityState state) {
        return switch (state) {
            case WORKING -> "working";
            case WAITING_PERMISSION -> "perm";
            case WAITING_INPUT -> "input";
            case IDLE -> "idle";
            case COMPACTING -> "compact";
            case ERRORED -> "error";
            case ENDED -> "ended";
            case UNKNOWN -> "unknown";
        };
    }

    /** Marks, before the status, a session that cannot go on without the user ({@link ActivityState#needsUser}). */
    public static final String NEEDS_USER_MARK = "!";

    /** The STATUS cell: the short status, after {@link #NEEDS_USER_MARK} when the session needs the user. */
    public static String statusCell(ActivityState state) {
        return (state.needsUser() ? NEEDS_USER_MARK : "") + status(state);
    }

    /**
     * The legend of the short statuses among {@code states} that are not plain words ({@code perm}, {@code input},
     * {@code compact}) and of the {@code !} mark, or empty when none is shown.
     */
    public static java.util.Optional<String> statusLegend(java.util.Collection<ActivityState> states, String dot) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (states.stream().anyMatch(ActivityState::needsUser)) {
            parts.add(NEEDS_USER_MARK + " = needs you");
        }
        for (ActivityState state : new ActivityState[] {ActivityState.WAITING_PERMISSION, ActivityState.WAITING_INPUT,
            ActivityState.COMPACTING}) {
            if (states.contains(state)) {
                parts.add(status(state) + " = " + statePhrase(state));
            }
        }
        return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(dot, parts));
    }

    /** The state as a phrase: {@code waiting for input}. */
    public static String statePhrase(ActivityState state) {
        return switch (state) {
            case WAITING_INPUT -> "waiting for input";
            case WAITING_PERMISSION -> "waiting for permission";
            case COMPACTING -> "compacting the context";
            default -> state.label();
        };
    }

    /** {@code 106k 53%}, {@code 106k 53%*} with an assumed window, {@code ?} when unknown. */
    public static String context(ContextFill c) {
        if (c.tokens().isEmpty()) {
            return "?";
        }
        return Formats.compact(c.tokens().getAsLong()) + " "
                + String.format(Locale.ROOT, "%.0f%%", c.percent().getAsDouble())
                + (c.windowAssumed() ? ASSUMED_MARK : "");
    }

    /** Cells of the context fill bar. */
    public static final int BAR_CELLS = 8;

    /** {@code █████░░░} (or {@code #####...}) for the context fill; blank cells when unknown. */
    public static String contextBar(ContextFill c, boolean ascii) {
        if (c.percent().isEmpty()) {
            return (ascii ? "." : "░").repeat(BAR_CELLS);
        }
        int full = (int) Math.round(Math.min(100, Math.max(0, c.percent().getAsDouble())) / 100 * BAR_CELLS);
        return (ascii ? "#" : "█").repeat(full) + (ascii ? "." : "░").repeat(BAR_CELLS - full);
    }

    /** {@code 53%}, {@code 53%*} with an assumed window, {@code ?} when unknown. */
    public static String contextPercent(ContextFill c) {
        if (c.percent().isEmpty()) {
            return "?";
        }
        return String.format(Locale.ROOT, "%.0f%%", c.percent().getAsDouble()) + (c.windowAssumed() ? ASSUMED_MARK : "");
    }

    /** Cumulative tokens, {@code ~} in front when estimated, {@code ?} when unknown. */
    public static String tokens(Session s) {
        if (!s.tokens().known()) {
            return "?";
        }
        String n = Formats.compact(s.tokens().total().total());
        return s.tokens().source() == dev.llmsession.model.TokenSource.ESTIMATED ? "~" + n : n;
    }

    /** {@code $10.11} or {@code ?}. */
    public static String cost(Session s) {
        return s.cost().usd().isPresent() ? Formats.usd(s.cost().usd().getAsDouble()) : "?";
    }

    /** Icon and score: {@code ✅ 81%}, {@code [ok] 81%}, {@code ❔ ?}. */
    public static String health(HealthReport r, boolean ascii) {
        return r.level().icon(ascii) + " " + (r.score().isPresent() ? r.score().getAsInt() + "%" : "?");
    }

    /** The colour of a health level. */
    public static Terminal.Tone tone(HealthLevel level) {
        return switch (level) {
            case HEALTHY -> Terminal.Tone.GOOD;
            case WARNING -> Terminal.Tone.WARN;
            case CRITICAL -> Terminal.Tone.BAD;
            default -> Terminal.Tone.DIM;
        };
    }

    /** The colour of a state: what needs the user stands out. */
    public static Terminal.Tone tone(ActivityState state) {
        return switch (state) {
            case WAITING_PERMISSION, ERRORED -> Terminal.Tone.BAD;
            case WAITING_INPUT -> Terminal.Tone.WARN;
            case WORKING, COMPACTING -> Terminal.Tone.GOOD;
            default -> Terminal.Tone.DIM;
        };
    }
}
