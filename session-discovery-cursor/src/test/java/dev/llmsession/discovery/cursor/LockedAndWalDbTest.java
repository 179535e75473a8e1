package dev.llmsession.discovery.cursor;

import static dev.llmsession.discovery.cursor.CursorFixtures.composer;
import static dev.llmsession.discovery.cursor.CursorFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.llmsession.model.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database another connection holds locked, and one whose WAL holds committed and uncommitted pages. */
final class LockedAndWalDbTest {
    private static final long T = 1_763_600_000_000L;

    @TempDir
    Path home;

    private List<Session> discover(CursorSessionDiscovery d) {
        return d.discover(CursorFixtures.request(CursorFixtures.table(), true));
    }

    @Test
    void discover_dbUnderWriteLock_keepsLastStateWithDiagnostic_noHang() throws Exception {
        Path user = CursorFixtures.userRoot(home);
        Path db = CursorFixtures.kvDb(user.resolve("globalStorage/state.vscdb"), "DELETE");
        put(db, "cursorDiskKV", "composerData:c1", composer("c1", "Before the lock", T, T + 1, "completed", null));
        CursorSessionDiscovery warm = new CursorSessionDiscovery(CursorFixtures.context(home, Map.of()));
        CursorSessionDiscovery cold = new CursorSessionDiscovery(CursorFixtures.context(home, Map.of()));
        assertThat(discover(warm)).extracting(s -> s.id().nativeId()).containsExactly("c1");

        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = writer.createStatement()) {
            s.execute("BEGIN EXCLUSIVE"); // rollback journal: readers get SQLITE_BUSY until it ends
            s.execute("INSERT INTO cursorDiskKV VALUES ('composerData:c2', '{\"composerId\":\"c2\"}')");
            Files.setLastModifiedTime(db, FileTime.fromMillis(System.currentTimeMillis() + 10_000));

            List<Session> kept = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> discover(warm));
            assertThat(kept).extracting(x -> x.id().nativeId()).containsExactly("c1");
            assertThat(warm.diagnostics()).anySatisfy(l -> assertThat(l)
                    .contains("state.vscdb busy (locked by Cursor longer than 300 ms)", "showing the state read before"));

            List<Session> none = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> discover(cold));
            assertThat(none).isEmpty();
            assertThat(cold.diagnostics()).anySatisfy(l -> assertThat(l).contains("busy", "nothing read yet"));
            s.execute("COMMIT");
        }
        assertThat(discover(warm)).extracting(x -> x.id().nativeId()).containsExactlyInAnyOrder("c1", "c2");
    }

    @Test
    void discover_walWithCommittedAndUncommittedPages_seesExactlyTheCommitted() throws Exception {
        Path user = CursorFixtures.userRoot(home);
        Path db = CursorFixtures.kvDb(user.resolve("globalStorage/state.vscdb"), "WAL");
        try (Connection cursor = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = cursor.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0"); // committed pages stay in the WAL only
            s.execute("PRAGMA cache_size=1"); // the open transaction spills its pages into the WAL
            try (PreparedStatement ps = cursor.prepareStatement("INSERT INTO cursorDiskKV VALUES (?, ?)")) {
                ps.setString(1, "composerData:committed");
                ps.setString(2, composer("committed", "In the WAL", T, T + 5, "completed", null));
                ps.execute();
                s.execute("BEGIN");
                for (int i = 0; i < 200; i++) {
                    ps.setString(1, "composerData:uncommitted-" + i);
                    ps.setString(2, composer("uncommitted-" + i, "x".repeat(4000), T, T + 9, "completed", null));
                    ps.execute();
                }
                assertThat(Files.size(db.resolveSibling("state.vscdb-wal"))).isGreaterThan(200_000);

                List<Session> seen = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> discover(new CursorSessionDiscovery(CursorFixtures.context(home, Map.of()))));

                assertThat(seen).extracting(x -> x.id().nativeId()).containsExactly("committed");
                assertThat(seen.get(0).title()).contains("In the WAL");
                s.execute("ROLLBACK");
            }
        }
    }
}
