package dev.llmsession.storage.postgres;

import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.Session;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.SnapshotHistory.Snapshot;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Maps a {@link Session} with its health to a {@code machine_session} row and back, the whole session as the
 * local store keeps it (this table is private to its machine); unknown figures are NULL, never 0.
 */
final class MachineSessionRows {
    private static final List<String> COLUMNS = List.of("machine", "id", "assistant", "native_id", "cwd", "project",
            "git_branch", "title", "model", "started_at", "last_activity_at", "state", "state_evidence", "input",
            "output", "cache_write", "cache_read", "api_calls", "sub_input", "sub_output", "sub_cache_write",
            "sub_cache_read", "sub_api_calls", "token_source", "context_tokens", "context_window", "window_assumed",
            "auto_compact_at", "context_source", "cost_usd", "unpriced_models", "price_table_date", "errors_api",
            "errors_tool", "errors_interrupts", "error_times", "malformed_lines", "lines_without_key", "partial_tail",
            "unreadable_files", "invalid_counts", "sources", "health_score", "health_level", "updated_at");

    /** Inserts a session row, or updates it unless the stored one was recorded later. */
    static final String UPSERT = "INSERT INTO machine_session (" + String.join(", ", COLUMNS) + ") VALUES ("
            + COLUMNS.stream().map(c -> ":" + c).collect(Collectors.joining(", "))
            + ") ON CONFLICT (machine, id) DO UPDATE SET "
            + COLUMNS.stream().filter(c -> !c.equals("id") && !c.equals("machine")).map(c -> c + " = excluded." + c)
                    .collect(Collectors.joining(", "))
            + " WHERE excluded.updated_at >= machine_session.updated_at";

    private MachineSessionRows() {
    }

    /** Binds one row of {@code machine}'s session recorded at {@code at} and adds it to {@code batch}. */
    static void add(PreparedBatch batch, String machine, Snapshot snapshot, Instant at) {
        Session s = snapshot.session();
        batch.bind("machine", machine).bind("id", s.id().value()).bind("assistant", s.assistant())
                .bind("native_id", s.id().nativeId()).bind("cwd", s.cwd().orElse(null))
                .bind("project", s.project().orElse(null)).bind("git_branch", s.gitBranch().orElse(null))
                .bind("title", s.title().orElse(null)).bind("model", s.model().orElse(null))
                .bind("started_at", s.startedAt().toEpochMilli())
                .bind("last_activity_at", s.lastActivityAt().toEpochMilli())
                .bind("state", s.activity().state().name()).bind("state_evidence", s.activity().evidence());
        bindUsage(batch, "", s.tokens().total());
        bindUsage(batch, "sub_", s.tokens().subagents());
        OptionalDouble usd = s.cost().usd();
        batch.bind("token_source", s.tokens().source().name())
                .bind("context_tokens", Nullable.boxed(s.context().tokens()))
                .bind("context_window", s.context().window())
                .bind("window_assumed", s.context().windowAssumed())
                .bind("auto_compact_at", Nullable.boxed(s.context().autoCompactAt()))
                .bind("context_source", s.context().source().name())
                .bind("cost_usd", usd.isPresent() && Double.isFinite(usd.getAsDouble()) ? usd.getAsDouble() : null)
                .bindArray("unpriced_models", String.class, s.cost().unpricedModels())
                .bind("price_table_date", s.cost().priceTableDate())
                .bind("errors_api", s.errors().api()).bind("errors_tool", s.errors().tool())
                .bind("errors_interrupts", s.errors().interrupts())
                .bindArray("error_times", Long.class, s.errors().times().stream().map(Instant::toEpochMilli).toList())
                .bind("malformed_lines", s.quality().malformedLines())
                .bind("lines_without_key", s.quality().linesWithoutKey())
                .bind("partial_tail", s.quality().partialTailBytes())
                .bind("unreadable_files", s.quality().unreadableFiles())
                .bind("invalid_counts", s.quality().invalidCounts())
                .bindArray("sources", String.class, s.sources().stream().map(Path::toString).toList())
                .bind("health_score", Nullable.boxed(snapshot.health().score()))
                .bind("health_level", snapshot.health().level().name())
                .bind("updated_at", at.toEpochMilli())
                .add();
    }

    private static void bindUsage(PreparedBatch b, String prefix, TokenUsage u) {
        b.bind(prefix + "input", u.input()).bind(prefix + "output", u.output())
                .bind(prefix + "cache_write", u.cacheWrite()).bind(prefix + "cache_read", u.cacheRead())
                .bind(prefix + "api_calls", u.apiCalls());
    }

    /** The session as recorded: no pid (a stored row knows no live process), the activity as it was. */
    static Session fromRow(ResultSet rs) throws SQLException {
        ErrorCounts errors = new ErrorCounts(rs.getInt("errors_api"), rs.getInt("errors_tool"),
                rs.getInt("errors_interrupts"), SessionColumns.elements(rs.getArray("error_times")).stream()
                        .map(o -> Instant.ofEpochMilli(((Number) o).longValue())).toList());
        DataQuality quality = new DataQuality(rs.getLong("malformed_lines"), rs.getLong("lines_without_key"),
                rs.getLong("partial_tail"), rs.getInt("unreadable_files"), rs.getLong("invalid_counts"));
        return new Session(SessionColumns.id(rs), rs.getString("assistant"), OptionalLong.empty(),
                Activity.of(ActivityState.valueOf(rs.getString("state")), rs.getString("state_evidence")),
                Optional.ofNullable(rs.getString("cwd")), Optional.ofNullable(rs.getString("git_branch")),
                Optional.ofNullable(rs.getString("title")), Optional.ofNullable(rs.getString("model")),
                Instant.ofEpochMilli(rs.getLong("started_at")), Instant.ofEpochMilli(rs.getLong("last_activity_at")),
                SessionColumns.tokens(rs), SessionColumns.context(rs), SessionColumns.cost(rs), errors, quality,
                SessionColumns.elements(rs.getArray("sources")).stream().map(o -> Path.of(String.valueOf(o))).toList());
    }
}
