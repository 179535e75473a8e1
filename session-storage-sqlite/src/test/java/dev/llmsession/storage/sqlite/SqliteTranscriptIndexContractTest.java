package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.testkit.store.TranscriptIndexContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link TranscriptIndexContract} against the SQLite store, a fresh store file per instance. */
class SqliteTranscriptIndexContractTest extends TranscriptIndexContract {
    @RegisterExtension
    final FreshStores stores = new FreshStores();

    @Override
    protected TranscriptIndex newIndex() {
        return stores.open().index();
    }
}
