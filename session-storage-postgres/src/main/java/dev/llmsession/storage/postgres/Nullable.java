package dev.llmsession.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** An unknown figure is SQL NULL, never 0, both ways. */
final class Nullable {
    private Nullable() {
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

    static Integer boxed(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }
}
