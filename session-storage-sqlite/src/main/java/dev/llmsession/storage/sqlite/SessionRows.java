package dev.llmsession.storage.sqlite;

import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.SnapshotHistory.Snapshot;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Maps a {@link Session} with its health to a {@code session} row and back; unknown figures are NULL, never 0. */
final class SessionRows {
    static final List<String> COLUMNS = List.of("id", "assistant", "native_id", "cwd", "project", "git_branch",
            "title", "model", "started_at", "last_activity_at", "state", "state_evidence", "input", "output",
            "cache_write", "cache_read", "api_calls", "sub_input", "sub_output", "sub_cache_write", "sub_cache_read",
            "sub_api_calls", "token_source", "context_tokens", "context_window", "window_assumed", "auto_compact_at",
            "context_source", "cost_usd", "unpriced_models", "price_table_date", "errors_api", "errors_tool",
            "errors_interrupts", "error_times", "malformed_lines", "lines_without_key", "partial_tail",
            "unreadable_files", "sources", "health_score", "health_level", "updated_at");

    /**
     * Inserts a session row, or updates it unless the stored one was recorded later; positional parameters in the
     * order of {@link #COLUMNS} ({@link #values}).
     */
    static final String UPSERT = "INSERT INTO session (" + String.join(", ", COLUMNS) + ") VALUES ("
            + COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") ON CONFLICT (id) DO UPDATE SET "
            + COLUMNS.stream().filter(c -> !c.equals("id")).map(c -> c + " = excluded." + c)
                    .collect(Collectors.joining(", "))
            + " WHERE excluded.updated_at >= session.updated_at";

    private static final String SEP = "\n";

    private SessionRows() {
    }

    /** {@link #toRow}'s values in the order of {@link #COLUMNS}, the parameters of {@link #UPSERT}. */
    static Object[] values(Snapshot snapshot, Instant at) {
        Map<String, Object> row = toRow(snapshot, at);
        return COLUMNS.stream().map(row::get).toArray();
    }

    static Map<String, Object> toRow(Snapshot snapshot, Instant at) {
        Session s = snapshot.session();
        Map<String, Object> r = new HashMap<>();
        r.put("id", s.id().value());
        r.put("assistant", s.assistant());
        r.put("native_id", s.id().nativeId());
        r.put("cwd", s.cwd().orElse(null));
        r.put("project", s.project().orElse(null));
        r.put("git_branch", s.gitBranch().orElse(null));
        r.put("title", s.title().orElse(null));
        r.put("model", s.model().orElse(null));
        r.put("started_at", s.startedAt().toEpochMilli());
        r.put("last_activity_at", s.lastActivityAt().toEpochMilli());
        r.put("state", s.activity().state().name());
        r.put("state_evidence", s.activity().evidence());
        putUsage(r, "", s.tokens().total());
        putUsage(r, "sub_", s.tokens().subagents());
        r.put("token_source", s.tokens().source().name());
        r.put("context_tokens", boxed(s.context().tokens()));
        r.put("context_window", s.context().window());
        r.put("window_assumed", s.context().windowAssumed() ? 1 : 0);
        r.put("auto_compact_at", boxed(s.context().autoCompactAt()));
        r.put("context_source", s.context().source().name());
        r.put("cost_usd", s.cost().usd().isPresent() && !Double.isNaN(s.cost().usd().getAsDouble())
                ? s.cost().usd().getAsDouble() : null);
        r.put("unpriced_models", String.join(SEP, s.cost().unpricedModels()));
        r.put("price_table_date", s.cost().priceTableDate());
        r.put("errors_api", s.errors().api());
        r.put("errors_tool", s.errors().tool());
        r.put("errors_interrupts", s.errors().interrupts());
        r.put("error_times", s.errors().times().stream().map(Instant::toString).collect(Collectors.joining(SEP)));
        r.put("malformed_lines", s.quality().malformedLines());
        r.put("lines_without_key", s.quality().linesWithoutKey());
        r.put("partial_tail", s.quality().partialTailBytes());
        r.put("unreadable_files", s.quality().unreadableFiles());
        r.put("sources", s.sources().stream().map(Path::toString).collect(Collectors.joining(SEP)));
        r.put("health_score", snapshot.health().score().isPresent() ? snapshot.health().score().getAsInt() : null);
        r.put("health_level", snapshot.health().level().name());
        r.put("updated_at", at.toEpochMilli());
        return r;
    }

    private static void putUsage(Map<String, Object> r, String prefix, TokenUsage u) {
        r.put(prefix + "input", u.input());
        r.put(prefix + "output", u.output());
        r.put(prefix + "cache_write", u.cacheWrite());
        r.put(prefix + "cache_read", u.cacheRead());
        r.put(prefix + "api_calls", u.apiCalls());
    }

    /** The session as recorded: no pid (a stored row knows no live process), the activity as it was. */
    static Session fromRow(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String nativeId = rs.getString("native_id");
        SessionId sessionId = new SessionId(id.substring(0, id.length() - nativeId.length() - 1), nativeId);
        TokenFigures tokens = new TokenFigures(usage(rs, ""), usage(rs, "sub_"),
                TokenSource.valueOf(rs.getString("token_source")));
        ContextFill context = new ContextFill(optLong(rs, "context_tokens"), rs.getLong("context_window"),
                rs.getInt("window_assumed") != 0, optLong(rs, "auto_compact_at"),
                TokenSource.valueOf(rs.getString("context_source")));
        double usd = rs.getDouble("cost_usd");
        Cost cost = new Cost(rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(usd),
                split(rs.getString("unpriced_models")), rs.getString("price_table_date"));
        ErrorCounts errors = new ErrorCounts(rs.getInt("errors_api"), rs.getInt("errors_tool"),
                rs.getInt("errors_interrupts"), split(rs.getString("error_times")).stream().map(Instant::parse).toList());
        DataQuality quality = new DataQuality(rs.getLong("malformed_lines"), rs.getLong("lines_without_key"),
                rs.getLong("partial_tail"), rs.getInt("unreadable_files"));
        return new Session(sessionId, rs.getString("assistant"), OptionalLong.empty(),
                Activity.of(ActivityState.valueOf(rs.getString("state")), rs.getString("state_evidence")),
                Optional.ofNullable(rs.getString("cwd")), Optional.ofNullable(rs.getString("git_branch")),
                Optional.ofNullable(rs.getString("title")), Optional.ofNullable(rs.getString("model")),
                Instant.ofEpochMilli(rs.getLong("started_at")), Instant.ofEpochMilli(rs.getLong("last_activity_at")),
                tokens, context, cost, errors, quality,
                split(rs.getString("sources")).stream().map(Path::of).toList());
    }

    private static TokenUsage usage(ResultSet rs, String prefix) throws SQLException {
        return new TokenUsage(rs.getLong(prefix + "input"), rs.getLong(prefix + "output"),
                rs.getLong(prefix + "cache_write"), rs.getLong(prefix + "cache_read"), rs.getLong(prefix + "api_calls"));
    }

    static OptionalLong optLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    static OptionalInt optInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(v);
    }

    static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEP, -1));
    }
}
