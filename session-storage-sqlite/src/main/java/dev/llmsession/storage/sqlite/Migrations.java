package dev.llmsession.storage.sqlite;

import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The numbered schema scripts ({@code db/V<n>__*.sql}) and the code that applies the missing ones in order. */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** The table that records every applied version; created before any script runs. */
    static final String SCHEMA_VERSION_DDL = "CREATE TABLE IF NOT EXISTS schema_version ("
            + "version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL)";

    /** One numbered script. */
    record Migration(int version, String resource) {
        String sql() {
            try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing migration resource " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "db/V1__index_and_usage.sql"),
            new Migration(2, "db/V2__sessions_and_samples.sql"),
            new Migration(3, "db/V3__imported_contexts.sql"),
            new Migration(5, "db/V5__token_file_cache.sql"),
            new Migration(6, "db/V6__usage_ids.sql"));

    /** The newest schema version this code understands. */
    static final int LATEST = ALL.get(ALL.size() - 1).version();

    private Migrations() {
    }

    /** The recorded schema version, 0 for a store without one. Runs inside the caller's transaction. */
    static int version(Handle h) {
        h.execute(SCHEMA_VERSION_DDL);
        return h.createQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version").mapTo(Integer.class).one();
    }

    /**
     * Applies every script newer than the store's version up to {@code target}, inside the caller's (write)
     * transaction, and returns the resulting version. A store newer than this code is refused.
     */
    static int migrate(Handle h, Path db, int target, Clock clock) {
        int current = version(h);
        if (current > LATEST) {
            throw new StoreException(ErrorCode.DATA, db + " has schema version " + current
                    + "; this llm-session understands up to " + LATEST
                    + " — upgrade llm-session or use --data-dir");
        }
        for (Migration m : ALL) {
            if (m.version() > current && m.version() <= target) {
                LOG.debug("applying schema migration {} to {}", m.resource(), db);
                script(h, m);
                h.createUpdate("INSERT INTO schema_version (version, applied_at) VALUES (:v, :at)")
                        .bind("v", m.version()).bind("at", clock.millis()).execute();
                current = m.version();
            }
        }
        return current;
    }

    /**
     * Runs {@code m}'s statements in order through SQLite's own {@code sqlite3_exec} (sqlite-jdbc's
     * {@code executeUpdate} takes a whole script), inside the caller's transaction. JDBI's script runner splits the
     * text with its generated lexers first, which a fresh JVM runs in the interpreter: creating a new store spent
     * most of its ~100 ms there, on every first index.
     */
    private static void script(Handle h, Migration m) {
        try (Statement statement = h.getConnection().createStatement()) {
            statement.executeUpdate(m.sql());
        } catch (SQLException e) {
            throw new IllegalStateException("schema migration " + m.resource() + " failed", e);
        }
    }
}
