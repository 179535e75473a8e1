package dev.llmsession.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

final class ConcurrentWritersTest {
    private static final int ITERATIONS = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void commitAndRecord_threeThreadsOnTwoStoreInstances_noErrorNoDoubleCount() throws Exception {
        SqliteSessionStore first = TestSessions.store(dir);
        SqliteSessionStore second = TestSessions.store(dir);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> runs = List.of(
                    pool.submit(() -> StoreWriterMain.run(first, "t1", ITERATIONS)),
                    pool.submit(() -> StoreWriterMain.run(second, "t2", ITERATIONS)),
                    pool.submit(() -> StoreWriterMain.run(first, "t3", ITERATIONS)));
            for (Future<?> run : runs) {
                run.get(); // rethrows any failure of a writer
            }
        } finally {
            pool.shutdownNow();
        }

        assertConsistent(first, 3, List.of("t1", "t2", "t3"));
        first.close();
        second.close();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void commitAndRecord_twoJvmsAndThisOne_noErrorNoDoubleCount() throws Exception {
        TestSessions.store(dir).close(); // both children open an existing store; migration races are tested below
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (String worker : List.of("jvm1", "jvm2")) {
            Path log = dir.resolve(worker + ".log");
            logs.add(log);
            children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    StoreWriterMain.class.getName(), dir.toString(), worker, String.valueOf(ITERATIONS))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        try (SqliteSessionStore mine = TestSessions.store(dir)) {
            StoreWriterMain.run(mine, "local", ITERATIONS);
            for (int i = 0; i < children.size(); i++) {
                assertThat(children.get(i).waitFor(150, TimeUnit.SECONDS)).as("child finished").isTrue();
                assertThat(children.get(i).exitValue()).as(Files.readString(logs.get(i))).isZero();
            }
            assertConsistent(mine, 3, List.of("jvm1", "jvm2", "local"));
        } finally {
            children.forEach(Process::destroyForcibly);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void open_manyThreadsOnFreshDirectory_migrateOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opened.add(pool.submit(() -> {
                    try (SqliteSessionStore s = TestSessions.store(dir)) {
                        return s.schemaVersion();
                    }
                }));
            }
            for (Future<Integer> f : opened) {
                assertThat(f.get()).isEqualTo(Migrations.LATEST);
            }
        } finally {
            pool.shutdownNow();
        }
        try (SqliteSessionStore store = TestSessions.store(dir)) {
            assertThat(store.<Integer>query(h -> h.createQuery("SELECT COUNT(*) FROM schema_version")
                    .mapTo(Integer.class).one())).isEqualTo(Migrations.ALL.size());
            assertThat(store.takeNotices()).isEmpty();
        }
    }

    private static void assertConsistent(SqliteSessionStore store, int workers, List<String> names) {
        long rows = store.<Long>query(h -> h.createQuery("SELECT COUNT(*) FROM usage").mapTo(Long.class).one());
        long distinct = store.<Long>query(h -> h.createQuery(
                "SELECT COUNT(*) FROM (SELECT DISTINCT file_id, call_key FROM usage)").mapTo(Long.class).one());
        long inputSum = store.<Long>query(h -> h.createQuery("SELECT SUM(input) FROM usage").mapTo(Long.class).one());
        assertThat(rows).isEqualTo(distinct).isEqualTo(StoreWriterMain.expectedRows(workers));
        assertThat(inputSum).isEqualTo(StoreWriterMain.expectedRows(workers));
        assertThat(store.index().load("claude-code"))
                .hasSize(1 + workers * StoreWriterMain.OWN_FILES)
                .doesNotContainKeys(names.stream().map(n -> "/" + n + "-tmp.jsonl").toArray(String[]::new));
        assertThat(store.history().sessions(new dev.llmsession.spi.SnapshotHistory.Query(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty()))).hasSize(1 + workers);
        assertThat(store.<Long>query(h -> h.createQuery(
                "SELECT COUNT(*) FROM (SELECT session_id, at FROM sample GROUP BY 1, 2 HAVING COUNT(*) > 1)")
                .mapTo(Long.class).one())).isZero();
        assertThat(store.<String>query(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one()))
                .isEqualTo("ok");
        assertThat(store.takeNotices()).isEmpty();
    }
}
