package dev.llmsession.storage.sqlite;

import dev.llmsession.spi.SnapshotHistory.Query;
import dev.llmsession.spi.SnapshotHistory.Snapshot;
import dev.llmsession.spi.TranscriptIndex.Commit;
import dev.llmsession.spi.TranscriptIndex.Entry;
import dev.llmsession.spi.TranscriptIndex.UsageRow;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One writer of the concurrency tests, runnable in a thread or as its own JVM
 * ({@code StoreWriterMain <dir> <worker> <iterations>}): every iteration commits a file all workers share
 * (same rows each time), one of its own files, a temporary file it removes the next iteration, reads the
 * index and records sessions, some shared with the other workers.
 */
final class StoreWriterMain {
    static final int SHARED_KEYS = 5;
    static final int OWN_FILES = 20;
    static final int ROWS_PER_OWN_FILE = 3;

    private StoreWriterMain() {
    }

    public static void main(String[] args) {
        try (SqliteSessionStore store = SqliteSessionStore.open(Path.of(args[0]).resolve("store.db"),
                Clock.systemUTC())) {
            run(store, args[1], Integer.parseInt(args[2]));
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Usage rows the store must hold once every worker ran an even number of iterations (at least 20). */
    static long expectedRows(int workers) {
        return SHARED_KEYS + (long) workers * OWN_FILES * ROWS_PER_OWN_FILE;
    }

    static void run(SqliteSessionStore store, String worker, int iterations) {
        if (iterations % 2 != 0 || iterations < OWN_FILES) {
            throw new IllegalArgumentException("iterations must be even and at least " + OWN_FILES);
        }
        for (int i = 0; i < iterations; i++) {
            List<Entry> upserts = new ArrayList<>();
            Map<String, List<UsageRow>> usage = new HashMap<>();
            List<UsageRow> shared = new ArrayList<>();
            for (int k = 0; k < SHARED_KEYS; k++) {
                shared.add(row("shared", "shared-" + k));
            }
            upserts.add(TestSessions.entry("/shared.jsonl", 100, "shared"));
            usage.put("/shared.jsonl", shared);
            String own = "/" + worker + "-" + (i % OWN_FILES) + ".jsonl";
            upserts.add(TestSessions.entry(own, i, worker + i));
            List<UsageRow> ownRows = new ArrayList<>();
            for (int k = 0; k < ROWS_PER_OWN_FILE; k++) {
                ownRows.add(row(worker, "c" + k));
            }
            usage.put(own, ownRows);
            String tmp = "/" + worker + "-tmp.jsonl";
            List<String> removed = new ArrayList<>();
            if (i % 2 == 0) {
                upserts.add(TestSessions.entry(tmp, i, "tmp"));
                usage.put(tmp, List.of(row(worker, "t0"), row(worker, "t1")));
            } else {
                removed.add(tmp);
            }
            store.index().commit("claude-code", new Commit(upserts, removed, usage));
            store.index().load("claude-code");
            List<Snapshot> snapshots = List.of(TestSessions.snapshot("shared", 1000 + i % 7, 90),
                    TestSessions.snapshot(worker, 2000 + i, 80 - i % 3));
            store.history().record(snapshots, TestSessions.T0.plusMillis(i));
            if (i % 25 == 0) {
                store.history().sessions(new Query(Optional.empty(), Optional.empty(), Optional.empty()));
            }
        }
    }

    private static UsageRow row(String session, String key) {
        return new UsageRow(session, key, 1_700_000_000_000L, "claude-opus-4-5", 1, 1, 1, 1, 0.01, false);
    }
}
