package dev.llmsession.storage.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A query over a list of values, {@code … IN (?, …, ?) …}, through the driver's own prepared statement, in batches of
 * {@link SqliteDatabase#LOAD_BATCH} values. The store's look-ups by many keys all go through here: a short command
 * makes several of them on its way (a running-only {@code list}: the live projects' claims, the usage rows it may
 * refile, the sessions' last samples), and JDBI's list binding and row mapping ran mostly interpreted there and spun
 * method-handle classes (its string concatenations) on first use, in every run.
 */
final class InQuery {
    /** Reads the current row of a result. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private InQuery() {
    }

    /**
     * Runs {@code head + "(?, …, ?)" + tail} once per batch of {@code values}, binding {@code leading} first (the
     * parameters {@code head} has) and then the batch, and hands every row to {@code reader}. Values are bound as the
     * driver's {@code setObject} binds them. Nothing runs for no values.
     */
    static void run(Handle h, String head, String tail, List<?> leading, Collection<?> values, RowReader reader) {
        List<?> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += SqliteDatabase.LOAD_BATCH) {
            List<?> batch = all.subList(from, Math.min(all.size(), from + SqliteDatabase.LOAD_BATCH));
            String sql = head + "(" + "?, ".repeat(batch.size() - 1) + "?)" + tail;
            try (PreparedStatement statement = h.getConnection().prepareStatement(sql)) {
                int i = 1;
                for (Object value : leading) {
                    statement.setObject(i++, value);
                }
                for (Object value : batch) {
                    statement.setObject(i++, value);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        }
    }
}
