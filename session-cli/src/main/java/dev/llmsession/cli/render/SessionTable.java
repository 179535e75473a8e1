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
    private static final java.time.format.DateTimeFormatter LAST_ACTIVE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", java.util.Locale.ROOT);

    private SessionTable() {
    }

    /** The table's lines, and a legend line when a context figure rests on an assumed window. */
    public static List<String> render(List<Session> sessions, Function<Session, HealthReport> health, Instant now,
            Terminal terminal) {
        return render(sessions, health, now, terminal, java.util.Optional.empty());
    }

    /**
     * As above; with {@code dates}, a LAST ACTIVE column ({@code 2026-02-12 17:57} in that zone) follows the
     * status, for listings that reach back over days ({@code history}).
     */
    public static List<String> render(List<Session> sessions, Function<Session, HealthReport> health, Instant now,
            Terminal terminal, java.util.Optional<java.time.ZoneId> dates) {
        Map<Session, HealthReport> reports = reports(sessions, health);
        Table<Session> table = new Table<>();
        List<Table.Column<Session>> columns = new ArrayList<>(
                columns(ShortIds.of(sessions), reports::get, now, terminal, false));
        dates.ifPresent(zone -> columns.add(4, new Table.Column<>("LAST ACTIVE",
                s -> LAST_ACTIVE.format(s.lastActivityAt().atZone(zone)), null, false, 92,
                Integer.MAX_VALUE, 16)));
        columns.forEach(table::add);
        List<String> lines = new ArrayList<>(table.render(sessions, terminal));
        legend(sessions, terminal).ifPresent(lines::add);
        statusLegend(sessions, terminal).ifPresent(lines::add);
        return lines;
    }

    /** Each session's report, looked up once, by identity. */
    public static Map<Session, HealthReport> reports(List<Session> sessions, Function<Session, HealthReport> health) {
        Map<Session, HealthReport> reports = new IdentityHashMap<>();
        sessions.forEach(s -> reports.put(s, health.apply(s)));
        return reports;
    }

    /**
     * SPEC §2's columns with their drop priorities, shared by {@code list} and {@code monitor}; with
     * {@code contextBar} the CONTEXT cell starts with a fill bar (the monitor's). IDs show as {@code ids}
     * shortens them, unique among the rows.
     */
    public static List<Table.Column<Session>> columns(ShortIds ids, Function<Session, HealthReport> reports,
            Instant now, Terminal terminal, boolean contextBar) {
        int fixed = Integer.MAX_VALUE;
        int projectMax = Math.max(12, terminal.width() / 6);
        return List.of(
                new Table.Column<>("ID", s -> ids.of(s.id()), null, false, Integer.MAX_VALUE, fixed, ids.width()),
                new Table.Column<>("TYPE", s -> Labels.type(s, terminal.ascii()), null, false, 20, fixed, 10),
                new Table.Column<>("PID", s -> s.pid().isPresent() ? Long.toString(s.pid().getAsLong()) : "-",
                        null, true, 10, fixed, 10),
                new Table.Column<>("STATUS", s -> Labels.statusCell(s.activity().state()),
                        s -> Labels.tone(s.activity().state()), false, Integer.MAX_VALUE, fixed, 7),
                new Table.Column<>("PROJECT", s -> s.project().orElse("-"), null, false, 80, 10, projectMax),
                new Table.Column<>("MODEL", s -> s.model().map(Labels::shortModel).orElse("?"), null, false, 50, 8,
                        18),
                new Table.Column<>("DURATION", s -> Formats.shortDuration(s.duration(now)), null, true, 40, fixed,
                        8),
                new Table.Column<>("IDLE", s -> Formats.shortDuration(s.idle(now)), null, true, 60, fixed, 6),
                contextBar
                        ? new Table.Column<>("CONTEXT", s -> Labels.contextBar(s.context(), terminal.ascii()) + " "
                                + Labels.contextPercent(s.context()), null, false, 85, fixed, 13)
                        : new Table.Column<>("CONTEXT", s -> Labels.context(s.context()), null, true, 85, fixed, 12),
                new Table.Column<>("TOKENS", Labels::tokens, null, true, 30, fixed, 8),
                new Table.Column<>("COST", Labels::cost, null, true, 70, fixed, 11),
                new Table.Column<>("HEALTH", s -> Labels.health(reports.apply(s), terminal.ascii()),
                        s -> Labels.tone(reports.apply(s).level()), false, 95, fixed, 9));
    }

    /** The legend of the short statuses shown ({@code perm = waiting for permission}), when any needs one. */
    public static java.util.Optional<String> statusLegend(List<Session> sessions, Terminal terminal) {
        return Labels.statusLegend(sessions.stream().map(s -> s.activity().state()).toList(), terminal.dot())
                .map(text -> terminal.paint(text, Terminal.Tone.DIM));
    }

    /** The legend of the assumed-window mark, when a shown context figure rests on an assumed window. */
    public static java.util.Optional<String> legend(List<Session> sessions, Terminal terminal) {
        if (sessions.stream().anyMatch(s -> s.context().windowAssumed() && s.context().tokens().isPresent())) {
            return java.util.Optional.of(
                    terminal.paint(Labels.ASSUMED_MARK + " context window size assumed", Terminal.Tone.DIM));
        }
        return java.util.Optional.empty();
    }
}
