package dev.llmsession.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.TeamReports;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Recommendation;
import dev.llmsession.model.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The team's sessions: {@code list}'s columns (without PID: a process on another machine is nobody's business
 * here) after MACHINE and USER, and each session's recommendations named by user and machine.
 */
public final class TeamView {
    private TeamView() {
    }

    /** The table, then one line per recommendation ("dana@build-7 claude_4d5611e5: …"). */
    public static List<String> table(List<TeamReports.Row> rows, Instant now, Terminal terminal) {
        Table<TeamReports.Row> table = new Table<>();
        table.add(new Table.Column<>("MACHINE", r -> r.recorded().machine(), null, false, 96, 8, 20));
        table.add(new Table.Column<>("USER", r -> r.recorded().user(), null, false, 94, 6, 16));
        Map<Session, HealthReport> health = new IdentityHashMap<>();
        rows.forEach(r -> health.put(r.session(), r.health()));
        List<Session> sessions = rows.stream().map(TeamReports.Row::session).toList();
        ShortIds ids = ShortIds.of(sessions);
        for (Table.Column<Session> c : SessionTable.columns(ids, health::get, now, terminal, false)) {
            if (!c.header().equals("PID")) {
                table.add(new Table.Column<>(c.header(), r -> c.cell().apply(r.session()),
                        c.tone() == null ? null : r -> c.tone().apply(r.session()), c.right(), c.priority(), c.min(),
                        c.max()));
            }
        }
        List<String> lines = new ArrayList<>(table.render(rows, terminal));
        SessionTable.legend(sessions, terminal).ifPresent(lines::add);
        SessionTable.statusLegend(sessions, terminal).ifPresent(lines::add);
        for (TeamReports.Row r : rows) {
            for (Recommendation rec : r.health().recommendations()) {
                lines.add(r.recorded().user() + "@" + r.recorded().machine() + " " + ids.of(r.session().id())
                        + ": " + rec.message());
            }
        }
        return lines;
    }

    /** {@code list --json}'s elements with {@code machine} and {@code user} added. */
    public static ArrayNode json(List<TeamReports.Row> rows, Instant now) {
        ArrayNode array = SessionJson.mapper().createArrayNode();
        for (TeamReports.Row r : rows) {
            ObjectNode o = SessionJson.session(r.session(), r.health(), now);
            o.put("machine", r.recorded().machine());
            o.put("user", r.recorded().user());
            array.add(o);
        }
        return array;
    }
}
