package dev.llmsession.cli;

import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import dev.llmsession.spi.ContextArchive;
import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SessionStoreProvider;
import dev.llmsession.spi.SnapshotHistory;
import dev.llmsession.spi.SpiVersion;
import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.spi.UsageLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The core's in-memory store, counting what the commands did with it, for the commands that need a store. */
final class FakeStoreProvider implements SessionStoreProvider {
    final Map<String, Session> recorded = new LinkedHashMap<>();
    final AtomicInteger cleared = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicReference<ProviderContext> seen = new AtomicReference<>();
    final List<String> notices = new ArrayList<>();
    /** Outlives each run's store, as the SQLite table does. */
    final FileTokenCache tokenCache = FileTokenCache.inMemory();
    /** When set, create() fails with this message, as a store with a newer schema does. */
    String createFailure;

    @Override
    public String id() {
        return "fake-store";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public SessionStore create(ProviderContext context) {
        seen.set(context);
        if (createFailure != null) {
            throw new IllegalStateException(createFailure);
        }
        SessionStore memory = SessionStore.inMemory();
        SnapshotHistory history = new SnapshotHistory() {
            @Override
            public void record(List<Snapshot> snapshots, Instant at) {
                snapshots.forEach(s -> recorded.put(s.session().id().value(), s.session()));
                memory.history().record(snapshots, at);
            }

            @Override
            public List<Session> sessions(Query query) {
                return memory.history().sessions(query);
            }

            @Override
            public List<SessionSample> samples(SessionId id, Instant since) {
                return memory.history().samples(id, since);
            }
        };
        return new SessionStore() {
            @Override
            public TranscriptIndex index() {
                return memory.index();
            }

            @Override
            public SnapshotHistory history() {
                return history;
            }

            @Override
            public UsageLedger ledger() {
                return memory.ledger();
            }

            @Override
            public ContextArchive contexts() {
                return memory.contexts();
            }

            @Override
            public void clearIndex() {
                cleared.incrementAndGet();
                memory.clearIndex();
            }

            @Override
            public List<String> takeNotices() {
                List<String> out = List.copyOf(notices);
                notices.clear();
                return out;
            }

            @Override
            public FileTokenCache fileTokenCache() {
                return tokenCache;
            }

            @Override
            public List<String> describe() {
                return List.of("location: (memory)", "sessions: " + recorded.size());
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }
}
