package dev.llmsession.storage.postgres;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import dev.llmsession.model.TeamSession;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.TeamStore;
import dev.llmsession.spi.TeamUsageSlice;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageSlice;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The team database on PostgreSQL, over one kept connection ({@link TeamDatabase}: opened again after a failure, a
 * lost connection retried once). Every statement binds its values; the only SQL text built at run time is the
 * choice among fixed filter clauses. Thread-safe.
 */
final class PostgresTeamStore implements TeamStore {
    private final TeamDatabase db;

    private PostgresTeamStore(TeamDatabase db) {
        this.db = db;
    }

    /** Connects and migrates the schema to the latest version (when it is behind and this login may). */
    static PostgresTeamStore open(TeamConnection settings) {
        return open(settings, TeamMigrations.LATEST);
    }

    /** Connects and migrates up to {@code target} only, for tests of older schemas. */
    static PostgresTeamStore open(TeamConnection settings, int target) {
        PostgresTeamStore store = new PostgresTeamStore(new TeamDatabase(settings));
        try {
            store.db.write(h -> TeamMigrations.migrate(h, target, settings.where()));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    // ---- push -------------------------------------------------------------------------------------------

    private static final String SESSION_COLUMNS = "machine, login_user, id, assistant, native_id, project, git_branch, "
            + "model, state, started_at, last_activity_at, input, output, cache_write, cache_read, api_calls, "
            + "sub_input, sub_output, sub_cache_write, sub_cache_read, sub_api_calls, token_source, context_tokens, "
            + "context_window, window_assumed, auto_compact_at, context_source, cost_usd, unpriced_models, "
            + "price_table_date, errors_api, errors_tool, errors_interrupts, error_times, health_score, "
            + "health_level, recorded_at";

    private static final String UPSERT_SESSION = "INSERT INTO team_session (" + SESSION_COLUMNS + ") VALUES ("
            + ":machine, :user, :id, :assistant, :nativeId, :project, :branch, :model, :state, "
            + ms(":startedAt") + ", " + ms(":lastActivityAt") + ", :input, :output, :cacheWrite, :cacheRead, "
            + ":calls, :subInput, :subOutput, :subCacheWrite, :subCacheRead, :subCalls, :tokenSource, "
            + ":contextTokens, :contextWindow, :windowAssumed, :autoCompactAt, :contextSource, :cost, "
            + ":unpriced, :priceDate, :errApi, :errTool, :errInterrupts, "
            + "ARRAY(SELECT to_timestamp(t / 1000.0) FROM unnest(CAST(:errTimes AS bigint[])) AS t), "
            + ":healthScore, :healthLevel, " + ms(":recordedAt") + ") "
            + "ON CONFLICT (machine, id) DO UPDATE SET login_user = excluded.login_user, project = excluded.project, "
            + "git_branch = excluded.git_branch, model = excluded.model, state = excluded.state, "
            + "started_at = excluded.started_at, last_activity_at = excluded.last_activity_at, "
            + "input = excluded.input, output = excluded.output, cache_write = excluded.cache_write, "
            + "cache_read = excluded.cache_read, api_calls = excluded.api_calls, sub_input = excluded.sub_input, "
            + "sub_output = excluded.sub_output, sub_cache_write = excluded.sub_cache_write, "
            + "sub_cache_read = excluded.sub_cache_read, sub_api_calls = excluded.sub_api_calls, "
            + "token_source = excluded.token_source, context_tokens = excluded.context_tokens, "
            + "context_window = excluded.context_window, window_assumed = excluded.window_assumed, "
            + "auto_compact_at = excluded.auto_compact_at, context_source = excluded.context_source, "
            + "cost_usd = excluded.cost_usd, unpriced_models = excluded.unpriced_models, "
            + "price_table_date = excluded.price_table_date, errors_api = excluded.errors_api, "
            + "errors_tool = excluded.errors_tool, errors_interrupts = excluded.errors_interrupts, "
            + "error_times = excluded.error_times, health_score = excluded.health_score, "
            + "health_level = excluded.health_level, recorded_at = excluded.recorded_at "
            + "WHERE excluded.recorded_at >= team_session.recorded_at";

    private static final String INSERT_SAMPLE = "INSERT INTO team_sample (machine, session_id, at, context_tokens, "
            + "total_tokens, health_score) VALUES (:machine, :session, " + ms(":at") + ", :context, :total, :health) "
            + "ON CONFLICT (machine, session_id, at) DO NOTHING";

    private static final String UPSERT_USAGE = "INSERT INTO team_usage (machine, login_user, assistant, session_id, "
            + "project, model, slot, on_hour, first_at, last_at, calls, input, output, cache_write, cache_read, "
            + "priced_cost_usd, unpriced_calls, pushed_at) VALUES (:machine, :user, :assistant, :session, :project, "
            + ":model, " + ms(":slot") + ", :onHour, " + ms(":firstAt") + ", " + ms(":lastAt") + ", :calls, :input, "
            + ":output, :cacheWrite, :cacheRead, :cost, :unpriced, now()) "
            + "ON CONFLICT (machine, assistant, session_id, model, slot, on_hour) DO UPDATE SET "
            + "login_user = excluded.login_user, project = excluded.project, first_at = excluded.first_at, "
            + "last_at = excluded.last_at, calls = excluded.calls, input = excluded.input, output = excluded.output, "
            + "cache_write = excluded.cache_write, cache_read = excluded.cache_read, "
            + "priced_cost_usd = excluded.priced_cost_usd, unpriced_calls = excluded.unpriced_calls, "
            + "pushed_at = excluded.pushed_at";

    /** Epoch milliseconds bound as a number, turned into a timestamptz by the server (no client time zone). */
    private static String ms(String param) {
        return "to_timestamp(CAST(" + param + " AS bigint) / 1000.0)";
    }

    /** Reads a timestamptz column as epoch milliseconds. */
    private static String epochMs(String column) {
        return "CAST(round(extract(epoch FROM " + column + ") * 1000) AS bigint)";
    }

    @Override
    public void push(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.size() == 0) {
            return;
        }
        db.write(h -> {
            if (!batch.sessions().isEmpty()) {
                PreparedBatch b = h.prepareBatch(UPSERT_SESSION);
                for (TeamSession s : batch.sessions()) {
                    bindSession(b, s).add();
                }
                b.execute();
            }
            if (!batch.samples().isEmpty()) {
                PreparedBatch b = h.prepareBatch(INSERT_SAMPLE);
                for (SessionSample s : batch.samples()) {
                    b.bind("machine", batch.machine()).bind("session", s.sessionId().value())
                            .bind("at", s.at().toEpochMilli()).bind("context", Nullable.boxed(s.contextTokens()))
                            .bind("total", Nullable.boxed(s.totalTokens()))
                            .bind("health", Nullable.boxed(s.healthScore())).add();
                }
                b.execute();
            }
            if (!batch.usage().isEmpty()) {
                PreparedBatch b = h.prepareBatch(UPSERT_USAGE);
                for (UsageSlice u : batch.usage()) {
                    b.bind("machine", batch.machine()).bind("user", batch.user()).bind("assistant", u.assistant())
                            .bind("session", u.sessionId()).bind("project", u.project()).bind("model", u.model())
                            .bind("slot", u.slot()).bind("onHour", u.onHour()).bind("firstAt", u.firstAt())
                            .bind("lastAt", u.lastAt()).bind("calls", u.calls()).bind("input", u.input())
                            .bind("output", u.output()).bind("cacheWrite", u.cacheWrite())
                            .bind("cacheRead", u.cacheRead()).bind("cost", u.pricedCostUsd())
                            .bind("unpriced", u.unpricedCalls()).add();
                }
                b.execute();
            }
            return null;
        });
    }

    private static PreparedBatch bindSession(PreparedBatch b, TeamSession s) {
        TokenUsage t = s.tokens().total();
        TokenUsage sub = s.tokens().subagents();
        OptionalDouble usd = s.cost().usd();
        return b.bind("machine", s.machine()).bind("user", s.user()).bind("id", s.id().value())
                .bind("assistant", s.assistant()).bind("nativeId", s.id().nativeId())
                .bind("project", s.project().orElse(null)).bind("branch", s.gitBranch().orElse(null))
                .bind("model", s.model().orElse(null)).bind("state", s.state().name())
                .bind("startedAt", s.startedAt().toEpochMilli()).bind("lastActivityAt", s.lastActivityAt().toEpochMilli())
                .bind("input", t.input()).bind("output", t.output()).bind("cacheWrite", t.cacheWrite())
                .bind("cacheRead", t.cacheRead()).bind("calls", t.apiCalls())
                .bind("subInput", sub.input()).bind("subOutput", sub.output()).bind("subCacheWrite", sub.cacheWrite())
                .bind("subCacheRead", sub.cacheRead()).bind("subCalls", sub.apiCalls())
                .bind("tokenSource", s.tokens().source().name())
                .bind("contextTokens", Nullable.boxed(s.context().tokens())).bind("contextWindow", s.context().window())
                .bind("windowAssumed", s.context().windowAssumed())
                .bind("autoCompactAt", Nullable.boxed(s.context().autoCompactAt()))
                .bind("contextSource", s.context().source().name())
                .bind("cost", usd.isPresent() && Double.isFinite(usd.getAsDouble()) ? usd.getAsDouble() : null)
                .bindArray("unpriced", String.class, s.cost().unpricedModels())
                .bind("priceDate", s.cost().priceTableDate())
                .bind("errApi", s.errors().api()).bind("errTool", s.errors().tool())
                .bind("errInterrupts", s.errors().interrupts())
                .bindArray("errTimes", Long.class, s.errors().times().stream().map(Instant::toEpochMilli).toList())
                .bind("healthScore", Nullable.boxed(s.healthScore())).bind("healthLevel", s.healthLevel().name())
                .bind("recordedAt", s.recordedAt().toEpochMilli());
    }

    // ---- reads ------------------------------------------------------------------------------------------

    /** Every column {@link #session} reads, over all sessions; conditions are appended with {@code AND}. */
    private static String selectSessions() {
        return "SELECT machine, login_user, id, assistant, native_id, project, "
                + "git_branch, model, state, input, output, cache_write, cache_read, api_calls, sub_input, sub_output, "
                + "sub_cache_write, sub_cache_read, sub_api_calls, token_source, context_tokens, context_window, "
                + "window_assumed, auto_compact_at, context_source, cost_usd, unpriced_models, price_table_date, "
                + "errors_api, errors_tool, errors_interrupts, health_score, health_level, "
                + epochMs("started_at") + " AS started_ms, " + epochMs("last_activity_at") + " AS last_ms, "
                + epochMs("recorded_at") + " AS recorded_ms, "
                + "ARRAY(SELECT " + epochMs("t") + " FROM unnest(error_times) AS t) AS error_ms "
                + "FROM team_session WHERE true";
    }

    @Override
    public List<TeamSession> liveSessions(Instant recordedSince) {
        Objects.requireNonNull(recordedSince, "recordedSince");
        return db.read(h -> h.createQuery(selectSessions() + " AND state <> 'ENDED' AND recorded_at >= " + ms(":since")
                + " ORDER BY last_activity_at DESC, machine, id").bind("since", recordedSince.toEpochMilli())
                .map((rs, ctx) -> session(rs)).list());
    }

    @Override
    public List<TeamSession> sessions(Query query) {
        Objects.requireNonNull(query, "query");
        StringBuilder sql = new StringBuilder(selectSessions());
        query.since().ifPresent(x -> sql.append(" AND last_activity_at >= ").append(ms(":since")));
        query.project().ifPresent(x -> sql.append(" AND project = :project"));
        query.machine().ifPresent(x -> sql.append(" AND machine = :machine"));
        query.user().ifPresent(x -> sql.append(" AND login_user = :user"));
        sql.append(" ORDER BY last_activity_at DESC, machine, id");
        return db.read(h -> {
            org.jdbi.v3.core.statement.Query q = h.createQuery(sql.toString());
            query.since().ifPresent(x -> q.bind("since", x.toEpochMilli()));
            query.project().ifPresent(x -> q.bind("project", x));
            query.machine().ifPresent(x -> q.bind("machine", x));
            query.user().ifPresent(x -> q.bind("user", x));
            return q.map((rs, ctx) -> session(rs)).list();
        });
    }

    private static TeamSession session(ResultSet rs) throws SQLException {
        List<Instant> errorTimes = SessionColumns.elements(rs.getArray("error_ms")).stream()
                .map(o -> Instant.ofEpochMilli(((Number) o).longValue())).toList();
        return new TeamSession(rs.getString("machine"), rs.getString("login_user"), SessionColumns.id(rs),
                rs.getString("assistant"), Optional.ofNullable(rs.getString("project")),
                Optional.ofNullable(rs.getString("git_branch")), Optional.ofNullable(rs.getString("model")),
                ActivityState.valueOf(rs.getString("state")), Instant.ofEpochMilli(rs.getLong("started_ms")),
                Instant.ofEpochMilli(rs.getLong("last_ms")), SessionColumns.tokens(rs), SessionColumns.context(rs),
                SessionColumns.cost(rs),
                new ErrorCounts(rs.getInt("errors_api"), rs.getInt("errors_tool"), rs.getInt("errors_interrupts"),
                        errorTimes),
                Nullable.optInt(rs, "health_score"), HealthLevel.valueOf(rs.getString("health_level")),
                Instant.ofEpochMilli(rs.getLong("recorded_ms")));
    }

    @Override
    public List<SessionSample> samples(String machine, String sessionId, Instant since) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(since, "since");
        return db.read(h -> h.createQuery("SELECT session_id, " + epochMs("at") + " AS at_ms, context_tokens, "
                + "total_tokens, health_score FROM team_sample WHERE machine = :machine AND session_id = :session "
                + "AND at >= " + ms(":since") + " ORDER BY at")
                .bind("machine", machine).bind("session", sessionId).bind("since", since.toEpochMilli())
                .map((rs, ctx) -> {
                    String id = rs.getString("session_id");
                    int underscore = id.indexOf('_');
                    return new SessionSample(new SessionId(id.substring(0, underscore), id.substring(underscore + 1)),
                            Instant.ofEpochMilli(rs.getLong("at_ms")), Nullable.optLong(rs, "context_tokens"),
                            Nullable.optLong(rs, "total_tokens"), Nullable.optInt(rs, "health_score"));
                })
                .list());
    }

    /** The fixed filter clauses a usage filter selects, over the time column {@code time}. */
    private static String where(UsageFilter filter, String time) {
        StringBuilder sql = new StringBuilder(" WHERE true");
        filter.from().ifPresent(x -> sql.append(" AND ").append(time).append(" >= ").append(ms(":from")));
        filter.until().ifPresent(x -> sql.append(" AND ").append(time).append(" < ").append(ms(":until")));
        filter.project().ifPresent(x -> sql.append(" AND project = :project"));
        filter.assistant().ifPresent(x -> sql.append(" AND assistant = :assistant"));
        return sql.toString();
    }

    private static void bind(org.jdbi.v3.core.statement.Query q, UsageFilter filter) {
        filter.from().ifPresent(x -> q.bind("from", x.toEpochMilli()));
        filter.until().ifPresent(x -> q.bind("until", x.toEpochMilli()));
        filter.project().ifPresent(x -> q.bind("project", x));
        filter.assistant().ifPresent(x -> q.bind("assistant", x));
    }

    private static final long HOUR_MILLIS = 3_600_000L;

    /** Whether the hourly rollup answers exactly: every day start and filter bound on a whole UTC hour. */
    private static boolean hourly(UsageFilter filter, List<Instant> days) {
        return days.stream().allMatch(d -> d.toEpochMilli() % HOUR_MILLIS == 0)
                && filter.from().map(f -> f.toEpochMilli() % HOUR_MILLIS == 0).orElse(true)
                && filter.until().map(u -> u.toEpochMilli() % HOUR_MILLIS == 0).orElse(true);
    }

    @Override
    public List<TeamUsageSlice> usage(UsageFilter filter, Optional<List<Instant>> days) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(days, "days");
        String sql;
        if (days.isPresent()) {
            // One row per machine, user, assistant, project, model and local day: width_bucket finds the day among
            // the day starts by binary search, whatever the zone; the sub-select converts the bound day starts once
            // (a plain cast would run for every row). Zones on whole hours read the hourly rollup.
            boolean hourly = hourly(filter, days.get());
            String time = hourly ? "hour" : "slot";
            sql = "SELECT machine, login_user, assistant, '' AS session_id, project, model, false AS on_hour, "
                    + "SUM(calls) AS calls, SUM(input) AS input, SUM(output) AS output, "
                    + "SUM(cache_write) AS cache_write, SUM(cache_read) AS cache_read, SUM(priced_cost_usd) AS cost, "
                    + "SUM(unpriced_calls) AS unpriced, " + epochMs("MIN(" + time + ")") + " AS slot_ms, "
                    + epochMs("MIN(first_at)") + " AS first_ms, " + epochMs("MAX(last_at)") + " AS last_ms FROM "
                    + (hourly ? "team_usage_hour" : "team_usage") + where(filter, time)
                    + " GROUP BY machine, login_user, assistant, project, model, width_bucket(" + time
                    + ", (SELECT CAST(:days AS timestamptz[]))) HAVING SUM(calls) > 0";
        } else {
            sql = "SELECT machine, login_user, assistant, session_id, project, model, on_hour, calls, input, output, "
                    + "cache_write, cache_read, priced_cost_usd AS cost, unpriced_calls AS unpriced, "
                    + epochMs("slot") + " AS slot_ms, " + epochMs("first_at") + " AS first_ms, "
                    + epochMs("last_at") + " AS last_ms FROM team_usage" + where(filter, "slot");
        }
        return db.read(h -> {
            org.jdbi.v3.core.statement.Query q = h.createQuery(sql);
            bind(q, filter);
            days.ifPresent(d -> q.bindArray("days", String.class, d.stream().map(Instant::toString).toList()));
            return q.setFetchSize(10_000).map((rs, ctx) -> new TeamUsageSlice(rs.getString("machine"),
                    rs.getString("login_user"), new UsageSlice(rs.getString("assistant"), rs.getString("session_id"),
                            rs.getString("project"), rs.getString("model"), rs.getLong("slot_ms"),
                            rs.getBoolean("on_hour"), rs.getLong("first_ms"), rs.getLong("last_ms"),
                            rs.getLong("calls"), rs.getLong("input"), rs.getLong("output"), rs.getLong("cache_write"),
                            rs.getLong("cache_read"), rs.getDouble("cost"), rs.getLong("unpriced"))))
                    .list();
        });
    }

    @Override
    public Optional<Range> usageRange(UsageFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return db.read(h -> {
            org.jdbi.v3.core.statement.Query q = h.createQuery("SELECT " + epochMs("MIN(slot)") + " AS first_ms, "
                    + epochMs("MAX(slot)") + " AS last_ms FROM team_usage" + where(filter, "slot"));
            bind(q, filter);
            return q.map((rs, ctx) -> {
                long first = rs.getLong("first_ms");
                return rs.wasNull() ? Optional.<Range>empty() : Optional.of(new Range(Instant.ofEpochMilli(first),
                        Instant.ofEpochMilli(rs.getLong("last_ms"))));
            }).one();
        });
    }

    @Override
    public List<String> describe() {
        return db.read(h -> {
            List<String> lines = new ArrayList<>();
            lines.add("team database: " + db.where());
            lines.add("schema version: " + TeamMigrations.version(h));
            lines.add("machines: " + h.createQuery("SELECT COUNT(DISTINCT machine) FROM team_session")
                    .mapTo(Long.class).one() + ", sessions: "
                    + h.createQuery("SELECT COUNT(*) FROM team_session").mapTo(Long.class).one() + ", samples: "
                    + h.createQuery("SELECT COUNT(*) FROM team_sample").mapTo(Long.class).one() + ", usage slices: "
                    + h.createQuery("SELECT COUNT(*) FROM team_usage").mapTo(Long.class).one());
            return lines;
        });
    }

    /** The schema version, for tests. */
    int schemaVersion() {
        return db.read(TeamMigrations::version);
    }

    /** Runs {@code body} in one handle, for tests. */
    <T> T query(Function<Handle, T> body) {
        return db.read(body);
    }

    /** Connections opened so far, for tests. */
    long connectionsOpened() {
        return db.connectionsOpened();
    }

    @Override
    public void close() {
        db.close();
    }
}
