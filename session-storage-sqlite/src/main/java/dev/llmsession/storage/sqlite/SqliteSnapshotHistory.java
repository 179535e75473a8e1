package dev.llmsession.storage.sqlite;

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
import java.util.OptionalInt;

/** Sessions' latest states (table {@code session}) and their samples (table {@code sample}). Thread-safe. */
final class SqliteSnapshotHistory implements SnapshotHistory {
    private final SqliteDatabase db;

    SqliteSnapshotHistory(SqliteDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
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
            // The latest sample of the recorded sessions only, in batches, then batched writes: a refresh of a large
            // history records thousands of sessions (one statement per session dominated it), and a `list` records
            // its few running ones (the latest sample of every session in the store was most of its recording).
            Map<String, List<Object>> previous = new HashMap<>();
            InQuery.run(h, "SELECT s.session_id, s.context_tokens, s.total_tokens, s.health_score FROM sample s "
                    + "WHERE s.session_id IN ", " AND s.at = (SELECT MAX(m.at) FROM sample m "
                    + "WHERE m.session_id = s.session_id)", List.of(), latest.keySet(), rs ->
                    previous.put(rs.getString("session_id"), Arrays.asList(
                            SessionRows.boxed(SessionRows.optLong(rs, "context_tokens")),
                            SessionRows.boxed(SessionRows.optLong(rs, "total_tokens")),
                            boxed(SessionRows.optInt(rs, "health_score")))));
            try (DriverBatch sessions = new DriverBatch(h, SessionRows.UPSERT);
                    DriverBatch samples = new DriverBatch(h, "INSERT INTO sample (session_id, at, context_tokens, "
                            + "total_tokens, health_score) VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, at) DO "
                            + "UPDATE SET context_tokens = excluded.context_tokens, total_tokens = "
                            + "excluded.total_tokens, health_score = excluded.health_score", sessions)) {
                for (Snapshot s : latest.values()) {
                    sessions.add(SessionRows.values(s, at));
                    List<Object> now = Arrays.asList(SessionRows.boxed(s.session().context().tokens()),
                            s.session().tokens().known() ? s.session().tokens().total().total() : null,
                            s.health().score().isPresent() ? s.health().score().getAsInt() : null);
                    String id = s.session().id().value();
                    if (!now.equals(previous.get(id))) {
                        samples.add(id, at.toEpochMilli(), now.get(0), now.get(1), now.get(2));
                    }
                }
                samples.flush(); // the sessions' pending rows first: a sample refers to its session
                sessions.flush();
            }
            db.usageChanges().recorded(latest.keySet());
            return null;
        });
    }

    private static Integer boxed(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }

    @Override
    public List<Session> sessions(Query query) {
        Objects.requireNonNull(query, "query");
        return db.read(h -> h.createQuery("SELECT * FROM session WHERE (:since IS NULL OR last_activity_at >= :since) "
                + "AND (:project IS NULL OR project = :project) AND (:assistant IS NULL OR assistant = :assistant) "
                + "ORDER BY last_activity_at DESC, id")
                .bind("since", query.since().map(Instant::toEpochMilli).orElse(null))
                .bind("project", query.project().orElse(null))
                .bind("assistant", query.assistant().orElse(null))
                .map((rs, ctx) -> SessionRows.fromRow(rs))
                .list());
    }

    @Override
    public List<SessionSample> samples(SessionId id, Instant since) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(since, "since");
        return db.read(h -> h.createQuery("SELECT at, context_tokens, total_tokens, health_score FROM sample "
                + "WHERE session_id = :id AND at >= :since ORDER BY at")
                .bind("id", id.value()).bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new SessionSample(id, Instant.ofEpochMilli(rs.getLong("at")),
                        SessionRows.optLong(rs, "context_tokens"), SessionRows.optLong(rs, "total_tokens"),
                        SessionRows.optInt(rs, "health_score")))
                .list());
    }
}
