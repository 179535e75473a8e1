package dev.llmsession.storage.postgres;

import dev.llmsession.spi.ContextArchive;
import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.spi.UsageLedger;
import java.util.List;
import java.util.Objects;

/**
 * One machine's store on PostgreSQL: the five local roles over the {@code machine_*} tables of the team database,
 * every row keyed by the machine and readable only by it (V4). The same contracts as the in-memory and SQLite
 * stores hold for it. No command selects it: the local store stays SQLite (local-first, no network wait in a
 * {@code list}); it is here for embedders that keep a machine's store on a server, and the team sync never reads
 * it. Thread-safe.
 */
final class PostgresSessionStore implements SessionStore {
    private final TeamDatabase db;
    private final String machine;
    private final PostgresTranscriptIndex index;
    private final PostgresSnapshotHistory history;
    private final PostgresUsageLedger ledger;
    private final PostgresContextArchive contexts;
    private final PostgresFileTokenCache tokens;

    private PostgresSessionStore(TeamDatabase db, String machine) {
        this.db = db;
        this.machine = machine;
        this.index = new PostgresTranscriptIndex(db, machine);
        this.history = new PostgresSnapshotHistory(db, machine);
        this.ledger = new PostgresUsageLedger(db, machine);
        this.contexts = new PostgresContextArchive(db, machine);
        this.tokens = new PostgresFileTokenCache(db, machine);
    }

    /** Connects as {@code settings} say, migrates when behind (and this login may), serves {@code machine}'s rows. */
    static PostgresSessionStore open(TeamConnection settings, String machine) {
        Objects.requireNonNull(machine, "machine");
        TeamDatabase db = new TeamDatabase(settings);
        try {
            db.write(h -> TeamMigrations.migrate(h, TeamMigrations.LATEST, settings.where()));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return new PostgresSessionStore(db, machine);
    }

    @Override
    public TranscriptIndex index() {
        return index;
    }

    @Override
    public SnapshotHistory history() {
        return history;
    }

    @Override
    public UsageLedger ledger() {
        return ledger;
    }

    @Override
    public ContextArchive contexts() {
        return contexts;
    }

    @Override
    public FileTokenCache fileTokenCache() {
        return tokens;
    }

    @Override
    public void clearIndex() {
        index.clear();
    }

    @Override
    public List<String> describe() {
        return db.read(h -> List.of("store: PostgreSQL " + db.where() + ", machine "
                        + TeamConnection.printable(machine),
                "files indexed: " + count(h, "machine_indexed_file") + ", usage rows: " + count(h, "machine_usage")
                        + ", sessions: " + count(h, "machine_session") + ", samples: " + count(h, "machine_sample")));
    }

    private long count(org.jdbi.v3.core.Handle h, String table) {
        // the table name is one of the fixed names above, never input
        return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE machine = :machine").bind("machine", machine)
                .mapTo(Long.class).one();
    }

    @Override
    public void close() {
        db.close();
    }
}
