package dev.llmsession.discovery.cursor;

import static dev.llmsession.discovery.cursor.CursorFixtures.composer;
import static dev.llmsession.discovery.cursor.CursorFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One 50 MB composer value among normal rows, read by a JVM with a 64 MB heap: the big row is skipped with a
 * diagnostic naming it, and every other conversation of the database still shows.
 */
final class SmallHeapTest {
    private static final long T1 = 1_763_600_000_000L;
    private static final int BIG_CHARS = 50_000_000;

    @TempDir
    Path home;

    @Test
    void discover_fiftyMegabyteComposerUnderSmallHeap_skippedWithDiagnosticOthersShown() throws Exception {
        Path db = CursorFixtures.kvDb(CursorFixtures.userRoot(home).resolve("globalStorage/state.vscdb"), "DELETE");
        put(db, "cursorDiskKV", "composerData:c-before", composer("c-before", "Before", T1, T1 + 1000, "completed",
                null));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement ps = c.prepareStatement("INSERT INTO cursorDiskKV VALUES (?, ? || hex(zeroblob(?)) || ?)")) {
            // built by SQLite itself (as TEXT): the 50 MB never exists on this JVM's heap either
            ps.setString(1, "composerData:c-big");
            ps.setString(2, "{\"_v\":13,\"composerId\":\"c-big\",\"name\":\"Big\",\"lastUpdatedAt\":" + (T1 + 2000)
                    + ",\"richText\":\"");
            ps.setInt(3, BIG_CHARS / 2);
            ps.setString(4, "\"}");
            ps.execute();
        }
        put(db, "cursorDiskKV", "composerData:c-after", composer("c-after", "After", T1, T1 + 3000, "completed",
                null));
        assertThat(Files.size(db)).isGreaterThan(BIG_CHARS);

        List<String> out = runProbe("-Xmx64m");

        assertThat(out).as("probe output").contains("exit ok");
        assertThat(out).contains("session c-before", "session c-after", "session c-big");
        assertThat(out).anySatisfy(line -> assertThat(line).startsWith("diag ").contains("composerData:c-big")
                .contains("50.0 MB").contains("not read"));
    }

    private List<String> runProbe(String heap) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), heap, "-cp",
                System.getProperty("java.class.path"), Probe.class.getName(), home.toString()));
        Path log = home.resolve("probe.out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe did not finish in 120 s");
        }
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** Runs one discovery of {@code args[0]} as home and prints its sessions and diagnostics. */
    static final class Probe {
        public static void main(String[] args) {
            CursorSessionDiscovery discovery = new CursorSessionDiscovery(
                    CursorFixtures.context(Path.of(args[0]), Map.of()));
            for (Session s : discovery.discover(CursorFixtures.request(CursorFixtures.table(), true))) {
                System.out.println("session " + s.id().nativeId());
            }
            discovery.diagnostics().forEach(d -> System.out.println("diag " + d));
            System.out.println("exit ok");
        }
    }
}
