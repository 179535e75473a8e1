package dev.llmsession.storage.sqlite;

import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SnapshotHistory.Snapshot;
import dev.llmsession.spi.TranscriptIndex.Entry;
import dev.llmsession.spi.TranscriptIndex.UsageRow;
import dev.llmsession.testkit.store.StoreFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Hand-built sessions, snapshots, index entries and contexts for the store tests. */
final class TestSessions {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:30:15Z"), ZoneOffset.UTC);

    private TestSessions() {
    }

    static ProviderContext context(Path home, Map<String, String> env, Map<String, String> settings) {
        return new ProviderContext(home, env, CLOCK, settings);
    }

    /** A store in {@code dir}, opened through the provider. */
    static SqliteSessionStore store(Path dir) {
        return (SqliteSessionStore) new SqliteStoreProvider()
                .create(context(dir, Map.of(), Map.of(SqliteStoreProvider.DIR_SETTING, dir.toString())));
    }

    /** A session whose context and tokens follow {@code contextTokens}; {@code -1} means unknown. */
    static Session session(String nativeId, String cwd, Instant lastActivity, long contextTokens) {
        return StoreFixtures.session(nativeId, cwd, lastActivity, contextTokens);
    }

    static HealthReport health(Session s, OptionalInt score) {
        return new HealthReport(s.id(), score, score.isPresent() ? HealthLevel.of(score.getAsInt())
                : HealthLevel.UNKNOWN, List.of(), List.of());
    }

    static Snapshot snapshot(String nativeId, long contextTokens, int score) {
        Session s = session(nativeId, "/work/" + nativeId, T0.plusSeconds(contextTokens % 1000), contextTokens);
        return new Snapshot(s, health(s, OptionalInt.of(score)));
    }

    static Entry entry(String path, long offset, String state) {
        return new Entry(path, "inode-" + path.hashCode(), offset + 10, 1_700_000_000_000L + offset, offset,
                state.getBytes(StandardCharsets.UTF_8));
    }

    static UsageRow row(String session, String key, long in) {
        return new UsageRow(session, key, 1_700_000_000_000L + in, "claude-opus-4-5", in, 2 * in, 3, 4, 0.5, false);
    }
}
