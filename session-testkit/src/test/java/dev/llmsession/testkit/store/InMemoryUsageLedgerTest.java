package dev.llmsession.testkit.store;

import dev.llmsession.spi.SessionStore;

/** The {@link UsageLedgerContract} against the core's in-memory implementation. */
class InMemoryUsageLedgerTest extends UsageLedgerContract {
    @Override
    protected Parts newParts() {
        return Parts.of(SessionStore.inMemory());
    }
}
