package dev.llmsession.storage.sqlite;

import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.StoreException;
import dev.llmsession.spi.DataDirectory;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SessionStoreProvider;
import dev.llmsession.spi.SpiVersion;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code ServiceLoader} entry of the SQLite store. Thread-safe and stateless; does no I/O until
 * {@link #create(ProviderContext)} or {@link #warmUp(ProviderContext)}.
 */
public final class SqliteStoreProvider implements SessionStoreProvider {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqliteStoreProvider.class);
    /** Provider id. */
    public static final String ID = "sqlite";
    /** Setting naming the store directory (the CLI's {@code --data-dir}); wins over every other source. */
    public static final String DIR_SETTING = DataDirectory.SETTING;
    /** Name of the database file inside the store directory. */
    public static final String FILE_NAME = "store.db";

    public SqliteStoreProvider() {
        // ServiceLoader entry: no I/O here.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public SessionStore create(ProviderContext context) {
        Path dir = directory(context);
        ensureDirectory(dir);
        SqliteNative.prepare(context.tempDirectory());
        return SqliteSessionStore.open(dir.resolve(FILE_NAME), context.clock());
    }

    /**
     * Unpacks (or finds) SQLite's native library where {@link #create} would, and runs a first statement against a
     * private in-memory database: the work of a store's opening that does not depend on which store.
     */
    @Override
    public void warmUp(ProviderContext context) {
        try {
            SqliteNative.prepare(context.tempDirectory());
            SqliteDatabase.warmUp();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("warm-up failed (the store's opening will tell): {}", e.toString());
        }
    }

    /** Where the store lives: {@link DataDirectory} (one rule for every file llm-session keeps). */
    static Path directory(ProviderContext context) {
        return DataDirectory.of(context);
    }

    static Path directory(ProviderContext context, String osName) {
        return DataDirectory.of(context, osName);
    }

    /** Creates the directory owner-only (0700 where POSIX) and checks it can be written. */
    static void ensureDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                        Files.createDirectory(dir,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    } else {
                        Files.createDirectory(dir);
                    }
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(dir)) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException(ErrorCode.IO, "cannot create the store directory " + dir + " ("
                    + describe(e) + "); set --data-dir or LLM_SESSION_HOME to a writable directory", e);
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException(ErrorCode.IO, "cannot write the store directory " + dir
                    + "; set --data-dir or LLM_SESSION_HOME to a writable directory");
        }
    }

    private static String describe(Exception e) {
        String kind = e instanceof FileAlreadyExistsException ? "a file is in the way" : e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage().replace('\n', ' ');
    }
}
