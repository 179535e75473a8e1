package dev.llmsession.storage.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.ConnectionFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one SQLite connection a store uses, handed to JDBI as a {@link ConnectionFactory} whose close is a no-op.
 * Callers hold {@link #lock()} while a handle is open, so the connection is never used by two threads at once.
 * Connections are opened and closed under a JVM-wide lock: SQLite 3.51.1 (bundled by sqlite-jdbc 3.51.1.0) can
 * deadlock in its unix VFS when one thread closes a connection while another opens the same file (fixed in
 * 3.51.2); opening one connection per store, rarely, under that lock sidesteps it.
 */
final class StoreConnection implements ConnectionFactory {
    private static final Object OPEN_CLOSE = new Object();
    static final int BUSY_TIMEOUT_MS = 5000;
    /** SQLite's page cache of the connection, in KiB. */
    static final int CACHE_KIB = 16 << 10;

    private final SQLiteDataSource dataSource;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private long opened;

    StoreConnection(Path db) {
        this("jdbc:sqlite:" + db.toAbsolutePath());
    }

    /** A connection to a private in-memory database, configured as a store's (nothing is written anywhere). */
    static StoreConnection inMemory() {
        return new StoreConnection("jdbc:sqlite::memory:");
    }

    private StoreConnection(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // A first index writes tens of MB of usage rows and indexes in a few dozen transactions: with SQLite's default
        // 2 MB page cache, each transaction read back from the WAL the index pages the one before had evicted.
        // The cache grows only as far as pages are used.
        config.setCacheSize(-CACHE_KIB);
        this.dataSource = new SQLiteDataSource(config);
        this.dataSource.setUrl(url);
    }

    /** Held by whoever uses the connection (one JDBI handle at a time). */
    ReentrantLock lock() {
        return lock;
    }

    @Override
    public Connection openConnection() throws SQLException {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("the store connection is used without its lock");
        }
        if (connection == null || connection.isClosed()) {
            synchronized (OPEN_CLOSE) {
                connection = dataSource.getConnection();
            }
            opened++;
        }
        return connection;
    }

    @Override
    public void closeConnection(Connection toClose) {
        // the connection outlives the handle; see disconnect()
    }

    /**
     * How many connections this store has opened so far: what one connection's {@code PRAGMA data_version} says is
     * comparable only with what the same connection said. Caller holds the lock.
     */
    long opened() {
        return opened;
    }

    /** Closes the connection (the next handle opens a fresh one). Caller holds the lock. */
    void disconnect() {
        if (connection != null) {
            synchronized (OPEN_CLOSE) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // closing a broken connection: nothing to keep
                } finally {
                    connection = null;
                }
            }
        }
    }
}
