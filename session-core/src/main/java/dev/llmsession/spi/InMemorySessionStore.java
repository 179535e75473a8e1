package dev.llmsession.spi;

import java.util.List;

/**
 * The {@link SessionStore#inMemory()} store: every role in this process's memory, for embedders that want history
 * and usage reports for the life of one process, and as the reference the role contract tests check stores against.
 */
final class InMemorySessionStore implements SessionStore {
    private final InMemoryTranscriptIndex index = new InMemoryTranscriptIndex(true);
    private final InMemorySnapshotHistory history = new InMemorySnapshotHistory();
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger(index, history);
    private final ContextArchive contexts = new InMemoryContextArchive();
    private final FileTokenCache tokens = new InMemoryFileTokenCache();

    @Override
    public TranscriptIndex index() {
        return index;
    }

    @Override
    public SnapshotHistory history() {
        return history;
    }

    @Override
    public UsageLedger ledger() {
        return ledger;
    }

    @Override
    public ContextArchive contexts() {
        return contexts;
    }

    @Override
    public FileTokenCache fileTokenCache() {
        return tokens;
    }

    @Override
    public void clearIndex() {
        index.clear();
    }

    @Override
    public List<String> describe() {
        return List.of("store: in memory (forgotten when the process exits)");
    }

    @Override
    public void close() {
        // nothing to release
    }
}
