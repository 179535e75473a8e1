package dev.llmsession.cli.monitor;

import dev.llmsession.cli.render.SessionTable;
import dev.llmsession.cli.render.ShortIds;
import dev.llmsession.cli.render.Table;
import dev.llmsession.cli.render.TeamView;
import dev.llmsession.cli.render.Terminal;
import dev.llmsession.model.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor's session columns: {@code list}'s, or in a team view MACHINE and USER first and no PID; and how a
 * recommendation names its session (in a team view, whose it is and where: {@code dana@build-7 claude_4d56}).
 */
final class MonitorColumns {
    private MonitorColumns() {
    }

    static List<Table.Column<Session>> of(MonitorData data, Terminal terminal, boolean contextBar) {
        List<Table.Column<Session>> columns = SessionTable.columns(ShortIds.of(data.sessions()), data::health,
                data.takenAt(), terminal, contextBar);
        if (data.team().isEmpty()) {
            return columns;
        }
        List<Table.Column<Session>> team = new ArrayList<>(TeamView.originColumns(
                (Session s) -> data.origin(s).map(MonitorData.TeamRow::machine).orElse("?"),
                s -> data.origin(s).map(MonitorData.TeamRow::user).orElse("?")));
        team.addAll(TeamView.sessionColumns(columns));
        return team;
    }

    static String name(MonitorData data, ShortIds ids, Session s) {
        return data.origin(s).map(o -> o.label() + " ").orElse("") + ids.of(s.id());
    }
}
