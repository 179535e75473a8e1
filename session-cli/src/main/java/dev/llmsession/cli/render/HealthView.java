package dev.llmsession.cli.render;

import dev.llmsession.api.Formats;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.HealthComponent;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Recommendation;
import dev.llmsession.model.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code health <id>} layout of SPEC §5. */
public final class HealthView {
    private HealthView() {
    }

    /** The lines of the health view. */
    public static List<String> render(Session s, HealthReport r, Terminal t) {
        List<String> out = new ArrayList<>();
        out.addAll(TextWidth.wrap(header(s, t), t.width(), "", "        "));
        String score = r.score().isPresent() ? r.score().getAsInt() + "%" : "unknown";
        out.add("Health: " + t.paint(r.level().icon(t.ascii()) + " " + score + " (" + r.level().label() + ")",
                Labels.tone(r.level())));
        out.add("");
        out.addAll(components(r, t));
        out.add("");
        out.addAll(TextWidth.wrap(context(s.context(), t), t.width(), "  ", "    "));
        if (!s.quality().clean()) {
            out.addAll(TextWidth.wrap(quality(s.quality()), t.width(), "  ", "    "));
        }
        if (r.recommendations().isEmpty()) {
            out.add("  Recommendations: none");
        } else {
            out.add("  Recommendations:");
            for (Recommendation rec : r.recommendations()) {
                Terminal.Tone tone = rec.severity() == Recommendation.Severity.ACTION ? Terminal.Tone.WARN : null;
                String icon = rec.severity().icon(t.ascii());
                String mark = "    " + (tone == null ? icon : t.paint(icon, tone)) + " ";
                String hang = " ".repeat(4 + TextWidth.of(icon) + 1);
                out.addAll(TextWidth.wrap(rec.message(), t.width(), mark, hang));
            }
        }
        List<String> safe = new ArrayList<>();
        out.forEach(line -> safe.add(t.sanitize(line)));
        return safe;
    }

    private static String header(Session s, Terminal t) {
        // The whole id: one session's view has the room, and any shortening could be ambiguous among others.
        StringBuilder sb = new StringBuilder("Session ").append(s.id().value());
        sb.append(t.dot()).append(s.project().orElse("(no project)"));
        s.gitBranch().ifPresent(b -> sb.append(" (").append(b).append(')'));
        sb.append(t.dot()).append(s.model().orElse("model unknown"));
        sb.append(t.dot()).append(t.paint(Labels.statePhrase(s.activity().state()), Labels.tone(s.activity().state())));
        return sb.toString();
    }

    private static List<String> components(HealthReport r, Terminal t) {
        boolean renormalised = r.components().stream().anyMatch(c -> !c.known())
                && r.components().stream().anyMatch(HealthComponent::known);
        int measuredWidth = "measured".length();
        for (HealthComponent c : r.components()) {
            measuredWidth = Math.max(measuredWidth, TextWidth.of(c.measured()));
        }
        List<String> out = new ArrayList<>();
        out.add("  " + TextWidth.pad("component", 10, false) + "  " + TextWidth.pad("measured", measuredWidth, false)
                + "  " + TextWidth.pad("score", 7, true) + "  " + TextWidth.pad("weight", 7, true));
        for (HealthComponent c : r.components()) {
            String score = c.score().isPresent() ? pct(c.score().getAsDouble()) : "unknown";
            String weight;
            if (!c.known()) {
                weight = "-";
            } else if (renormalised) {
                weight = pct(c.effectiveWeight() * 100) + " (set " + pct(c.weight() * 100) + ")";
            } else {
                weight = pct(c.weight() * 100);
            }
            String line = "  " + TextWidth.pad(c.name(), 10, false) + "  " + TextWidth.pad(c.measured(), measuredWidth, false)
                    + "  " + TextWidth.pad(score, 7, true) + "  " + TextWidth.pad(weight, 7, true);
            out.add(c.known() ? line.stripTrailing() : t.paint(line.stripTrailing(), Terminal.Tone.DIM));
        }
        if (renormalised) {
            out.add("  (unknown components are left out; the other weights are renormalised)");
        }
        return out;
    }

    private static String context(ContextFill c, Terminal t) {
        if (c.tokens().isEmpty()) {
            return "Context: unknown (window " + Formats.thousands(c.window())
                    + (c.windowAssumed() ? ", assumed" : "") + ")";
        }
        StringBuilder sb = new StringBuilder("Context: ").append(Formats.thousands(c.tokens().getAsLong()))
                .append(" tokens now");
        c.remainingToAutoCompact().ifPresent(left -> sb.append(t.dot()).append('~')
                .append(Formats.thousands(Math.max(0, left))).append(" until auto-compact (")
                .append(Formats.thousands(c.autoCompactAt().getAsLong())).append(')'));
        sb.append(t.dot()).append(Formats.thousands(Math.max(0, c.remainingToWindow().getAsLong())))
                .append(" until the window");
        if (c.windowAssumed()) {
            sb.append(" (window assumed)");
        }
        return sb.toString();
    }

    /**
     * What the reader could not use in the session's files, so that figures shown as unknown, or smaller than a
     * user expects, are explained: these are never counted as 0, and the assistant's files are never changed.
     */
    private static String quality(DataQuality q) {
        List<String> parts = new ArrayList<>();
        if (q.malformedLines() > 0) {
            parts.add(count(q.malformedLines(), "line that was not JSON", "lines that were not JSON") + " skipped");
        }
        if (q.invalidCounts() > 0) {
            parts.add(count(q.invalidCounts(), "call", "calls") + " with invalid token counts left out of every sum");
        }
        if (q.linesWithoutKey() > 0) {
            parts.add(count(q.linesWithoutKey(), "usage line", "usage lines")
                    + " without a message id (not de-duplicated)");
        }
        if (q.unreadableFiles() > 0) {
            parts.add(count(q.unreadableFiles(), "file", "files") + " could not be read (`llm-session doctor` names them)");
        }
        return "Transcript data: " + String.join("; ", parts) + "; the figures count the rest";
    }

    private static String count(long n, String one, String many) {
        return Formats.thousands(n) + " " + (n == 1 ? one : many);
    }

    private static String pct(double value) {
        return String.format(Locale.ROOT, "%.0f%%", value);
    }
}
