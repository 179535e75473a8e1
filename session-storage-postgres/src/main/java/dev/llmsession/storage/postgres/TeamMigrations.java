package dev.llmsession.storage.postgres;

import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbered schema scripts ({@code V<n>__*.sql} beside this class) and the code that applies the missing ones,
 * in one transaction, under an advisory lock so that machines starting together migrate once.
 */
final class TeamMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(TeamMigrations.class);
    /** Any fixed number: the advisory lock every migrating llm-session takes. */
    private static final long LOCK = 0x6c6c6d5f7465616dL;

    record Migration(int version, String resource) {
        String sql() {
            try (InputStream in = TeamMigrations.class.getResourceAsStream(resource)) {
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
            new Migration(1, "V1__team_tables.sql"),
            new Migration(2, "V2__roles_and_row_security.sql"),
            new Migration(3, "V3__usage_hour_rollup.sql"),
            new Migration(4, "V4__machine_store.sql"));

    static final int LATEST = ALL.get(ALL.size() - 1).version();

    private TeamMigrations() {
    }

    /** The recorded version, 0 for an empty database. */
    static int version(Handle h) {
        boolean exists = h.createQuery("SELECT to_regclass('team_schema_version') IS NOT NULL")
                .mapTo(Boolean.class).one();
        return exists ? h.createQuery("SELECT COALESCE(MAX(version), 0) FROM team_schema_version")
                .mapTo(Integer.class).one() : 0;
    }

    /**
     * Brings the schema to {@code target} inside the caller's transaction and returns the version reached; a
     * schema newer than this code is refused, and a role that may not migrate is told who can.
     */
    static int migrate(Handle h, int target, String where) {
        int current = version(h);
        if (current > LATEST) {
            throw new StoreException(ErrorCode.DATA, "the team database " + where + " has schema version " + current
                    + "; this llm-session understands up to " + LATEST + ": upgrade llm-session");
        }
        if (current >= target) {
            return current;
        }
        h.createQuery("SELECT pg_advisory_xact_lock(:k) IS NULL").bind("k", LOCK).mapTo(Boolean.class).one();
        current = version(h); // another machine may have migrated while we waited
        try {
            h.execute("CREATE TABLE IF NOT EXISTS team_schema_version (version integer PRIMARY KEY, "
                    + "applied_at timestamptz NOT NULL DEFAULT now())");
            for (Migration m : ALL) {
                if (m.version() > current && m.version() <= target) {
                    LOG.debug("applying team schema migration {} to {}", m.resource(), where);
                    // The driver splits a script into statements itself, dollar-quoted blocks included.
                    try (Statement st = h.getConnection().createStatement()) {
                        st.execute(m.sql());
                    }
                    h.createUpdate("INSERT INTO team_schema_version (version) VALUES (:v)")
                            .bind("v", m.version()).execute();
                    current = m.version();
                }
            }
        } catch (java.sql.SQLException e) {
            throw new StoreException(ErrorCode.IO, "cannot bring the team database " + where + " to schema version "
                    + target + " (" + e.getMessage().replace('\n', ' ') + "); the database owner runs "
                    + "`llm-session team sync` once to migrate it (docs/team.md)", e);
        }
        return current;
    }
}
