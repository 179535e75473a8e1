package dev.llmsession.cli;

import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SessionStoreProvider;
import dev.llmsession.spi.SpiVersion;
import dev.llmsession.spi.TranscriptIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An in-memory store that remembers what it was told, for the commands that need a store. */
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
        TranscriptIndex index = TranscriptIndex.inMemory();
        return new SessionStore() {
            @Override
            public TranscriptIndex index() {
                return index;
            }

            @Override
            public void record(List<Snapshot> snapshots, Instant at) {
                snapshots.forEach(s -> recorded.put(s.session().id().value(), s.session()));
            }

            @Override
            public List<Session> history(HistoryQuery query) {
                return recorded.values().stream()
                        .filter(s -> query.since().map(t -> !s.lastActivityAt().isBefore(t)).orElse(true))
                        .filter(s -> query.project().map(p -> s.project().orElse("").equals(p)).orElse(true))
                        .sorted(Comparator.comparing(Session::lastActivityAt).reversed())
                        .toList();
            }

            @Override
            public List<SessionSample> samples(SessionId id, Instant since) {
                return List.of();
            }

            @Override
            public void clearIndex() {
                cleared.incrementAndGet();
            }

            @Override
            public List<String> takeNotices() {
                List<String> out = List.copyOf(notices);
                notices.clear();
                return out;
            }

            @Override
            public Optional<FileTokenCache> fileTokenCache() {
                return Optional.of(tokenCache);
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
