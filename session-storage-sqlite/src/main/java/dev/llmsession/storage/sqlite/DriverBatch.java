package dev.llmsession.storage.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Rows of one statement with positional parameters, through the driver's own prepared statement, executed every
 * {@link SqliteDatabase.Chunked#ROWS} rows and at {@link #flush}. For statements run thousands of times in one
 * transaction (a first index inserts a usage row per call, 74,000 for the 1 GB corpus, and records every session):
 * JDBI's named binding looks up an argument factory and a qualified type for every value. Values are bound as the driver's {@code setObject} binds them (null is NULL).
 */
final class DriverBatch implements AutoCloseable {
    private final PreparedStatement statement;
    /** The batch whose rows this one's refer to (a foreign key), executed first; or null. */
    private final DriverBatch referred;
    private int pending;

    DriverBatch(Handle handle, String sql) {
        this(handle, sql, null);
    }

    /**
     * A batch whose rows refer to rows of {@code referred}: every execution of this one executes {@code referred}'s
     * pending rows first. The two fill at their own pace (a caller may skip rows of one), so a row could otherwise
     * reach the table before the row it refers to.
     */
    DriverBatch(Handle handle, String sql, DriverBatch referred) {
        this.referred = referred;
        try {
            statement = handle.getConnection().prepareStatement(sql);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Adds one row: {@code values} in the statement's parameter order. */
    void add(Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            if (++pending == SqliteDatabase.Chunked.ROWS) {
                flush();
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Executes the rows added since the last execution. */
    void flush() {
        if (pending == 0) {
            return;
        }
        if (referred != null) {
            referred.flush();
        }
        try {
            statement.executeBatch();
            pending = 0;
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Releases the statement; rows added since the last {@link #flush} are not executed. */
    @Override
    public void close() {
        try {
            statement.close();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }
}
