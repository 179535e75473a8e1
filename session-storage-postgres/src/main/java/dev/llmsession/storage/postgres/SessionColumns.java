package dev.llmsession.storage.postgres;

import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The columns {@code team_session} and {@code machine_session} share, read once for both: the session id, the token
 * figures, the context fill and the cost. Unknown figures come back unknown.
 */
final class SessionColumns {
    private SessionColumns() {
    }

    static SessionId id(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String nativeId = rs.getString("native_id");
        return new SessionId(id.substring(0, id.length() - nativeId.length() - 1), nativeId);
    }

    static TokenFigures tokens(ResultSet rs) throws SQLException {
        return new TokenFigures(usage(rs, ""), usage(rs, "sub_"), TokenSource.valueOf(rs.getString("token_source")));
    }

    private static TokenUsage usage(ResultSet rs, String prefix) throws SQLException {
        return new TokenUsage(rs.getLong(prefix + "input"), rs.getLong(prefix + "output"),
                rs.getLong(prefix + "cache_write"), rs.getLong(prefix + "cache_read"),
                rs.getLong(prefix + "api_calls"));
    }

    static ContextFill context(ResultSet rs) throws SQLException {
        return new ContextFill(Nullable.optLong(rs, "context_tokens"), rs.getLong("context_window"),
                rs.getBoolean("window_assumed"), Nullable.optLong(rs, "auto_compact_at"),
                TokenSource.valueOf(rs.getString("context_source")));
    }

    static Cost cost(ResultSet rs) throws SQLException {
        double usd = rs.getDouble("cost_usd");
        OptionalDouble known = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(usd);
        return new Cost(known, elements(rs.getArray("unpriced_models")).stream().map(String::valueOf).toList(),
                rs.getString("price_table_date"));
    }

    /** The elements of an SQL array, none for NULL. */
    static List<Object> elements(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((Object[]) array.getArray());
    }
}
