package dev.llmsession.storage.sqlite;

import dev.llmsession.testkit.store.UsageLedgerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link UsageLedgerContract} against the SQLite store, a fresh store file per instance. */
class SqliteUsageLedgerContractTest extends UsageLedgerContract {
    @RegisterExtension
    final FreshStores stores = new FreshStores();

    @Override
    protected Parts newParts() {
        return Parts.of(stores.open());
    }
}
