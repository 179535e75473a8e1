package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.testkit.store.FileTokenCacheContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link FileTokenCacheContract} against the SQLite store, a fresh store file per instance. */
class SqliteFileTokenCacheContractTest extends FileTokenCacheContract {
    @RegisterExtension
    final FreshStores stores = new FreshStores();

    @Override
    protected FileTokenCache newCache() {
        return stores.open().fileTokenCache();
    }
}
