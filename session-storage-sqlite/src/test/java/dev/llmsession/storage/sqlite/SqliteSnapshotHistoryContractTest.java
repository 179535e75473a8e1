package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.testkit.store.SnapshotHistoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link SnapshotHistoryContract} against the SQLite store, a fresh store file per instance. */
class SqliteSnapshotHistoryContractTest extends SnapshotHistoryContract {
    @RegisterExtension
    final FreshStores stores = new FreshStores();

    @Override
    protected SnapshotHistory newHistory() {
        return stores.open().history();
    }
}
