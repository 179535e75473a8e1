package dev.llmsession.storage.sqlite;

import static dev.llmsession.storage.sqlite.TestSessions.entry;
import static dev.llmsession.storage.sqlite.TestSessions.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.TranscriptIndex;
import dev.llmsession.spi.TranscriptIndex.Commit;
import dev.llmsession.spi.TranscriptIndex.Entry;
import dev.llmsession.spi.TranscriptIndex.UsageRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SqliteTranscriptIndexTest {

    @TempDir
    Path dir;

    private SqliteSessionStore store;
    private TranscriptIndex index;

    @BeforeEach
    void open() {
        store = TestSessions.store(dir);
        index = store.index();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void load_emptyStore_returnsNoEntries() {
        assertThat(index.load("claude-code")).isEmpty();
    }

    @Test
    void commit_upserts_roundTripWithStateBytesIntact() {
        byte[] state = new byte[256];
        for (int i = 0; i < state.length; i++) {
            state[i] = (byte) i;
        }
        Entry binary = new Entry("/p/a.jsonl", "dev:1/ino:42", 1000, 1_700_000_000_123L, 990, state);

        index.commit("claude-code", new Commit(List.of(binary, entry("/p/b.jsonl", 5, "{}")), List.of(), Map.of()));

        Map<String, Entry> loaded = index.load("claude-code");
        assertThat(loaded).containsOnlyKeys("/p/a.jsonl", "/p/b.jsonl");
        Entry a = loaded.get("/p/a.jsonl");
        assertThat(a).usingRecursiveComparison().isEqualTo(binary);
        assertThat(a.state()).containsExactly(state);
        assertThat(index.load("cursor")).isEmpty();
    }

    @Test
    void commit_sameFileTwice_replacesUsageRowsInsteadOfDuplicating() {
        index.commit("claude-code", new Commit(List.of(entry("/p/a.jsonl", 10, "s1")), List.of(),
                Map.of("/p/a.jsonl", List.of(row("s", "m1|r1", 1), row("s", "m2|r2", 2)))));

        index.commit("claude-code", new Commit(List.of(entry("/p/a.jsonl", 20, "s2")), List.of(),
                Map.of("/p/a.jsonl", List.of(row("s", "m1|r1", 1), row("s", "m2|r2", 2), row("s", "m3|r3", 3)))));

        assertThat(store.usage("claude-code")).extracting(UsageRow::callKey).containsExactly("m1|r1", "m2|r2", "m3|r3");
        assertThat(index.load("claude-code").get("/p/a.jsonl").offset()).isEqualTo(20);
    }

    @Test
    void commit_rowsAlreadyStored_areLeftInPlace_changedOnesReplaced() {
        UsageRow unpriced = new UsageRow("s", "m2|r2", 1_700_000_000_002L, "mystery", 2, 4, 3, 4, Double.NaN, true);
        index.commit("claude-code", new Commit(List.of(), List.of(),
                Map.of("/p/a.jsonl", List.of(row("s", "m1|r1", 1), unpriced))));
        index.commit("claude-code", new Commit(List.of(), List.of(), Map.of("/p/b.jsonl", List.of(row("t", "b1", 5)))));
        Map<String, Long> before = rowIds();

        // the same rows (one without a price), in another order: nothing is written
        index.commit("claude-code", new Commit(List.of(), List.of(),
                Map.of("/p/a.jsonl", List.of(unpriced, row("s", "m1|r1", 1)), "/p/empty.jsonl", List.of())));
        assertThat(rowIds()).isEqualTo(before);

        // one figure differs: the path's rows are replaced, the other path's stay
        index.commit("claude-code", new Commit(List.of(), List.of(),
                Map.of("/p/a.jsonl", List.of(row("s", "m1|r1", 7), unpriced))));
        assertThat(rowIds()).containsEntry("/p/b.jsonl|b1", before.get("/p/b.jsonl|b1"))
                .doesNotContainEntry("/p/a.jsonl|m1|r1", before.get("/p/a.jsonl|m1|r1"));
        assertThat(store.usage("claude-code")).containsExactlyInAnyOrder(row("s", "m1|r1", 7), unpriced,
                row("t", "b1", 5));

        // fewer rows: the missing one goes
        index.commit("claude-code", new Commit(List.of(), List.of(), Map.of("/p/a.jsonl", List.of(unpriced))));
        assertThat(store.usage("claude-code")).containsExactlyInAnyOrder(unpriced, row("t", "b1", 5));
    }

    @Test
    void commit_morePathsThanOneLookUp_unchangedOnesLeftInPlace_changedOneReplaced() {
        // more paths, files and sessions than one IN (…) look-up takes: the stored ids and rows are found in every batch
        int n = SqliteDatabase.LOAD_BATCH * 2 + 7;
        Map<String, List<UsageRow>> rows = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            rows.put("/p/f" + i + ".jsonl", List.of(row("s" + i, "k" + i, i + 1)));
        }
        index.commit("claude-code", new Commit(List.of(), List.of(), rows));
        Map<String, Long> before = rowIds();

        index.commit("claude-code", new Commit(List.of(), List.of(), rows));
        assertThat(rowIds()).isEqualTo(before);

        Map<String, List<UsageRow>> oneChanged = new java.util.TreeMap<>(rows);
        String last = "/p/f" + (n - 1) + ".jsonl";
        oneChanged.put(last, List.of(row("s" + (n - 1), "k" + (n - 1), 999)));
        index.commit("claude-code", new Commit(List.of(), List.of(), oneChanged));
        Map<String, Long> after = rowIds();
        assertThat(after).hasSize(n).doesNotContainEntry(last + "|k" + (n - 1), before.get(last + "|k" + (n - 1)));
        after.remove(last + "|k" + (n - 1));
        before.remove(last + "|k" + (n - 1));
        assertThat(after).isEqualTo(before);
        assertThat(store.usage("claude-code")).contains(row("s" + (n - 1), "k" + (n - 1), 999)).hasSize(n);
    }

    /** Each usage row's rowid by path and call key: a row written again gets a new one. */
    private Map<String, Long> rowIds() {
        return store.query(h -> {
            Map<String, Long> out = new java.util.HashMap<>();
            h.createQuery("SELECT u.rowid, f.path, u.call_key FROM usage u JOIN usage_file f ON f.id = u.file_id")
                    .map((rs, ctx) -> {
                out.put(rs.getString("path") + "|" + rs.getString("call_key"), rs.getLong("rowid"));
                return null;
            }).list();
            return out;
        });
    }

    @Test
    void commit_rowsBuiltAsTheyAreIterated_areTakenOnce_theLastOfACallKeyWinning() {
        int[] iterations = {0};
        List<UsageRow> given = List.of(row("s", "k1", 1), row("s", "k2", 2), row("t", "k1", 3), row("s", "k3", 4));
        List<UsageRow> lazy = new java.util.AbstractList<>() {
            @Override
            public UsageRow get(int i) {
                return given.get(i);
            }

            @Override
            public int size() {
                return given.size();
            }

            @Override
            public java.util.Iterator<UsageRow> iterator() {
                iterations[0]++;
                return super.iterator();
            }
        };

        index.commit("claude-code", new Commit(List.of(), List.of(), Map.of("/p/b.jsonl", lazy,
                "/p/a.jsonl", List.of(row("u", "a1", 5)))));

        assertThat(iterations[0]).isEqualTo(1);
        assertThat(store.usage("claude-code")).extracting(UsageRow::callKey, UsageRow::sessionId, UsageRow::input)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("k2", "s", 2L),
                        org.assertj.core.groups.Tuple.tuple("k1", "t", 3L),
                        org.assertj.core.groups.Tuple.tuple("k3", "s", 4L),
                        org.assertj.core.groups.Tuple.tuple("a1", "u", 5L));
    }

    @Test
    void commit_manyRows_moreThanOneDriverBatch_storesEveryRow() {
        List<UsageRow> rows = new ArrayList<>();
        for (int i = 0; i < SqliteDatabase.Chunked.ROWS * 2 + 7; i++) {
            rows.add(new UsageRow("s" + (i % 3), "k" + i, i, "m", i, 2 * i, 3, 4, i % 5 == 0 ? Double.NaN : i / 10.0,
                    i % 2 == 0));
        }

        index.commit("claude-code", new Commit(List.of(), List.of(), Map.of("/p/a.jsonl", rows)));

        assertThat(store.usage("claude-code")).containsExactlyElementsOf(rows); // a record's equals: NaN equals NaN
    }

    @Test
    void commit_removedPath_dropsEntryAndItsUsageOnly() {
        index.commit("claude-code", new Commit(List.of(entry("/p/a.jsonl", 10, "a"), entry("/p/b.jsonl", 10, "b")),
                List.of(), Map.of("/p/a.jsonl", List.of(row("s", "a1", 1)), "/p/b.jsonl", List.of(row("t", "b1", 2)))));

        index.commit("claude-code", new Commit(List.of(), List.of("/p/a.jsonl"), Map.of()));

        assertThat(index.load("claude-code")).containsOnlyKeys("/p/b.jsonl");
        assertThat(store.usage("claude-code")).extracting(UsageRow::callKey).containsExactly("b1");
    }

    @Test
    void commit_unpricedCall_keepsCostUnknownNotZero() {
        UsageRow unpriced = new UsageRow("s", "k", 5, "mystery-model", 1, 2, 3, 4, Double.NaN, true);

        index.commit("claude-code", new Commit(List.of(entry("/p/a.jsonl", 1, "")), List.of(),
                Map.of("/p/a.jsonl", List.of(unpriced))));

        UsageRow stored = store.usage("claude-code").get(0);
        assertThat(stored.costUsd()).isNaN();
        assertThat(stored.sidechain()).isTrue();
        assertThat(store.<Long>query(h -> h.createQuery("SELECT COUNT(*) FROM usage WHERE cost_usd IS NULL")
                .mapTo(Long.class).one())).isEqualTo(1L);
    }

    @Test
    void clearIndex_afterCommits_forgetsEntriesAndUsage() {
        index.commit("claude-code", new Commit(List.of(entry("/p/a.jsonl", 1, "")), List.of(),
                Map.of("/p/a.jsonl", List.of(row("s", "k", 1)))));

        store.clearIndex();

        assertThat(index.load("claude-code")).isEmpty();
        assertThat(store.usage("claude-code")).isEmpty();
    }

    @Test
    void load_afterReopen_seesCommittedEntries() {
        index.commit("claude-code", new Commit(List.of(entry("/p/a.jsonl", 7, "x")), List.of(), Map.of()));

        try (SqliteSessionStore reopened = TestSessions.store(dir)) {
            assertThat(reopened.index().load("claude-code")).containsOnlyKeys("/p/a.jsonl");
        }
    }

    @Test
    void loadPaths_returnsExactlyTheRequestedEntries_ofThatAdapter() {
        index.commit("claude-code", new Commit(List.of(entry("/p/a.jsonl", 1, "a"), entry("/p/b.jsonl", 2, "b"),
                entry("/p/c.jsonl", 3, "c")), List.of(), Map.of()));
        index.commit("cursor", new Commit(List.of(entry("/p/a.jsonl", 9, "x")), List.of(), Map.of()));

        Map<String, Entry> loaded = index.load("claude-code", List.of("/p/a.jsonl", "/p/c.jsonl", "/p/missing.jsonl",
                "/p/a.jsonl"));

        assertThat(loaded).containsOnlyKeys("/p/a.jsonl", "/p/c.jsonl");
        assertThat(loaded.get("/p/c.jsonl")).usingRecursiveComparison().isEqualTo(entry("/p/c.jsonl", 3, "c"));
        assertThat(index.load("claude-code", List.of())).isEmpty();
    }

    @Test
    void loadPaths_moreThanOneBatch_returnsEveryRequestedEntry() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            entries.add(entry("/p/f" + i + ".jsonl", i, "s" + i));
        }
        index.commit("claude-code", new Commit(entries, List.of(), Map.of()));
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 1_234; i += 2) {
            wanted.add("/p/f" + i + ".jsonl");
        }
        wanted.add("/p/none.jsonl");

        Map<String, Entry> loaded = index.load("claude-code", wanted);

        assertThat(wanted.size()).isGreaterThan(SqliteDatabase.LOAD_BATCH);
        assertThat(loaded).hasSize(617);
        assertThat(loaded.keySet()).allMatch(p -> wanted.contains(p));
        assertThat(loaded.get("/p/1000.jsonl")).isNull();
        assertThat(loaded.get("/p/f1000.jsonl")).usingRecursiveComparison()
                .isEqualTo(entry("/p/f1000.jsonl", 1000, "s1000"));
    }
}
