package dev.llmsession.testkit.store;

import dev.llmsession.spi.FileTokenCache;

/** The {@link FileTokenCacheContract} against the core's in-memory implementation. */
class InMemoryFileTokenCacheTest extends FileTokenCacheContract {
    @Override
    protected FileTokenCache newCache() {
        return FileTokenCache.inMemory();
    }
}
