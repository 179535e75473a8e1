package dev.llmsession.testkit.store;

import dev.llmsession.spi.SnapshotHistory;

/** The {@link SnapshotHistoryContract} against the core's in-memory implementation. */
class InMemorySnapshotHistoryTest extends SnapshotHistoryContract {
    @Override
    protected SnapshotHistory newHistory() {
        return SnapshotHistory.inMemory();
    }
}
