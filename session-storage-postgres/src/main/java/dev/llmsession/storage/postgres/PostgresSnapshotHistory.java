package dev.llmsession.storage.postgres;

import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import dev.llmsession.spi.SnapshotHistory;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.statement.PreparedBatch;

/** One machine's sessions (table {@code machine_session}) and their samples ({@code machine_sample}). Thread-safe. */
final class PostgresSnapshotHistory implements SnapshotHistory {
    private final TeamDatabase db;
    private final String machine;

    PostgresSnapshotHistory(TeamDatabase db, String machine) {
        this.db = Objects.requireNonNull(db, "db");
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    @Override
    public void record(List<Snapshot> snapshots, Instant at) {
        Objects.requireNonNull(at, "at");
        Map<String, Snapshot> latest = new LinkedHashMap<>();
        snapshots.forEach(s -> latest.put(s.session().id().value(), s)); // at most one per session per call
        if (latest.isEmpty()) {
            return;
        }
        db.write(h -> {
            // every session's latest sample in one query, then batched writes (as the SQLite history does)
            Map<String, List<Object>> previous = new HashMap<>();
            h.createQuery("SELECT DISTINCT ON (session_id) session_id, context_tokens, total_tokens, health_score "
                    + "FROM machine_sample WHERE machine = :machine ORDER BY session_id, at DESC")
                    .bind("machine", machine)
                    .map((rs, ctx) -> previous.put(rs.getString("session_id"), Arrays.asList(
                            Nullable.boxed(Nullable.optLong(rs, "context_tokens")),
                            Nullable.boxed(Nullable.optLong(rs, "total_tokens")),
                            Nullable.boxed(Nullable.optInt(rs, "health_score")))))
                    .list();
            PreparedBatch sessions = h.prepareBatch(MachineSessionRows.UPSERT);
            PreparedBatch samples = h.prepareBatch("INSERT INTO machine_sample (machine, session_id, at, "
                    + "context_tokens, total_tokens, health_score) VALUES (:machine, :id, :at, :c, :t, :hs) "
                    + "ON CONFLICT (machine, session_id, at) DO UPDATE SET context_tokens = excluded.context_tokens, "
                    + "total_tokens = excluded.total_tokens, health_score = excluded.health_score");
            for (Snapshot s : latest.values()) {
                MachineSessionRows.add(sessions, machine, s, at);
                List<Object> now = Arrays.asList(Nullable.boxed(s.session().context().tokens()),
                        s.session().tokens().known() ? s.session().tokens().total().total() : null,
                        Nullable.boxed(s.health().score()));
                String id = s.session().id().value();
                if (!now.equals(previous.get(id))) {
                    samples.bind("machine", machine).bind("id", id).bind("at", at.toEpochMilli())
                            .bind("c", (Long) now.get(0)).bind("t", (Long) now.get(1))
                            .bind("hs", (Integer) now.get(2)).add();
                }
            }
            sessions.execute();
            if (samples.size() > 0) {
                samples.execute();
            }
            return null;
        });
    }

    @Override
    public List<Session> sessions(Query query) {
        Objects.requireNonNull(query, "query");
        StringBuilder sql = new StringBuilder("SELECT * FROM machine_session WHERE machine = :machine");
        query.since().ifPresent(x -> sql.append(" AND last_activity_at >= :since"));
        query.project().ifPresent(x -> sql.append(" AND project = :project"));
        query.assistant().ifPresent(x -> sql.append(" AND assistant = :assistant"));
        sql.append(" ORDER BY last_activity_at DESC, id");
        return db.read(h -> {
            org.jdbi.v3.core.statement.Query q = h.createQuery(sql.toString()).bind("machine", machine);
            query.since().ifPresent(x -> q.bind("since", x.toEpochMilli()));
            query.project().ifPresent(x -> q.bind("project", x));
            query.assistant().ifPresent(x -> q.bind("assistant", x));
            return q.map((rs, ctx) -> MachineSessionRows.fromRow(rs)).list();
        });
    }

    @Override
    public List<SessionSample> samples(SessionId id, Instant since) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(since, "since");
        return db.read(h -> h.createQuery("SELECT at, context_tokens, total_tokens, health_score FROM machine_sample "
                + "WHERE machine = :machine AND session_id = :id AND at >= :since ORDER BY at")
                .bind("machine", machine).bind("id", id.value()).bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new SessionSample(id, Instant.ofEpochMilli(rs.getLong("at")),
                        Nullable.optLong(rs, "context_tokens"),
                        Nullable.optLong(rs, "total_tokens"), Nullable.optInt(rs, "health_score")))
                .list());
    }
}
