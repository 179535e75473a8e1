package dev.llmsession.spi;

import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/** The {@link SnapshotHistory#inMemory()} history: maps guarded by this object's lock. */
final class InMemorySnapshotHistory implements SnapshotHistory {
    private final Map<SessionId, Session> latest = new HashMap<>();
    private final Map<SessionId, NavigableMap<Instant, SessionSample>> samples = new HashMap<>();

    @Override
    public synchronized void record(List<Snapshot> snapshots, Instant at) {
        Objects.requireNonNull(at, "at");
        Map<SessionId, Snapshot> last = new LinkedHashMap<>();
        snapshots.forEach(s -> last.put(s.session().id(), s));
        for (Snapshot s : last.values()) {
            SessionId id = s.session().id();
            latest.put(id, s.session());
            SessionSample now = sampleOf(s, at);
            NavigableMap<Instant, SessionSample> mine = samples.computeIfAbsent(id, k -> new TreeMap<>());
            Map.Entry<Instant, SessionSample> previous = mine.lastEntry();
            if (previous == null || !sameFigures(previous.getValue(), now)) {
                mine.put(at, now);
            }
        }
    }

    /** The figures a sample keeps: context tokens, total tokens (when known) and the health score. */
    static SessionSample sampleOf(Snapshot s, Instant at) {
        Session session = s.session();
        return new SessionSample(session.id(), at, session.context().tokens(),
                session.tokens().known() ? OptionalLong.of(session.tokens().total().total()) : OptionalLong.empty(),
                s.health().score().isPresent() ? OptionalInt.of(s.health().score().getAsInt()) : OptionalInt.empty());
    }

    private static boolean sameFigures(SessionSample a, SessionSample b) {
        return a.contextTokens().equals(b.contextTokens()) && a.totalTokens().equals(b.totalTokens())
                && a.healthScore().equals(b.healthScore());
    }

    @Override
    public synchronized List<Session> sessions(Query query) {
        Objects.requireNonNull(query, "query");
        return latest.values().stream()
                .filter(s -> query.since().map(t -> !s.lastActivityAt().isBefore(t)).orElse(true))
                .filter(s -> query.project().map(p -> s.project().filter(p::equals).isPresent()).orElse(true))
                .filter(s -> query.assistant().map(s.assistant()::equals).orElse(true))
                .sorted(Comparator.comparing(Session::lastActivityAt).reversed()
                        .thenComparing(s -> s.id().value()))
                .toList();
    }

    @Override
    public synchronized List<SessionSample> samples(SessionId id, Instant since) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(since, "since");
        NavigableMap<Instant, SessionSample> mine = samples.get(id);
        return mine == null ? List.of() : List.copyOf(mine.tailMap(since, true).values());
    }

    /** The project each recorded session had, by assistant and native id (what a ledger labels slices with). */
    synchronized Map<String, String> projects() {
        Map<String, String> out = new HashMap<>();
        latest.values().forEach(s -> s.project().ifPresent(p -> out.put(key(s.assistant(), s.id().nativeId()), p)));
        return out;
    }

    static String key(String assistant, String nativeId) {
        return assistant + "\u0000" + nativeId;
    }
}
