package dev.llmsession.cli.monitor;

import dev.llmsession.api.Formats;
import dev.llmsession.api.UsageTotals;
import dev.llmsession.cli.render.Terminal;
import dev.llmsession.cli.render.TextWidth;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.Session;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One fact of the header line. The header is a list of them, joined with the terminal's dot, so another
 * feature can add its own (a usage block, say) without touching the rest.
 */
@FunctionalInterface
public interface HeaderSegment {
    /** This segment's text for {@code data}, or empty to leave it out. */
    Optional<String> text(MonitorData data, Terminal terminal);

    /**
     * {@code llm-session}, the session counts, total tokens, total cost, the time of the last refresh, and the
     * active usage block (last: {@link #fit} keeps it longest, as the limit it tracks is what a user watches).
     */
    static List<HeaderSegment> defaults(ZoneId zone) {
        return List.of((d, t) -> Optional.of(t.paint("llm-session", Terminal.Tone.BOLD)), HeaderSegment::counts,
                HeaderSegment::tokens, HeaderSegment::cost, updatedAt(zone), HeaderSegment::block);
    }

    /**
     * The 5-hour usage block open now: {@code block 2h10 left, $4.20, 1.2M tok, $1.90/h} (time to its reset,
     * its cost so far, its tokens, its burn rate); cost {@code +?} when some calls have no price.
     */
    static Optional<String> block(MonitorData data, Terminal terminal) {
        return data.block().map(b -> {
            UsageTotals t = b.totals();
            String cost = Formats.usd(t.pricedCostUsd()) + (t.costKnown() ? "" : "+?");
            return "block " + Formats.shortDuration(b.timeToReset(data.takenAt())) + " left, " + cost + ", "
                    + Formats.compact(t.totalTokens()) + " tok"
                    + b.burnRate().map(r -> ", " + Formats.usd(r.costPerHour()) + "/h").orElse("");
        });
    }

    /**
     * The header's {@code parts} joined with the dot, fitted to {@code columns}: the parts between the first two
     * (name and counts) and the last are left out from the right first; with {@code lastIsBlock} the usage block
     * then shortens to its time and cost ({@code block 2h00 left, $4.20}) before it goes, whole, too.
     */
    static String fit(List<String> parts, boolean lastIsBlock, Terminal terminal, int columns) {
        List<String> shown = new ArrayList<>(parts);
        int keep = lastIsBlock ? 3 : 2;
        while (shown.size() > keep && TextWidth.of(String.join(terminal.dot(), shown)) > columns) {
            shown.remove(lastIsBlock ? shown.size() - 2 : shown.size() - 1);
        }
        if (lastIsBlock && TextWidth.of(String.join(terminal.dot(), shown)) > columns) {
            String block = shown.get(shown.size() - 1);
            int second = block.indexOf(',', block.indexOf(',') + 1);
            shown.set(shown.size() - 1, second > 0 ? block.substring(0, second) : block);
            if (TextWidth.of(String.join(terminal.dot(), shown)) > columns) {
                shown.remove(shown.size() - 1);
            }
        }
        return String.join(terminal.dot(), shown);
    }

    /** {@code 6 sessions: 3 working, 2 waiting, 1 idle}. */
    static Optional<String> counts(MonitorData data, Terminal terminal) {
        int working = 0;
        int waiting = 0;
        int idle = 0;
        int other = 0;
        for (Session s : data.sessions()) {
            ActivityState st = s.activity().state();
            switch (st) {
                case WORKING, COMPACTING -> working++;
                case WAITING_INPUT, WAITING_PERMISSION -> waiting++;
                case IDLE -> idle++;
                default -> other++;
            }
        }
        int n = data.sessions().size();
        List<String> parts = new ArrayList<>();
        if (working > 0) {
            parts.add(working + " working");
        }
        if (waiting > 0) {
            parts.add(waiting + " waiting");
        }
        if (idle > 0) {
            parts.add(idle + " idle");
        }
        if (other > 0) {
            parts.add(other + " other");
        }
        return Optional.of(n + (n == 1 ? " session" : " sessions") + (parts.isEmpty() ? "" : ": "
                + String.join(", ", parts)));
    }

    /** Total tokens of the listed sessions whose tokens are known; {@code ~} when some are estimated. */
    static Optional<String> tokens(MonitorData data, Terminal terminal) {
        long total = 0;
        boolean estimated = false;
        for (Session s : data.sessions()) {
            if (s.tokens().known()) {
                total += s.tokens().total().total();
                estimated |= s.tokens().source() == dev.llmsession.model.TokenSource.ESTIMATED;
            }
        }
        return Optional.of((estimated ? "~" : "") + Formats.compact(total) + " tokens");
    }

    /** Total cost; {@code +?} when a session's cost is unknown (never counted as 0). */
    static Optional<String> cost(MonitorData data, Terminal terminal) {
        double usd = 0;
        boolean unknown = false;
        for (Session s : data.sessions()) {
            if (s.cost().usd().isPresent()) {
                usd += s.cost().usd().getAsDouble();
            } else {
                unknown = true;
            }
        }
        return Optional.of(Formats.usd(usd) + (unknown ? " +?" : ""));
    }

    /** The time of the last refresh, {@code 14:32:05}, in {@code zone}. */
    static HeaderSegment updatedAt(ZoneId zone) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        return (d, t) -> Optional.of(f.format(d.takenAt()));
    }
}
