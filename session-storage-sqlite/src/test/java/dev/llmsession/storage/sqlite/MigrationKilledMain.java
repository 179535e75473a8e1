package dev.llmsession.storage.sqlite;

import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A process that dies in the middle of a migration ({@code MigrationKilledMain <store.db>}): it applies every
 * missing script in one transaction, as a store's opening does, with a page cache small enough that the changes
 * spill into the write-ahead log, then halts before the commit.
 */
final class MigrationKilledMain {
    static final int HALTED = 3;

    private MigrationKilledMain() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        Handle h = Jdbi.create("jdbc:sqlite:" + db).open();
        h.execute("PRAGMA cache_size = 2");
        h.begin();
        int version = Migrations.migrate(h, db, Migrations.LATEST, Clock.systemUTC());
        System.out.println("migrated to " + version + " in the open transaction");
        System.out.flush();
        Runtime.getRuntime().halt(HALTED);
    }
}
