package dev.llmsession.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.api.Formats;
import dev.llmsession.api.ModelUsage;
import dev.llmsession.api.UsageBlock;
import dev.llmsession.api.UsageKind;
import dev.llmsession.api.UsagePeriod;
import dev.llmsession.api.UsageReport;
import dev.llmsession.api.UsageTotals;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The usage reports as tables and as JSON in ccusage's shape ({@code daily}/{@code weekly}/{@code monthly}/
 * {@code session}/{@code blocks} arrays with {@code inputTokens}, {@code outputTokens}, {@code cacheCreationTokens},
 * {@code cacheReadTokens}, {@code totalTokens}, {@code totalCost}, {@code modelsUsed}, {@code modelBreakdowns}, and a
 * {@code totals} object), so scripts written against ccusage read ours unchanged.
 */
public final class UsageView {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    /** ccusage's timestamps: JavaScript's {@code toISOString()}, milliseconds and {@code Z}. */
    private static final DateTimeFormatter JS_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    private UsageView() {
    }

    // ---- JSON ---------------------------------------------------------------------------------------------

    /** The report as ccusage 20 writes the same report with {@code --json}. */
    public static ObjectNode json(UsageReport report) {
        ObjectNode root = SessionJson.mapper().createObjectNode();
        if (report.kind() == UsageKind.BLOCKS) {
            ArrayNode blocks = root.putArray("blocks");
            report.blocks().forEach(b -> blocks.add(block(b)));
            return root;
        }
        ArrayNode rows = root.putArray(arrayName(report.kind()));
        for (UsagePeriod p : report.periods()) {
            ObjectNode o = rows.addObject();
            o.put("period", p.period());
            if (report.kind() == UsageKind.SESSION) {
                o.put("sessionId", p.period());
                o.put("agent", p.assistant().orElse(null));
                o.put("projectPath", p.project().orElse(null));
                o.put("lastActivity", JS_ISO.format(p.lastAt()));
            }
            tokens(o, p.totals(), "cacheCreationTokens", "cacheReadTokens");
            o.put("totalTokens", p.totals().totalTokens());
            o.put("totalCost", p.totals().pricedCostUsd());
            o.put("calls", p.totals().calls());
            ArrayNode used = o.putArray("modelsUsed");
            p.modelNames().forEach(used::add);
            ArrayNode breakdown = o.putArray("modelBreakdowns");
            for (ModelUsage m : p.models()) {
                ObjectNode mo = breakdown.addObject();
                mo.put("modelName", m.model());
                tokens(mo, m.totals(), "cacheCreationTokens", "cacheReadTokens");
                mo.put("cost", m.totals().pricedCostUsd());
                if (!m.totals().costKnown()) {
                    mo.put("missingPricing", true);
                }
            }
            unpriced(o, p.totals());
        }
        ObjectNode totals = root.putObject("totals");
        tokens(totals, report.totals(), "cacheCreationTokens", "cacheReadTokens");
        totals.put("totalCost", report.totals().pricedCostUsd());
        totals.put("totalTokens", report.totals().totalTokens());
        totals.put("calls", report.totals().calls());
        unpriced(totals, report.totals());
        return root;
    }

    private static String arrayName(UsageKind kind) {
        return switch (kind) {
            case DAILY -> "daily";
            case WEEKLY -> "weekly";
            case MONTHLY -> "monthly";
            case SESSION -> "session";
            case BLOCKS -> "blocks";
        };
    }

    private static void tokens(ObjectNode o, UsageTotals t, String write, String read) {
        o.put("inputTokens", t.input());
        o.put("outputTokens", t.output());
        o.put(write, t.cacheWrite());
        o.put(read, t.cacheRead());
    }

    /** Models whose calls have no price: listed, so a cost without them is never mistaken for the whole. */
    private static void unpriced(ObjectNode o, UsageTotals t) {
        if (!t.costKnown()) {
            ArrayNode a = o.putArray("unpricedModels");
            t.unpricedModels().forEach(a::add);
        }
    }

    /** One block as {@code usage blocks --json} writes it (ccusage's field names). */
    public static ObjectNode block(UsageBlock b) {
        ObjectNode o = SessionJson.mapper().createObjectNode();
        o.put("id", (b.gap() ? "gap-" : "") + JS_ISO.format(b.start()));
        o.put("startTime", JS_ISO.format(b.start()));
        o.put("endTime", JS_ISO.format(b.end()));
        o.put("actualEndTime", b.lastAt().map(JS_ISO::format).orElse(null));
        o.put("isActive", b.active());
        o.put("isGap", b.gap());
        o.put("entries", b.totals().calls());
        ObjectNode counts = o.putObject("tokenCounts");
        counts.put("inputTokens", b.totals().input());
        counts.put("outputTokens", b.totals().output());
        counts.put("cacheCreationInputTokens", b.totals().cacheWrite());
        counts.put("cacheReadInputTokens", b.totals().cacheRead());
        o.put("totalTokens", b.totals().totalTokens());
        o.put("costUSD", b.totals().pricedCostUsd());
        ArrayNode models = o.putArray("models");
        b.models().forEach(m -> models.add(m.model()));
        if (b.burnRate().isPresent()) {
            ObjectNode r = o.putObject("burnRate");
            r.put("tokensPerMinute", b.burnRate().get().tokensPerMinute());
            r.put("totalTokensPerMinute", b.burnRate().get().totalTokensPerMinute());
            r.put("costPerHour", b.burnRate().get().costPerHour());
        } else {
            o.putNull("burnRate");
        }
        if (b.projection().isPresent()) {
            ObjectNode p = o.putObject("projection");
            p.put("totalTokens", b.projection().get().tokens());
            p.put("allTokens", b.projection().get().totalTokens());
            p.put("totalCost", Math.round(b.projection().get().costUsd() * 100) / 100.0);
            p.put("remainingMinutes", b.projection().get().remainingMinutes());
        } else {
            o.putNull("projection");
        }
        b.limit().ifPresent(l -> {
            ObjectNode s = o.putObject("tokenLimitStatus");
            s.put("limit", l.limit());
            s.put("projectedUsage", l.projectedTokens());
            s.put("percentUsed", l.percentUsed());
            s.put("status", l.level().name().toLowerCase(Locale.ROOT));
        });
        unpriced(o, b.totals());
        return o;
    }

    // ---- tables -------------------------------------------------------------------------------------------

    /** One table row: a period, a model under it ({@code --breakdown}), or the total. */
    private record Line(String label, String models, UsageTotals totals, Terminal.Tone tone, String project) {
        Line(String label, String models, UsageTotals totals, Terminal.Tone tone) {
            this(label, models, totals, tone, "");
        }
    }

    /** A daily, weekly, monthly or session report as a table with a total line, and the unpriced models. */
    public static List<String> table(UsageReport report, boolean breakdown, Terminal terminal) {
        boolean session = report.kind() == UsageKind.SESSION;
        List<Line> lines = new ArrayList<>();
        for (UsagePeriod p : report.periods()) {
            lines.add(new Line(p.period(), String.join(", ", p.modelNames().stream().map(Labels::shortModel).toList()),
                    p.totals(), null, p.project().orElse(session ? "-" : "")));
            if (breakdown) {
                for (ModelUsage m : p.models()) {
                    lines.add(new Line("  " + (terminal.ascii() ? "- " : "└ ") + Labels.shortModel(m.model()), "",
                            m.totals(), Terminal.Tone.DIM));
                }
            }
        }
        lines.add(new Line("Total", "", report.totals(), Terminal.Tone.BOLD));
        String first = switch (report.kind()) {
            case DAILY -> "DATE";
            case WEEKLY -> "WEEK OF";
            case MONTHLY -> "MONTH";
            default -> "SESSION";
        };
        int fixed = Integer.MAX_VALUE;
        Table<Line> table = new Table<Line>()
                .add(new Table.Column<>(first, Line::label, Line::tone, false, Integer.MAX_VALUE, fixed,
                        session ? 36 : 28));
        if (session) {
            table.add(new Table.Column<>("PROJECT", Line::project, null, false, 25, 8, 24));
        }
        table.add(new Table.Column<>("MODELS", Line::models, null, false, 20, 8, 40))
                .add(numbers("INPUT", l -> l.totals().input(), 40))
                .add(numbers("OUTPUT", l -> l.totals().output(), 60))
                .add(numbers("CACHE WRITE", l -> l.totals().cacheWrite(), 50))
                .add(numbers("CACHE READ", l -> l.totals().cacheRead(), 45))
                .add(numbers("TOTAL", l -> l.totals().totalTokens(), 90))
                .add(new Table.Column<>("COST", l -> cost(l.totals()), Line::tone, true, 95, fixed, 14));
        List<String> out = new ArrayList<>(table.render(lines, terminal));
        out.addAll(unpricedNote(report.totals(), terminal));
        return out;
    }

    private static Table.Column<Line> numbers(String header, ToLongFunction<Line> value,
            int priority) {
        return new Table.Column<>(header, l -> count(value.applyAsLong(l)), Line::tone, true, priority,
                Integer.MAX_VALUE, 16);
    }

    /** {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code $12.34}, or {@code $12.34+?} when some calls have no price (their cost is unknown, not 0). */
    public static String cost(UsageTotals t) {
        if (t.calls() == 0) {
            return "-";
        }
        String priced = String.format(Locale.ROOT, "$%,.2f", t.pricedCostUsd());
        return t.costKnown() ? priced : t.pricedCostUsd() == 0 && t.calls() > 0 ? "?" : priced + "+?";
    }

    private static List<String> unpricedNote(UsageTotals t, Terminal terminal) {
        if (t.costKnown()) {
            return List.of();
        }
        return List.of(terminal.paint("? no price for " + String.join(", ", t.unpricedModels())
                + ": their cost is unknown and not in the totals (add a price under `prices:` in the configuration)",
                Terminal.Tone.WARN));
    }

    /** The blocks report: one line per block and gap, then the active block's burn rate and projection. */
    public static List<String> blocksTable(UsageReport report, boolean breakdown, Instant now, Terminal terminal) {
        ZoneId zone = report.zone();
        List<Line> lines = new ArrayList<>();
        boolean limited = report.blocks().stream().anyMatch(b -> b.limit().isPresent());
        List<String> status = new ArrayList<>();
        for (UsageBlock b : report.blocks()) {
            String start = LOCAL.format(b.start().atZone(zone));
            if (b.gap()) {
                lines.add(new Line(start, "(gap " + Formats.shortDuration(Duration.between(b.start(), b.end())) + ")",
                        b.totals(), Terminal.Tone.DIM));
                status.add("");
                continue;
            }
            Terminal.Tone tone = b.active() ? Terminal.Tone.GOOD : null;
            lines.add(new Line(start, String.join(", ", b.models().stream().map(m -> Labels.shortModel(m.model()))
                    .toList()), b.totals(), tone));
            status.add(b.active() ? "ACTIVE, " + Formats.shortDuration(b.timeToReset(now)) + " left"
                    : Formats.shortDuration(Duration.between(b.start(), b.lastAt().orElse(b.start()))));
            if (breakdown) {
                for (ModelUsage m : b.models()) {
                    lines.add(new Line("  " + (terminal.ascii() ? "- " : "└ ") + Labels.shortModel(m.model()), "",
                            m.totals(), Terminal.Tone.DIM));
                    status.add("");
                }
            }
        }
        lines.add(new Line("Total", "", report.totals(), Terminal.Tone.BOLD));
        status.add("");
        Map<Line, String> statusOf = new IdentityHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            statusOf.put(lines.get(i), status.get(i));
        }
        int fixed = Integer.MAX_VALUE;
        Table<Line> table = new Table<Line>()
                .add(new Table.Column<>("BLOCK START (" + zone.getId() + ")", Line::label, Line::tone, false,
                        Integer.MAX_VALUE, fixed, 30))
                .add(new Table.Column<>("DURATION/STATUS", statusOf::get, Line::tone, false, 80, fixed, 22))
                .add(new Table.Column<>("MODELS", Line::models, null, false, 20, 8, 40))
                .add(new Table.Column<>("CALLS", l -> l.totals().calls() == 0 ? "-" : count(l.totals().calls()),
                        null, true, 30, fixed, 10))
                .add(new Table.Column<>("TOKENS", l -> l.totals().calls() == 0 ? "-" : count(l.totals().totalTokens()),
                        Line::tone, true, 90, fixed, 16));
        if (limited) {
            long limit = report.blocks().stream().filter(b -> b.limit().isPresent()).findFirst().get().limit().get()
                    .limit();
            Line total = lines.get(lines.size() - 1);
            table.add(new Table.Column<>("% OF " + count(limit), l -> l.totals().calls() == 0 || l == total ? ""
                    : String.format(Locale.ROOT, "%.1f%%", l.totals().totalTokens() * 100.0 / limit), null, true, 85,
                    fixed, 16));
        }
        table.add(new Table.Column<>("COST", l -> cost(l.totals()), Line::tone, true, 95, fixed, 14));
        List<String> out = new ArrayList<>(table.render(lines, terminal));
        report.blocks().stream().filter(UsageBlock::active).findFirst().ifPresent(b -> out.addAll(active(b, now,
                terminal)));
        out.addAll(unpricedNote(report.totals(), terminal));
        return out;
    }

    /** The active block in a few lines: burn rate, projection, reset, and the limit's mark. */
    public static List<String> active(UsageBlock b, Instant now, Terminal terminal) {
        List<String> out = new ArrayList<>();
        out.add("");
        out.add(terminal.paint("Active block", Terminal.Tone.BOLD) + " since " + SessionJson.iso(b.start())
                + ", resets in " + Formats.shortDuration(b.timeToReset(now)) + " (" + SessionJson.iso(b.end()) + ")");
        b.burnRate().ifPresent(r -> out.add(String.format(Locale.ROOT,
                "  burn rate: %,.0f tokens/min (input+output %,.0f), $%,.2f/h", r.totalTokensPerMinute(),
                r.tokensPerMinute(), r.costPerHour())));
        b.projection().ifPresent(p -> out.add(String.format(Locale.ROOT,
                "  projected at the block's end: %s tokens, $%,.2f", count(p.totalTokens()), p.costUsd())));
        b.limit().ifPresent(l -> {
            Terminal.Tone tone = switch (l.level()) {
                case OK -> Terminal.Tone.GOOD;
                case WARNING -> Terminal.Tone.WARN;
                case CRITICAL, EXCEEDS -> Terminal.Tone.BAD;
            };
            out.add("  limit " + count(l.limit()) + (l.maxFromHistory() ? " (largest past block)" : "") + ": used "
                    + count(l.usedTokens()) + ", projected " + terminal.paint(String.format(Locale.ROOT, "%.1f%% %s",
                    l.percentUsed(), l.level().name()), tone));
        });
        return out;
    }
}
