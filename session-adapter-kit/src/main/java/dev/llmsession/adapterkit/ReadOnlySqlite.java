package dev.llmsession.adapterkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens an assistant's SQLite database without ever writing beside it. Even {@code mode=ro} writes: on a WAL-mode
 * database SQLite maps and updates the {@code -shm} file (its mtime changes, byte-identical or not), and without
 * a {@code -shm} it creates one. So a database whose {@code -wal} is present (the assistant is running, or did not
 * checkpoint) is copied with its WAL into a private temporary directory and the copy is opened; one without a WAL
 * is opened in place {@code immutable=1}. The copy costs the database's size in reads per refresh: callers
 * re-read only when {@link #stat} changed. Needs {@code org.xerial:sqlite-jdbc} on the class path.
 */
public final class ReadOnlySqlite {
    /** How long a query waits for a lock the assistant holds before the refresh gives up on the database. */
    public static final int BUSY_TIMEOUT_MS = 300;

    private ReadOnlySqlite() {
    }

    /** A read-only view of one database; closing it closes the connection and deletes any private copy. */
    public static final class Handle implements AutoCloseable {
        private final Connection connection;
        private final Path copyDir;

        private Handle(Connection connection, Path copyDir) {
            this.connection = connection;
            this.copyDir = copyDir;
        }

        public Connection connection() {
            return connection;
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.close();
            } finally {
                if (copyDir != null) {
                    deleteQuietly(copyDir);
                }
            }
        }
    }

    /** Opens {@code file} read-only, in place or through a private copy (see the class comment). */
    public static Handle open(Path file) throws SQLException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new SQLException("not a regular file: " + file);
        }
        Path absolute = file.toAbsolutePath();
        Optional<Path> wal = wal(absolute);
        if (wal.isEmpty()) {
            return new Handle(connect(absolute, true), null);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("llm-session-sqlite");
            Path copy = dir.resolve("copy.db");
            // The WAL first: a checkpoint between the two copies then leaves frames the database already holds.
            Files.copy(wal.get(), dir.resolve("copy.db-wal"));
            Files.copy(absolute, copy);
            return new Handle(connect(copy, false), dir);
        } catch (IOException | SQLException e) {
            if (dir != null) {
                deleteQuietly(dir);
            }
            throw e instanceof SQLException s ? s : new SQLException("cannot copy " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path db, boolean immutable) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        if (immutable) {
            config.setReadOnly(true);
            config.setOpenMode(SQLiteOpenMode.READONLY);
        }
        return config.createConnection("jdbc:sqlite:file:" + db + (immutable ? "?mode=ro&immutable=1" : ""));
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temp file left behind is the OS's to clean
        }
    }

    /** The database's {@code -wal} file, when present. */
    public static Optional<Path> wal(Path file) {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        return Files.isRegularFile(wal, LinkOption.NOFOLLOW_LINKS) ? Optional.of(wal) : Optional.empty();
    }

    /** Whether the file header says WAL mode (read and write versions 2). */
    static boolean walMode(Path file) {
        byte[] header = new byte[20];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(header, 0, header.length) == header.length && header[18] == 2 && header[19] == 2;
        } catch (IOException e) {
            return false; // the open reports what is wrong with the file
        }
    }

    /**
     * The database's stat and its WAL's together: a change to either is a change to the data. The key is the
     * database's identity.
     */
    public static Optional<FileStat> stat(Path file) {
        return FileStat.of(file).map(db -> wal(file).flatMap(FileStat::of)
                .map(w -> new FileStat(db.size() + w.size(), Math.max(db.mtime(), w.mtime()), db.fileKey()))
                .orElse(db));
    }
}
