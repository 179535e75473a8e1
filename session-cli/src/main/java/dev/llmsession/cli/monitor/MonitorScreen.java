package dev.llmsession.cli.monitor;

import dev.llmsession.api.Formats;
import dev.llmsession.cli.render.HealthView;
import dev.llmsession.cli.render.Labels;
import dev.llmsession.cli.render.ShortIds;
import dev.llmsession.cli.render.SessionTable;
import dev.llmsession.cli.render.Table;
import dev.llmsession.cli.render.Terminal;
import dev.llmsession.cli.render.TextWidth;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Recommendation;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionSample;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Draws a {@link MonitorState} into a {@link Frame} of a given size: the header, the sessions table (the
 * {@code list} columns, with a context bar), the recommendations, a status line and the footer of keys; or the
 * detail view of one session; or the help. Pure: the same state and size always give the same frame.
 */
public final class MonitorScreen {
    /** Columns the trend sparkline spans (two minutes each over the hour). */
    static final int TREND_CELLS = 30;
    private static final String SPARKS = "▁▂▃▄▅▆▇█";
    private static final String ASCII_SPARKS = "_.:-=+*#";
    private static final int MAX_RECOMMENDATIONS = 2;

    private final List<HeaderSegment> header;
    private final boolean color;
    private final boolean ascii;
    private final String every;

    /**
     * @param header   the header's segments, in order
     * @param color    whether to write ANSI colour
     * @param ascii    whether to write ASCII only
     * @param interval the refresh interval, shown in the footer
     */
    public MonitorScreen(List<HeaderSegment> header, boolean color, boolean ascii, Duration interval) {
        this.header = List.copyOf(header);
        this.color = color;
        this.ascii = ascii;
        this.every = "every " + Formats.shortDuration(Objects.requireNonNull(interval, "interval"));
    }

    /** The frame of {@code state} on a screen of {@code width} × {@code height}. */
    public Frame render(MonitorState state, int width, int height) {
        Terminal t = new Terminal(color, ascii, width);
        List<String> lines = switch (state.view()) {
            case DETAIL -> detail(state, t, height);
            case LIST -> list(state, t, height);
            case HELP -> help(state, t, height);
        };
        List<String> safe = new ArrayList<>(lines.size());
        lines.forEach(l -> safe.add(t.sanitize(l)));
        return Frame.of(width, height, safe);
    }

    private String headerLine(MonitorState state, Terminal t) {
        List<String> parts = new ArrayList<>();
        for (HeaderSegment segment : header) {
            segment.text(state.data(), t).filter(s -> !s.isEmpty()).ifPresent(parts::add);
        }
        return " " + HeaderSegment.fit(parts, state.data().block().isPresent(), t, t.width() - 1);
    }

    /**
     * {@code parts} joined with the terminal's dot; on a narrow screen the parts after the {@code keep} first
     * are left out from the end, whole, rather than cut mid-word.
     */
    private static String fitting(List<String> parts, Terminal t, int keep) {
        List<String> shown = new ArrayList<>(parts);
        while (shown.size() > keep && TextWidth.of(" " + String.join(t.dot(), shown)) > t.width()) {
            shown.remove(shown.size() - 1);
        }
        return String.join(t.dot(), shown);
    }

    // ------------------------------------------------------------------------------------------------ list

    private List<String> list(MonitorState state, Terminal t, int height) {
        List<String> lines = new ArrayList<>();
        lines.add(headerLine(state, t));
        List<String> recommendations = recommendations(state, t);
        int recLines = height >= 12 ? recommendations.size() : 0;
        // A status longer than the screen (an export's path) takes the lines it needs rather than being cut.
        int statusLines = statusLines(state, t).size();
        int area = Math.max(0, height - 2 - statusLines - recLines);
        lines.addAll(table(state, t, area));
        while (lines.size() < 1 + area) {
            lines.add("");
        }
        if (recLines > 0) {
            lines.addAll(recommendations);
        }
        lines.addAll(statusLines(state, t));
        lines.add(footer(state, t, false));
        // A very short screen keeps the header, the first rows and the footer.
        if (lines.size() > height) {
            List<String> cut = new ArrayList<>(lines.subList(0, Math.max(0, height - 1)));
            cut.add(lines.get(lines.size() - 1));
            return cut.subList(Math.max(0, cut.size() - height), cut.size());
        }
        return lines;
    }

    private List<String> table(MonitorState state, Terminal t, int area) {
        if (area <= 0) {
            return List.of();
        }
        List<Session> rows = state.rows();
        if (rows.isEmpty()) {
            String why;
            if (!state.refreshed()) {
                why = "Looking for sessions...";
            } else if (!state.filter().isEmpty() && !state.data().sessions().isEmpty()) {
                why = "No session matches the filter \"" + state.filter() + "\" (Esc clears it).";
            } else {
                why = state.data().team().isPresent() ? "No running sessions in the team database."
                        : "No running sessions. Start one (claude) and it shows up here.";
            }
            return List.of("", " " + t.paint(why, Terminal.Tone.DIM));
        }
        int selected = state.selectedIndex();
        Table<Session> table = new Table<>();
        table.add(new Table.Column<>("", s -> marker(state, s, rows.get(selected)),
                s -> state.alerted(s.id()) ? Terminal.Tone.BAD : null, false, Integer.MAX_VALUE, 1, 1));
        MonitorColumns.of(state.data(), t, true).forEach(table::add);
        List<String> rendered = table.render(rows, t);
        List<String> out = new ArrayList<>();
        out.add(rendered.get(0));
        int capacity = area - 1;
        int first = 0;
        int shown = Math.min(rows.size(), capacity);
        if (rows.size() > capacity) {
            shown = Math.max(1, capacity - 1); // one line for "↓ N more"
            first = Math.max(0, Math.min(selected - shown + 1 + shown / 2, rows.size() - shown));
            first = Math.min(first, selected);
        }
        for (int i = first; i < first + shown; i++) {
            String line = rendered.get(i + 1);
            out.add(i == selected ? t.paint(line.replace("\u001b[0m", "\u001b[0m\u001b[7m"), Terminal.Tone.REVERSE)
                    : line);
        }
        if (rows.size() > shown && capacity > 1) {
            int above = first;
            int below = rows.size() - first - shown;
            List<String> more = new ArrayList<>();
            if (above > 0) {
                more.add((ascii ? "^ " : "↑ ") + above + " above");
            }
            if (below > 0) {
                more.add((ascii ? "v " : "↓ ") + below + " more");
            }
            out.add("  " + t.paint(String.join(t.dot(), more), Terminal.Tone.DIM));
        }
        return out;
    }

    private static String marker(MonitorState state, Session s, Session selected) {
        if (s == selected) {
            return ">";
        }
        return state.alerted(s.id()) ? "!" : " ";
    }

    private List<String> recommendations(MonitorState state, Terminal t) {
        List<Session> worstFirst = new ArrayList<>(state.rows());
        worstFirst.sort(Comparator.comparingInt(s -> {
            HealthReport r = state.data().health(s);
            return r.score().isPresent() ? r.score().getAsInt() : Integer.MAX_VALUE;
        }));
        List<String> out = new ArrayList<>();
        ShortIds ids = ShortIds.of(state.data().sessions());
        for (Recommendation.Severity severity : Recommendation.Severity.values()) {
            for (Session s : worstFirst) {
                for (Recommendation rec : state.data().health(s).recommendations()) {
                    if (rec.severity() == severity && out.size() < MAX_RECOMMENDATIONS) {
                        String icon = rec.severity().icon(t.ascii()).strip();
                        String lead = out.isEmpty() ? " Recommendations: " : "                  ";
                        out.add(lead + (severity == Recommendation.Severity.ACTION
                                ? t.paint(icon, Terminal.Tone.WARN) : icon) + " "
                                + MonitorColumns.name(state.data(), ids, s) + " "
                                + rec.message());
                    }
                }
            }
        }
        return out;
    }

    /** The status line, folded onto as many lines as it needs (at most three) so that nothing in it is cut. */
    private List<String> statusLines(MonitorState state, Terminal t) {
        String line = statusLine(state, t);
        if (!state.editingFilter() && !state.status().isEmpty() && TextWidth.of(line) > t.width()) {
            List<String> folded = new ArrayList<>();
            String rest = line;
            while (TextWidth.of(rest) > t.width() && folded.size() < 2) {
                String head = TextWidth.truncate(rest, t.width(), "");
                folded.add(head);
                rest = "   " + rest.substring(head.length());
            }
            folded.add(rest);
            return folded;
        }
        return List.of(line);
    }

    private String statusLine(MonitorState state, Terminal t) {
        if (state.editingFilter()) {
            return " / " + state.filter() + t.paint(" ", Terminal.Tone.REVERSE)
                    + t.paint("   Enter keeps it, Esc clears it", Terminal.Tone.DIM);
        }
        if (!state.status().isEmpty()) {
            return " " + state.status();
        }
        if (!state.data().warnings().isEmpty()) {
            return " " + t.paint("warning: " + state.data().warnings().get(0)
                    + (state.data().warnings().size() > 1 ? " (+" + (state.data().warnings().size() - 1) + " more)"
                            : ""), Terminal.Tone.WARN);
        }
        List<String> facts = new ArrayList<>();
        if (!state.filter().isEmpty()) {
            facts.add("filter \"" + state.filter() + "\": " + state.rows().size() + " of "
                    + state.data().sessions().size());
        }
        state.sort().ifPresent(s -> facts.add("sorted by " + s.name()));
        SessionTable.legend(state.rows(), t).ifPresent(facts::add);
        Labels.statusLegend(state.rows().stream().map(s -> s.activity().state()).toList(), t.dot())
                .ifPresent(facts::add);
        return facts.isEmpty() ? "" : " " + t.paint(String.join(t.dot(), facts), Terminal.Tone.DIM);
    }

    private String footer(MonitorState state, Terminal t, boolean detail) {
        List<String> keys = new ArrayList<>();
        if (detail) {
            keys.add("Esc back");
            keys.add((ascii ? "up/down" : "↑↓") + " other session");
            keys.add("PgUp/PgDn scroll");
        }
        keys.add("q quit");
        keys.add("r refresh");
        if (!detail) {
            keys.add((ascii ? "up/down" : "↑↓") + " select");
            keys.add("Enter detail");
            keys.add("s sort");
            keys.add("/ filter");
        }
        for (MonitorBinding b : state.bindings()) {
            keys.add(b.key() + " " + b.label());
        }
        keys.add(every);
        // "h help" stays when the screen is narrow; the keys before it go from the end.
        List<String> shown = new ArrayList<>(List.of("h help"));
        shown.addAll(keys);
        String line = fitting(shown, t, 1);
        List<String> kept = new ArrayList<>(List.of(line.split(java.util.regex.Pattern.quote(t.dot()))));
        kept.remove(0);
        kept.add(Math.max(0, kept.size() - (kept.contains(every) ? 1 : 0)), "h help");
        return " " + t.paint(String.join(t.dot(), kept), Terminal.Tone.DIM);
    }

    // ---------------------------------------------------------------------------------------------- detail

    private List<String> detail(MonitorState state, Terminal t, int height) {
        List<String> lines = new ArrayList<>();
        lines.add(headerLine(state, t));
        lines.add("");
        Optional<Session> selected = state.selectedSession();
        List<String> body = new ArrayList<>();
        if (selected.isPresent()) {
            Session s = selected.get();
            HealthReport report = state.data().health(s);
            for (String line : HealthView.render(s, report, t)) {
                body.add(" " + line);
            }
            body.add("");
            body.addAll(tokens(s.tokens(), t));
            body.add("  Errors: " + s.errors().api() + " API" + t.dot() + s.errors().tool() + " tool" + t.dot()
                    + s.errors().interrupts() + " interrupts" + t.dot()
                    + s.errors().within(Duration.ofMinutes(30), state.data().takenAt()) + " in the last 30 min");
            body.addAll(TextWidth.wrap("State: " + t.paint(Labels.statePhrase(s.activity().state()),
                    Labels.tone(s.activity().state())) + " (" + s.activity().evidence() + ")", t.width(), "  ",
                    "    "));
            body.add("  Context, last hour: " + trend(state, s, t));
        }
        int room = Math.max(0, height - lines.size() - 1);
        if (body.size() > room && room > 2) {
            // Scrolled with PgUp/PgDn: one line for what is above, one for what is below.
            int page = room - 2;
            state.clampDetailScroll(body.size() - page);
            int first = state.detailScroll();
            int last = Math.min(body.size(), first + page);
            List<String> shown = new ArrayList<>();
            shown.add(first > 0 ? "  " + t.paint((ascii ? "^ " : "↑ ") + first + " above (PgUp)", Terminal.Tone.DIM)
                    : "");
            shown.addAll(body.subList(first, last));
            shown.add(last < body.size() ? "  " + t.paint((ascii ? "v " : "↓ ") + (body.size() - last)
                    + " more below (PgDn)", Terminal.Tone.DIM) : "");
            body = shown;
        } else {
            state.clampDetailScroll(0);
        }
        lines.addAll(body);
        while (lines.size() < height - 1) {
            lines.add("");
        }
        lines.add(footer(state, t, true));
        return lines;
    }

    private static List<String> tokens(TokenFigures f, Terminal t) {
        if (!f.known()) {
            return List.of("  Tokens: unknown");
        }
        List<String> out = new ArrayList<>();
        TokenUsage u = f.total();
        out.add("  Tokens (" + f.source().name().toLowerCase(Locale.ROOT) + "): " + Formats.thousands(u.total())
                + " in " + Formats.thousands(u.apiCalls()) + (u.apiCalls() == 1 ? " call" : " calls"));
        out.add("    " + classes(u, t));
        TokenUsage sub = f.subagents();
        if (sub.total() > 0 || sub.apiCalls() > 0) {
            out.add("    sub-agents: " + classes(sub, t) + " (" + Formats.thousands(sub.apiCalls())
                    + (sub.apiCalls() == 1 ? " call)" : " calls)"));
        }
        return out;
    }

    private static String classes(TokenUsage u, Terminal t) {
        return "input " + Formats.thousands(u.input()) + t.dot() + "output " + Formats.thousands(u.output())
                + t.dot() + "cache write " + Formats.thousands(u.cacheWrite()) + t.dot() + "cache read "
                + Formats.thousands(u.cacheRead());
    }

    private String trend(MonitorState state, Session s, Terminal t) {
        Optional<MonitorData.Trend> trend = state.data().trend().filter(tr -> tr.id().equals(s.id()));
        if (trend.isEmpty()) {
            return t.paint("loading...", Terminal.Tone.DIM);
        }
        List<SessionSample> samples = trend.get().samples().stream()
                .filter(x -> x.contextTokens().isPresent()).toList();
        if (samples.isEmpty()) {
            return t.paint("no samples yet (the store keeps one per change)", Terminal.Tone.DIM);
        }
        String line = sparkline(samples, trend.get().since(), state.data().takenAt(), s.context().window());
        long last = samples.get(samples.size() - 1).contextTokens().getAsLong();
        return line + " " + String.format(Locale.ROOT, "%.0f%%", 100.0 * last / s.context().window()) + " now ("
                + samples.size() + (samples.size() == 1 ? " sample)" : " samples)");
    }

    /** One cell per {@link #TREND_CELLS}th of the window: the latest fill in it, carried on while unchanged. */
    String sparkline(List<SessionSample> samples, Instant since, Instant until, long window) {
        String levels = ascii ? ASCII_SPARKS : SPARKS;
        long span = Math.max(1, Duration.between(since, until).toMillis());
        StringBuilder out = new StringBuilder();
        int next = 0;
        Long current = null;
        for (int cell = 0; cell < TREND_CELLS; cell++) {
            Instant end = since.plusMillis(span * (cell + 1) / TREND_CELLS);
            while (next < samples.size() && !samples.get(next).at().isAfter(end)) {
                current = samples.get(next).contextTokens().getAsLong();
                next++;
            }
            if (current == null) {
                out.append(' ');
            } else {
                double fill = Math.max(0, Math.min(1, (double) current / window));
                out.append(levels.charAt((int) Math.round(fill * (levels.length() - 1))));
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------------ help

    private List<String> help(MonitorState state, Terminal t, int height) {
        String arrows = ascii ? "up/down j/k" : "↑/↓ j/k";
        List<String[]> keys = new ArrayList<>(List.of(
                new String[] {"q", "quit (Ctrl-C too)"},
                new String[] {"r", "refresh now"},
                new String[] {arrows, "select a session"},
                new String[] {"PgUp/PgDn", "move a page"},
                new String[] {"Enter", "detail: health, tokens, errors, state, trend"},
                new String[] {"Esc", "back; clear the filter"},
                new String[] {"s", "sort: health, context, cost, idle, started"},
                new String[] {"/", "filter by id, project, model, branch, state"},
                new String[] {"h ?", "this help"}));
        for (MonitorBinding b : state.bindings()) {
            keys.add(new String[] {String.valueOf(b.key()), b.label() + " the selected session"});
        }
        List<String> box = new ArrayList<>();
        box.add(t.paint("Keys", Terminal.Tone.BOLD));
        for (String[] k : keys) {
            box.add(TextWidth.pad(k[0], 12, false) + k[1]);
        }
        box.add("");
        box.add("Refreshes " + every + " in the background.");
        box.add(t.paint("Any key closes this help.", Terminal.Tone.DIM));
        int inner = 0;
        for (String b : box) {
            inner = Math.max(inner, TextWidth.of(b));
        }
        inner = Math.min(inner, Math.max(10, t.width() - 6));
        String h = ascii ? "-" : "─";
        String v = ascii ? "|" : "│";
        List<String> framed = new ArrayList<>();
        framed.add((ascii ? "+" : "┌") + h.repeat(inner + 2) + (ascii ? "+" : "┐"));
        for (String b : box) {
            String cut = Frame.fit(b, inner);
            framed.add(v + " " + cut + " ".repeat(Math.max(0, inner - TextWidth.of(cut))) + " " + v);
        }
        framed.add((ascii ? "+" : "└") + h.repeat(inner + 2) + (ascii ? "+" : "┘"));
        List<String> lines = new ArrayList<>(list(state, t, height));
        int top = Math.max(1, (height - framed.size()) / 2);
        String indent = " ".repeat(Math.max(0, (t.width() - inner - 4) / 2));
        for (int i = 0; i < framed.size() && top + i < height - 1; i++) {
            lines.set(top + i, indent + framed.get(i));
        }
        return lines;
    }
}
