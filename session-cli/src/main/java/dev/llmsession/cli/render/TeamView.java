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
import java.util.function.Function;

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
        originColumns((TeamReports.Row r) -> r.recorded().machine(), r -> r.recorded().user()).forEach(table::add);
        Map<Session, HealthReport> health = new IdentityHashMap<>();
        rows.forEach(r -> health.put(r.session(), r.health()));
        List<Session> sessions = rows.stream().map(TeamReports.Row::session).toList();
        ShortIds ids = ShortIds.of(sessions);
        for (Table.Column<Session> c : sessionColumns(SessionTable.columns(ids, health::get, now, terminal, false))) {
            table.add(new Table.Column<>(c.header(), r -> c.cell().apply(r.session()),
                    c.tone() == null ? null : r -> c.tone().apply(r.session()), c.right(), c.priority(), c.min(),
                    c.max()));
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

    /** MACHINE and USER, which a team table starts with ({@code list --team}, {@code monitor --team}). */
    public static <R> List<Table.Column<R>> originColumns(Function<R, String> machine, Function<R, String> user) {
        return List.of(new Table.Column<>("MACHINE", machine, null, false, 96, 8, 20),
                new Table.Column<>("USER", user, null, false, 94, 6, 16));
    }

    /** {@code list}'s session columns as a team table shows them: all but PID. */
    public static <R> List<Table.Column<R>> sessionColumns(List<Table.Column<R>> columns) {
        return columns.stream().filter(c -> !c.header().equals("PID")).toList();
    }

    /** {@code list --json}'s elements with {@code machine} and {@code user} added. */
    public static ArrayNode json(List<TeamReports.Row> rows, Instant now) {
        ArrayNode array = SessionJson.mapper().createArrayNode();
        for (TeamReports.Row r : rows) {
            array.add(origin(SessionJson.session(r.session(), r.health(), now), r.recorded().machine(),
                    r.recorded().user()));
        }
        return array;
    }

    /** {@code o} with {@code machine} and {@code user} added, as every team view's JSON has them. */
    public static ObjectNode origin(ObjectNode o, String machine, String user) {
        o.put("machine", machine);
        o.put("user", user);
        return o;
    }
}
