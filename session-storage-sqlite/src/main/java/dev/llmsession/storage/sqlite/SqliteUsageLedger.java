package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageLedger;
import dev.llmsession.spi.UsageSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The usage reports' source: the rows of table {@code usage} (their adapter and session from {@code usage_session}),
 * summed by one query. Thread-safe.
 */
final class SqliteUsageLedger implements UsageLedger {
    /** More session rows recorded than this since the last look: every session's project is read again. */
    private static final int PROJECTS_LOOKED_UP = 256;

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
    static final String USAGE_SLICES = slices("");
    /** The same sums for one session (the index on {@code usage.session}). */
    static final String SESSION_SLICES = slices("u.session = (SELECT id FROM usage_session "
            + "WHERE adapter = :assistant AND session_id = :session) AND ");

    /**
     * The slices' query, the rows further narrowed by {@code condition} (empty, or ending in AND). The assistant is
     * applied to the sums, each session's id naming its adapter: as a condition on the rows it made SQLite list the
     * adapter's every session for each one-session query. In the order the sums came in before the ids (V5's
     * grouping by the names): reports add the slices' costs up in this order, and doubles added in another order
     * may differ in the last bit.
     */
    private static String slices(String condition) {
        return "SELECT s.adapter AS adapter, s.session_id AS session_id, g.* FROM (SELECT u.session AS session, "
                + "u.model AS model, u.at / " + UsageSlice.SLOT_MILLIS + " AS slot, (u.at % 3600000 = 0) AS on_hour, "
                + "MIN(u.at) AS first_at, MAX(u.at) AS last_at, COUNT(*) AS calls, SUM(u.input) AS input, "
                + "SUM(u.output) AS output, SUM(u.cache_write) AS cache_write, SUM(u.cache_read) AS cache_read, "
                + "TOTAL(u.cost_usd) AS cost, SUM(u.cost_usd IS NULL) AS unpriced FROM usage u WHERE " + condition
                + "(:from IS NULL OR u.at >= :from) AND (:until IS NULL OR u.at < :until) "
                + "GROUP BY u.session, u.model, slot, on_hour) g JOIN usage_session s ON s.id = g.session "
                + "WHERE (:assistant IS NULL OR s.adapter = :assistant) "
                + "ORDER BY s.adapter, s.session_id, g.model, g.slot, g.on_hour";
    }

    /** The whole ledger's slices (projects not applied), and what the connection had seen when they were read. */
    private record Cached(List<UsageSlice> slices, Object writersSeen) {
    }

    /** Read and kept under the connection's lock (every {@link SqliteDatabase#read}). */
    private Cached cached;
    /**
     * Each session's project by assistant and native id, and what the connection had seen when it was read; kept
     * under the connection's lock. Only the session rows this connection recorded since are looked up again (the
     * open block is asked for at every monitor refresh: reading every session's project each time was a quarter of
     * the engine's refresh); everything when another connection wrote.
     */
    private Map<String, String> projects;
    private Object projectsSeen;

    /**
     * The slices matching {@code filter}. A filter whose bounds fall on slot boundaries (every day, week and month
     * in a zone whose offset is a multiple of 15 minutes; the open block's look-back) is answered from the whole
     * ledger's slices kept in memory: only the sessions whose rows this connection rewrote since are summed again,
     * and everything when another connection wrote (a resident engine asks for reports and the open block over
     * and over; summing every call each time was most of a warm {@code usage daily}). Other filters are one query.
     */
    @Override
    public List<UsageSlice> usage(UsageFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return db.read(h -> {
            Object seen = db.writersSeen(h);
            Map<String, String> projects = projects(h, seen);
            List<UsageSlice> slices;
            if (onSlots(filter.from()) && onSlots(filter.until())) {
                slices = new ArrayList<>();
                for (UsageSlice sl : current(h, seen)) {
                    if (filter.from().map(f -> sl.slot() >= f.toEpochMilli()).orElse(true)
                            && filter.until().map(u -> sl.slot() < u.toEpochMilli()).orElse(true)
                            && filter.assistant().map(sl.assistant()::equals).orElse(true)) {
                        slices.add(withProject(sl, projects));
                    }
                }
            } else {
                slices = new ArrayList<>();
                for (UsageSlice sl : query(h, USAGE_SLICES, filter.from(), filter.until(), filter.assistant())) {
                    slices.add(withProject(sl, projects));
                }
            }
            if (filter.project().isPresent()) {
                slices = slices.stream().filter(sl -> sl.project().equals(filter.project().get())).toList();
            }
            return slices;
        });
    }

    /** The whole ledger's slices, brought up to date. Caller holds the connection (within a read). */
    private List<UsageSlice> current(Handle h, Object seen) {
        Optional<Set<UsageChanges.Touched>> touched = db.usageChanges().drain();
        if (cached == null || !cached.writersSeen().equals(seen) || touched.isEmpty()) {
            cached = new Cached(query(h, USAGE_SLICES, Optional.empty(), Optional.empty(), Optional.empty()), seen);
        } else if (!touched.get().isEmpty()) {
            List<UsageSlice> kept = new ArrayList<>();
            for (UsageSlice sl : cached.slices()) {
                if (!touched.get().contains(new UsageChanges.Touched(sl.assistant(), sl.sessionId()))) {
                    kept.add(sl);
                }
            }
            for (UsageChanges.Touched t : touched.get()) {
                kept.addAll(query(h, SESSION_SLICES, Optional.empty(),
                        Optional.empty(), Optional.of(t.adapter()), t.sessionId()));
            }
            cached = new Cached(List.copyOf(kept), seen);
        }
        return cached.slices();
    }

    private static boolean onSlots(Optional<Instant> bound) {
        return bound.map(b -> b.toEpochMilli() % UsageSlice.SLOT_MILLIS == 0).orElse(true);
    }

    /** Each session's project, brought up to date. Caller holds the connection (within a read). */
    private Map<String, String> projects(Handle h, Object seen) {
        Set<String> recorded = db.usageChanges().drainRecorded();
        if (projects == null || !seen.equals(projectsSeen) || recorded.size() > PROJECTS_LOOKED_UP) {
            Map<String, String> all = new HashMap<>();
            h.createQuery("SELECT assistant, native_id, project FROM session WHERE project IS NOT NULL")
                    .map((rs, ctx) -> Map.entry(rs.getString("assistant") + "\u0000" + rs.getString("native_id"),
                            rs.getString("project")))
                    .forEach(e -> all.put(e.getKey(), e.getValue()));
            projects = all;
            projectsSeen = seen;
        } else if (!recorded.isEmpty()) {
            InQuery.run(h, "SELECT assistant, native_id, project FROM session WHERE id IN ", "", List.of(), recorded,
                    rs -> {
                        String key = rs.getString("assistant") + "\u0000" + rs.getString("native_id");
                        String project = rs.getString("project");
                        if (project == null) {
                            projects.remove(key);
                        } else {
                            projects.put(key, project);
                        }
                    });
        }
        return projects;
    }

    private static UsageSlice withProject(UsageSlice s, Map<String, String> projects) {
        String project = projects.getOrDefault(s.assistant() + "\u0000" + s.sessionId(), "");
        return project.equals(s.project()) ? s : new UsageSlice(s.assistant(), s.sessionId(), project, s.model(),
                s.slot(), s.onHour(), s.firstAt(), s.lastAt(), s.calls(), s.input(), s.output(), s.cacheWrite(),
                s.cacheRead(), s.pricedCostUsd(), s.unpricedCalls());
    }

    private static List<UsageSlice> query(Handle h, String sql, Optional<Instant> from, Optional<Instant> until,
            Optional<String> assistant, String... session) {
        org.jdbi.v3.core.statement.Query q = h.createQuery(sql)
                .bind("from", from.map(Instant::toEpochMilli).orElse(null))
                .bind("until", until.map(Instant::toEpochMilli).orElse(null))
                .bind("assistant", assistant.orElse(null));
        if (session.length > 0) {
            q.bind("session", session[0]);
        }
        return q.map((rs, ctx) -> new UsageSlice(rs.getString("adapter"), rs.getString("session_id"), "",
                        rs.getString("model"), rs.getLong("slot") * UsageSlice.SLOT_MILLIS, rs.getInt("on_hour") != 0,
                        rs.getLong("first_at"), rs.getLong("last_at"), rs.getLong("calls"), rs.getLong("input"),
                        rs.getLong("output"), rs.getLong("cache_write"), rs.getLong("cache_read"),
                        rs.getDouble("cost"), rs.getLong("unpriced")))
                .list();
    }
}
