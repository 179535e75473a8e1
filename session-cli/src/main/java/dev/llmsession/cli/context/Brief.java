package dev.llmsession.cli.context;

import dev.llmsession.cli.render.Printable;
import dev.llmsession.model.ContextError;
import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.FileActivity;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.TodoItem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Markdown renderings of a pack: the handoff brief a human reads ({@code export --format markdown}) and the
 * primer a fresh session starts with ({@code import-context}). Every text from the pack is stripped of control
 * characters (an imported pack may come from anywhere and must not drive the terminal). Stateless.
 */
public final class Brief {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Brief() {
    }

    /** The handoff brief for a human. */
    public static String handoff(ContextPack pack) {
        StringBuilder b = new StringBuilder();
        b.append("# Handoff: ").append(clean(title(pack))).append("\n\n");
        facts(pack, b);
        sections(pack.context(), b);
        return b.toString();
    }

    /** The primer: an instruction to the fresh session, then the same facts and sections. */
    public static String primer(ContextPack pack) {
        ContextPack.Source s = pack.source();
        StringBuilder b = new StringBuilder();
        b.append("# Context handoff: ").append(clean(title(pack))).append("\n\n");
        b.append("You are continuing the work of an earlier ").append(clean(s.assistant())).append(" session (")
                .append(clean(s.id())).append(")").append(s.cwd().map(c -> " in `" + clean(c) + "`").orElse(""))
                .append(". Its context was exported with llm-session and this brief replaces its history. ")
                .append("Read it, check the current state of the files it lists before you change them (they may ")
                .append("have changed since), and carry on with the open todo items. Ask me if the goal is unclear.\n\n");
        facts(pack, b);
        sections(pack.context(), b);
        return b.toString();
    }

    /**
     * The shell command that starts a fresh session of the pack's assistant in its working directory with
     * {@code primerCommand} (a shell expression that yields the primer, e.g. {@code cat 'primer.md'}).
     */
    public static String startCommand(ContextPack pack, String primerCommand) {
        String exe = switch (pack.source().assistant()) {
            case "claude-code" -> "claude";
            case "codex" -> "codex";
            case "cursor", "cursor-agent" -> "cursor-agent";
            default -> null;
        };
        String cd = pack.source().cwd().map(c -> "cd " + shellQuote(clean(c)) + " && ").orElse("");
        return exe == null ? cd + "<start " + clean(pack.source().assistant()) + " with: " + primerCommand + ">"
                : cd + exe + " \"$(" + primerCommand + ")\"";
    }

    /** {@code s} in single quotes for a POSIX shell. */
    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String title(ContextPack pack) {
        ContextPack.Source s = pack.source();
        String project = s.cwd().map(c -> {
            String t = c.replaceAll("[/\\\\]+$", "");
            int slash = Math.max(t.lastIndexOf('/'), t.lastIndexOf('\\'));
            return slash >= 0 ? t.substring(slash + 1) : t;
        }).filter(p -> !p.isEmpty()).orElse(s.id());
        return s.title().map(t -> project + " — " + oneLine(t, 80)).orElse(project);
    }

    private static void facts(ContextPack pack, StringBuilder b) {
        ContextPack.Source s = pack.source();
        ContextPack.Figures f = pack.figures();
        b.append("- Session: `").append(clean(s.id())).append("` (").append(clean(s.assistant())).append(")")
                .append(s.model().map(m -> ", model " + clean(m)).orElse("")).append('\n');
        s.cwd().ifPresent(c -> b.append("- Working directory: `").append(clean(c)).append('`')
                .append(s.gitBranch().filter(g -> !g.isBlank()).map(g -> ", branch `" + clean(g) + "`").orElse(""))
                .append('\n'));
        b.append("- Active: ").append(TIME.format(s.startedAt())).append(" to ").append(TIME.format(s.lastActivityAt()))
                .append('\n');
        b.append("- At export: health ")
                .append(f.healthScore().isPresent() ? f.healthScore().getAsInt() + "% (" + clean(f.healthLevel()) + ")"
                        : "unknown")
                .append(", context ").append(f.contextTokens().isPresent()
                        ? String.format(Locale.ROOT, "%,d of %,d tokens", f.contextTokens().getAsLong(), f.contextWindow())
                        : "unknown")
                .append(f.totalTokens().isPresent()
                        ? String.format(Locale.ROOT, ", %,d tokens in total", f.totalTokens().getAsLong()) : "")
                .append(f.costUsd().map(c -> ", cost $" + clean(c)).orElse("")).append('\n');
        b.append("- Exported: ").append(TIME.format(pack.exportedAt()))
                .append(pack.redaction().applied() ? ", " + pack.redaction().count() + " secret(s) redacted"
                        : ", NOT redacted")
                .append("\n\n");
    }

    private static void sections(SessionContext c, StringBuilder b) {
        b.append("## Goal\n\n");
        if (c.goals().isEmpty()) {
            b.append("(no typed prompt was recorded)\n\n");
        }
        for (ContextMessage g : c.goals()) {
            quote(g.text(), b);
        }
        c.compaction().ifPresent(k -> {
            b.append("## Summary of the earlier conversation");
            k.at().ifPresent(at -> b.append(" (compacted ").append(TIME.format(at)).append(')'));
            b.append("\n\n").append(clean(k.summary()).strip()).append("\n\n");
        });
        if (!c.todos().isEmpty()) {
            b.append("## Todo list\n\n");
            for (TodoItem t : c.todos()) {
                String box = switch (t.status()) {
                    case "completed" -> "[x]";
                    case "in_progress" -> "[~]";
                    default -> "[ ]";
                };
                b.append("- ").append(box).append(' ').append(oneLine(t.content(), 300))
                        .append("in_progress".equals(t.status()) ? " (in progress)" : "").append('\n');
            }
            b.append('\n');
        }
        if (!c.files().isEmpty()) {
            b.append("## Files touched\n\n| file | read | edited | written |\n|---|---:|---:|---:|\n");
            for (FileActivity f : c.files()) {
                b.append("| `").append(oneLine(f.path(), 300).replace("|", "\\|")).append("` | ").append(f.reads())
                        .append(" | ").append(f.edits()).append(" | ").append(f.writes()).append(" |\n");
            }
            b.append('\n');
        }
        if (!c.errors().isEmpty()) {
            b.append("## Recent errors\n\n");
            for (ContextError e : c.errors()) {
                b.append("- ").append(e.at().map(TIME::format).map(t -> t + " ").orElse("")).append(clean(e.kind()))
                        .append(": ").append(oneLine(e.text(), 200)).append('\n');
            }
            b.append('\n');
        }
        if (!c.messages().isEmpty()) {
            b.append("## Last messages\n\n");
            for (ContextMessage m : c.messages()) {
                b.append("**").append(clean(m.role())).append("**")
                        .append(m.at().map(at -> " (" + TIME.format(at) + ")").orElse("")).append(":\n\n");
                quote(m.text(), b);
            }
        }
    }

    private static void quote(String text, StringBuilder b) {
        for (String line : clean(text).strip().split("\n", -1)) {
            b.append(line.isEmpty() ? ">" : "> " + line).append('\n');
        }
        b.append('\n');
    }

    private static String oneLine(String text, int max) {
        String t = clean(text).replaceAll("\\s+", " ").strip();
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }

    /** {@code text} with its line breaks, every control and bidi override made visible (see {@link Printable}). */
    static String clean(String text) {
        return Printable.block(text);
    }
}
