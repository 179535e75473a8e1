package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageLedger;
import dev.llmsession.spi.UsageSlice;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The usage reports' source: the rows of table {@code usage}, summed by one query. Thread-safe. */
final class SqliteUsageLedger implements UsageLedger {
    private final SqliteDatabase db;

    SqliteUsageLedger(SqliteDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }


    /**
     * One pass over the usage rows, summed as they are (each row is one call its adapter has already decided
     * on: owner session, winning copy, replay or not, so nothing is de-duplicated here) per assistant, session,
     * model and 15-minute slot, with the calls exactly on a full hour apart (see {@link UsageSlice#onHour()}).
     * Projects come from a second, small query: joining the session table row by row cost minutes on a large
     * history (no index on the native id), and a map of a few thousand sessions costs milliseconds.
     */
    static final String USAGE_SLICES = "SELECT adapter, session_id, model, at / " + UsageSlice.SLOT_MILLIS
            + " AS slot, (at % 3600000 = 0) AS on_hour, MIN(at) AS first_at, MAX(at) AS last_at, COUNT(*) AS calls, "
            + "SUM(input) AS input, SUM(output) AS output, SUM(cache_write) AS cache_write, "
            + "SUM(cache_read) AS cache_read, TOTAL(cost_usd) AS cost, SUM(cost_usd IS NULL) AS unpriced "
            + "FROM usage WHERE (:from IS NULL OR at >= :from) AND (:until IS NULL OR at < :until) "
            + "AND (:assistant IS NULL OR adapter = :assistant) "
            + "GROUP BY adapter, session_id, model, slot, on_hour";

    @Override
    public List<UsageSlice> usage(UsageFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return db.read(h -> {
            Map<String, String> projects = new HashMap<>();
            h.createQuery("SELECT assistant, native_id, project FROM session WHERE project IS NOT NULL")
                    .map((rs, ctx) -> Map.entry(rs.getString("assistant") + "\u0000" + rs.getString("native_id"),
                            rs.getString("project")))
                    .forEach(e -> projects.put(e.getKey(), e.getValue()));
            List<UsageSlice> slices = h.createQuery(USAGE_SLICES)
                    .bind("from", filter.from().map(Instant::toEpochMilli).orElse(null))
                    .bind("until", filter.until().map(Instant::toEpochMilli).orElse(null))
                    .bind("assistant", filter.assistant().orElse(null))
                    .map((rs, ctx) -> {
                        String adapter = rs.getString("adapter");
                        String session = rs.getString("session_id");
                        return new UsageSlice(adapter, session,
                                projects.getOrDefault(adapter + "\u0000" + session, ""), rs.getString("model"),
                                rs.getLong("slot") * UsageSlice.SLOT_MILLIS, rs.getInt("on_hour") != 0,
                                rs.getLong("first_at"), rs.getLong("last_at"), rs.getLong("calls"), rs.getLong("input"),
                                rs.getLong("output"), rs.getLong("cache_write"), rs.getLong("cache_read"),
                                rs.getDouble("cost"), rs.getLong("unpriced"));
                    })
                    .list();
            if (filter.project().isPresent()) {
                slices = slices.stream().filter(sl -> sl.project().equals(filter.project().get())).toList();
            }
            return slices;
        });
    }
}
