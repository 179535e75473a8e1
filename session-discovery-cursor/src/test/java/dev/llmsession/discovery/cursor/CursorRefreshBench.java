package dev.llmsession.discovery.cursor;

import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Benchmark harness (not a test; bench/cursor.sh runs it): refreshes over a generated Cursor home, as the monitor
 * does with one long-lived discovery. Prints wall and CPU milliseconds per scenario.
 *
 * <p>Usage: {@code CursorRefreshBench HOME [RUNS]}. Scenario "one changed" writes to the generated DB (the
 * benchmark's own fixture, never a real Cursor DB).
 */
public final class CursorRefreshBench {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private CursorRefreshBench() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path db = home.resolve(".config/Cursor/User/globalStorage/state.vscdb");
        Instant now = Instant.now();
        ProviderContext context = new ProviderContext(home, Map.of(), Clock.systemUTC(), Map.of());
        String exe = "/usr/share/cursor/cursor";
        ProcessTable cursorRunning = ProcessTable.of(now, List.of(new ProcessInfo(1000, 1, "cursor", exe,
                List.of(exe), Optional.of("/home/bench"), Optional.of(now.minusSeconds(3600)))));
        System.out.printf("db %s: %,d bytes%n", db, Files.size(db));

        // list of running sessions (Cursor started an hour ago): cold, then unchanged
        CursorSessionDiscovery running = new CursorSessionDiscovery(context);
        report("running, cold (first refresh)", List.of(time(running, cursorRunning, false)));
        report("running, unchanged", repeat(running, cursorRunning, false, runs));
        List<long[]> runningChanged = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            touchOneComposer(db, 1000 + i);
            runningChanged.add(time(running, cursorRunning, false));
        }
        report("running, one conversation changed", runningChanged);

        // everything (list --all): cold, then unchanged, then one conversation changed between refreshes
        CursorSessionDiscovery all = new CursorSessionDiscovery(context);
        report("all, cold (first refresh)", List.of(time(all, cursorRunning, true)));
        report("all, unchanged", repeat(all, cursorRunning, true, runs));
        List<long[]> changed = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            touchOneComposer(db, i);
            changed.add(time(all, cursorRunning, true));
        }
        report("all, one conversation changed", changed);
        System.out.printf("composers parsed %d, bubbles parsed %d%n", all.reader().composersParsed(),
                all.reader().bubblesParsed());
    }

    private static List<long[]> repeat(SessionDiscovery d, ProcessTable table, boolean all, int runs) {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            out.add(time(d, table, all));
        }
        return out;
    }

    private static long[] time(SessionDiscovery d, ProcessTable table, boolean all) {
        long cpu = CPU.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        List<Session> sessions = d.discover(new SessionDiscovery.Request(table, Instant.now(), all, Optional.empty(),
                TranscriptIndex.inMemory(), IndexProgress.NONE, TokenEstimator.charsPerToken()));
        return new long[] {(System.nanoTime() - wall) / 1_000_000, (CPU.getCurrentThreadCpuTime() - cpu) / 1_000_000,
                sessions.size()};
    }

    private static void report(String what, List<long[]> samples) {
        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        samples.forEach(s -> {
            wall.add(s[0]);
            cpu.add(s[1]);
        });
        Collections.sort(wall);
        Collections.sort(cpu);
        System.out.printf("%-34s sessions %5d  wall median %6d ms (min %d, max %d)  cpu median %6d ms  (n=%d)%n", what,
                samples.get(0)[2], wall.get(wall.size() / 2), wall.get(0), wall.get(wall.size() - 1),
                cpu.get(cpu.size() / 2), samples.size());
    }

    /**
     * The benchmark's own generated DB: bump one conversation's {@code lastUpdatedAt} in its composer value and in the
     * Cursor 3 catalogue, and add a bubble, as Cursor does when a turn ends.
     */
    private static void touchOneComposer(Path db, int i) throws Exception {
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            String id;
            try (var rs = c.createStatement().executeQuery("SELECT json_extract(value, '$.allComposers[0].composerId')"
                    + " FROM ItemTable WHERE key = 'composer.composerHeaders'")) {
                rs.next();
                id = rs.getString(1);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE cursorDiskKV SET value = CAST(json_replace(value,"
                    + " '$.lastUpdatedAt', ?) AS BLOB) WHERE key = ?")) {
                ps.setLong(1, now);
                ps.setString(2, "composerData:" + id);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE ItemTable SET value = CAST(json_replace(value,"
                    + " '$.allComposers[0].lastUpdatedAt', ?) AS BLOB) WHERE key = 'composer.composerHeaders'")) {
                ps.setLong(1, now);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cursorDiskKV VALUES (?, ?)")) {
                ps.setString(1, "bubbleId:" + id + ":extra" + i);
                ps.setBytes(2, ("{\"type\":2,\"text\":\"more " + i + "\",\"tokenCount\":{\"inputTokens\":0,"
                        + "\"outputTokens\":0}}").getBytes(StandardCharsets.UTF_8));
                ps.execute();
            }
        }
        Files.setLastModifiedTime(db, FileTime.fromMillis(now));
    }
}
