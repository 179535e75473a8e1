package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.ContextArchive;
import dev.llmsession.testkit.store.ContextArchiveContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link ContextArchiveContract} against the SQLite store, a fresh store file per instance. */
class SqliteContextArchiveContractTest extends ContextArchiveContract {
    @RegisterExtension
    final FreshStores stores = new FreshStores();

    @Override
    protected ContextArchive newArchive() {
        return stores.open().contexts();
    }
}
