package dev.llmsession.testkit;

import dev.llmsession.spi.TranscriptIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link TranscriptIndex} that also keeps the usage rows each commit hands it, per path as the store
 * does (a commit replaces a path's rows, a removed path loses them): what an adapter gives the usage ledger.
 */
public final class RecordingIndex implements TranscriptIndex {
    private TranscriptIndex entries = TranscriptIndex.inMemory();
    private final Map<String, List<UsageRow>> rows = new HashMap<>();

    @Override
    public synchronized Map<String, Entry> load(String adapterId) {
        return entries.load(adapterId);
    }

    @Override
    public synchronized void commit(String adapterId, Commit commit) {
        entries.commit(adapterId, commit);
        commit.removed().forEach(rows::remove);
        rows.putAll(commit.usage());
    }

    /** Forgets every entry and row, as {@code doctor --rebuild-index} clears the store's index. */
    public synchronized void clear() {
        entries = TranscriptIndex.inMemory();
        rows.clear();
    }

    /** Every row the index holds now, over all paths. */
    public synchronized List<UsageRow> rows() {
        List<UsageRow> out = new ArrayList<>();
        rows.values().forEach(out::addAll);
        return out;
    }
}
