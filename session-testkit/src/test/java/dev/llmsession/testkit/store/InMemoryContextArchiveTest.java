package dev.llmsession.testkit.store;

import dev.llmsession.spi.ContextArchive;

/** The {@link ContextArchiveContract} against the core's in-memory implementation. */
class InMemoryContextArchiveTest extends ContextArchiveContract {
    @Override
    protected ContextArchive newArchive() {
        return ContextArchive.inMemory();
    }
}
