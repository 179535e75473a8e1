package dev.llmsession.storage.postgres;

import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageLedger;
import dev.llmsession.spi.UsageSlice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One machine's usage rows ({@code machine_usage}) summed by one query per 15-minute slot, as the SQLite ledger
 * does; projects come from the machine's recorded sessions. Thread-safe.
 */
final class PostgresUsageLedger implements UsageLedger {
    private final TeamDatabase db;
    private final String machine;

    PostgresUsageLedger(TeamDatabase db, String machine) {
        this.db = Objects.requireNonNull(db, "db");
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    @Override
    public List<UsageSlice> usage(UsageFilter filter) {
        Objects.requireNonNull(filter, "filter");
        StringBuilder sql = new StringBuilder("SELECT adapter, session_id, model, at / " + UsageSlice.SLOT_MILLIS
                + " AS slot, (at % 3600000 = 0) AS on_hour, MIN(at) AS first_at, MAX(at) AS last_at, "
                + "COUNT(*) AS calls, SUM(input) AS input, SUM(output) AS output, SUM(cache_write) AS cache_write, "
                + "SUM(cache_read) AS cache_read, COALESCE(SUM(cost_usd), 0) AS cost, "
                + "COUNT(*) FILTER (WHERE cost_usd IS NULL) AS unpriced FROM machine_usage WHERE machine = :machine");
        filter.from().ifPresent(x -> sql.append(" AND at >= :from"));
        filter.until().ifPresent(x -> sql.append(" AND at < :until"));
        filter.assistant().ifPresent(x -> sql.append(" AND adapter = :assistant"));
        sql.append(" GROUP BY adapter, session_id, model, slot, on_hour");
        return db.read(h -> {
            Map<String, String> projects = new HashMap<>();
            h.createQuery("SELECT assistant, native_id, project FROM machine_session WHERE machine = :machine "
                    + "AND project IS NOT NULL").bind("machine", machine)
                    .map((rs, ctx) -> projects.put(rs.getString("assistant") + "\u0000" + rs.getString("native_id"),
                            rs.getString("project")))
                    .list();
            org.jdbi.v3.core.statement.Query q = h.createQuery(sql.toString()).bind("machine", machine);
            filter.from().ifPresent(x -> q.bind("from", x.toEpochMilli()));
            filter.until().ifPresent(x -> q.bind("until", x.toEpochMilli()));
            filter.assistant().ifPresent(x -> q.bind("assistant", x));
            List<UsageSlice> slices = q.map((rs, ctx) -> {
                String adapter = rs.getString("adapter");
                String session = rs.getString("session_id");
                return new UsageSlice(adapter, session, projects.getOrDefault(adapter + "\u0000" + session, ""),
                        rs.getString("model"), rs.getLong("slot") * UsageSlice.SLOT_MILLIS, rs.getBoolean("on_hour"),
                        rs.getLong("first_at"), rs.getLong("last_at"), rs.getLong("calls"), rs.getLong("input"),
                        rs.getLong("output"), rs.getLong("cache_write"), rs.getLong("cache_read"),
                        rs.getDouble("cost"), rs.getLong("unpriced"));
            }).list();
            return filter.project().map(p -> slices.stream().filter(sl -> sl.project().equals(p)).toList())
                    .orElse(slices);
        });
    }
}
