package dev.llmsession.storage.postgres;

import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.LlmSessionException;
import dev.llmsession.error.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One connection to the team database, used by one thread at a time and kept between calls, so a process that
 * outlives a command (the engine) logs in once. After any failure the connection is dropped; a call that fails
 * because a kept connection was lost (the server restarted, a laptop slept, an idle timeout) runs once more on a
 * fresh one before it reports the failure. Every write is one transaction and idempotent, so that second run never
 * counts twice. Thread-safe.
 */
final class TeamDatabase implements AutoCloseable {
    private final TeamConnection settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Jdbi jdbi;
    private Connection connection;
    private long opened;

    TeamDatabase(TeamConnection settings) {
        this.settings = settings;
        this.jdbi = Jdbi.create(new org.jdbi.v3.core.ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                if (connection == null || connection.isClosed()) {
                    connection = settings.open();
                    opened++;
                }
                return connection;
            }

            @Override
            public void closeConnection(Connection toClose) {
                // kept for the next call; dropped on failure
            }
        });
    }

    /** Where the database is, for messages. */
    String where() {
        return settings.where();
    }

    /** Connections opened so far: one for a process whose connection was never lost. */
    long connectionsOpened() {
        lock.lock();
        try {
            return opened;
        } finally {
            lock.unlock();
        }
    }

    <T> T read(Function<Handle, T> body) {
        return run(() -> jdbi.withHandle(body::apply));
    }

    <T> T write(Function<Handle, T> body) {
        return run(() -> jdbi.inTransaction(body::apply));
    }

    private <T> T run(Supplier<T> op) {
        lock.lock();
        try {
            boolean kept = connection != null;
            try {
                return op.get();
            } catch (RuntimeException e) {
                disconnect(); // whatever failed, the next call starts on a fresh connection
                if (kept && connectionLost(e)) {
                    try {
                        return op.get();
                    } catch (RuntimeException again) {
                        disconnect();
                        throw wrapped(again);
                    }
                }
                throw wrapped(e);
            }
        } finally {
            lock.unlock();
        }
    }

    private RuntimeException wrapped(RuntimeException e) {
        return e instanceof LlmSessionException l ? l
                : new StoreException(ErrorCode.IO, "team database " + settings.where() + ": " + reason(e), e);
    }

    /**
     * Whether {@code e} says the connection itself is gone (SQL state class 08, or 57P: the server shutting down or
     * ending the session), not that the statement was refused: only then is a second run on a new connection useful.
     */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // a broken connection: nothing to keep
            } finally {
                connection = null;
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            disconnect();
        } finally {
            lock.unlock();
        }
    }

    /** The innermost message, on one line. */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return TeamConnection.printable(m.replace('\n', ' ').strip());
    }
}
