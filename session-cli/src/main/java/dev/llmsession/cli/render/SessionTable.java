package dev.llmsession.cli.render;

import dev.llmsession.api.Formats;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The {@code list} table: SPEC §2's columns, dropped by priority when the terminal is narrow. */
public final class SessionTable {
    private SessionTable() {
    }

    /** The table's lines, and a legend line when a context figure rests on an assumed window. */
    public static List<String> render(List<Session> sessions, Function<Session, HealthReport> health, Instant now,
            Terminal terminal) {
        Map<Session, HealthReport> reports = new IdentityHashMap<>();
        sessions.forEach(s -> reports.put(s, health.apply(s)));
        int fixed = Integer.MAX_VALUE;
        int projectMax = Math.max(12, terminal.width() / 6);
        Table<Session> table = new Table<Session>()
                .add(new Table.Column<>("ID", s -> s.id().shortValue(), null, false, Integer.MAX_VALUE, fixed, 12))
                .add(new Table.Column<>("TYPE", s -> s.id().prefix(), null, false, 20, fixed, 10))
                .add(new Table.Column<>("PID", s -> s.pid().isPresent() ? Long.toString(s.pid().getAsLong()) : "-",
                        null, true, 10, fixed, 10))
                .add(new Table.Column<>("STATUS", s -> s.activity().state().label(),
                        s -> Labels.tone(s.activity().state()), false, 90, 8, 18))
                .add(new Table.Column<>("PROJECT", s -> s.project().orElse("-"), null, false, 80, 10, projectMax))
                .add(new Table.Column<>("MODEL", s -> s.model().map(Labels::shortModel).orElse("?"), null, false, 50, 8,
                        18))
                .add(new Table.Column<>("DURATION", s -> Formats.shortDuration(s.duration(now)), null, true, 40, fixed,
                        8))
                .add(new Table.Column<>("IDLE", s -> Formats.shortDuration(s.idle(now)), null, true, 60, fixed, 6))
                .add(new Table.Column<>("CONTEXT", s -> Labels.context(s.context()), null, true, 85, fixed, 12))
                .add(new Table.Column<>("TOKENS", Labels::tokens, null, true, 30, fixed, 8))
                .add(new Table.Column<>("COST", Labels::cost, null, true, 70, fixed, 11))
                .add(new Table.Column<>("HEALTH", s -> Labels.health(reports.get(s), terminal.ascii()),
                        s -> Labels.tone(reports.get(s).level()), false, 95, fixed, 9));
        List<String> lines = new ArrayList<>(table.render(sessions, terminal));
        if (sessions.stream().anyMatch(s -> s.context().windowAssumed() && s.context().tokens().isPresent())) {
            lines.add(terminal.paint(Labels.ASSUMED_MARK + " context window size assumed", Terminal.Tone.DIM));
        }
        return lines;
    }
}
