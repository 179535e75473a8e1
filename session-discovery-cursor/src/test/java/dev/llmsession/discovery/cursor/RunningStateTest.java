package dev.llmsession.discovery.cursor;

import static dev.llmsession.discovery.cursor.CursorFixtures.NOW;
import static dev.llmsession.discovery.cursor.CursorFixtures.composer;
import static dev.llmsession.discovery.cursor.CursorFixtures.process;
import static dev.llmsession.discovery.cursor.CursorFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDE conversations against a recorded process list: active while their window's Cursor runs. */
final class RunningStateTest {
    private static final Instant STARTED = NOW.minusSeconds(3600);
    private static final String EXE = "/usr/share/cursor/cursor";

    @TempDir
    Path home;

    private Path user;

    @BeforeEach
    void layOut() throws Exception {
        user = CursorFixtures.userRoot(home);
        Path db = CursorFixtures.kvDb(user.resolve("globalStorage/state.vscdb"), "WAL");
        long since = STARTED.toEpochMilli();
        put(db, "cursorDiskKV", "composerData:old", composer("old", "Yesterday", since - 86_400_000, since - 80_000_000,
                "completed", ws("/home/a/shop"), "o1", "1"));
        put(db, "cursorDiskKV", "composerData:open", composer("open", "Open window", since, since + 600_000,
                "completed", ws("/home/a/shop"), "a1", "1", "a2", "2"));
        put(db, "cursorDiskKV", "composerData:streaming", composer("streaming", "Streaming", since, since + 900_000,
                "generating", ws("/home/a/api") + ",\"generatingBubbleIds\":[\"s2\"]", "s1", "1"));
        put(db, "cursorDiskKV", "composerData:failed", composer("failed", "Failed", since, since + 700_000, "error",
                ws("/home/a/shop"), "f1", "1"));
        put(db, "cursorDiskKV", "composerData:nowindow", composer("nowindow", "No window", since, since + 800_000,
                "completed", ws("/home/a/elsewhere"), "n1", "1"));
        // the shop window's workspace DB was written after Cursor started; api's window is in storage.json
        Path shop = CursorFixtures.workspace(user, "ws-shop", "/home/a/shop", "{\"selectedComposerIds\":[\"open\"]}");
        Files.setLastModifiedTime(shop.resolve("state.vscdb"), FileTime.from(STARTED.plusSeconds(60)));
        Files.writeString(user.resolve("globalStorage/storage.json"), "{\"windowsState\":{\"lastActiveWindow\":"
                + "{\"folder\":\"" + Path.of("/home/a/api").toUri() + "\"},\"openedWindows\":[]},\"theme\":\"dark\"}");
    }

    private static String ws(String folder) {
        return "\"workspaceIdentifier\":{\"id\":\"x\",\"uri\":{\"fsPath\":\"" + folder + "\"}}";
    }

    private List<Session> discover(ProcessTable table, boolean all) {
        return new CursorSessionDiscovery(CursorFixtures.context(home, Map.of()))
                .discover(CursorFixtures.request(table, all));
    }

    private static ProcessTable cursorRunning() {
        return CursorFixtures.table(process(1000, 1, EXE, "/home/a", STARTED, EXE),
                process(1001, 1000, EXE, "/home/a", STARTED, EXE, "--type=renderer"));
    }

    private static Session byId(List<Session> sessions, String id) {
        return sessions.stream().filter(s -> s.id().nativeId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void discover_cursorRunning_statesFromTheRankedSignals() {
        List<Session> all = discover(cursorRunning(), true);

        assertThat(byId(all, "open").activity().state()).isEqualTo(ActivityState.WAITING_INPUT);
        assertThat(byId(all, "open").activity().evidence()).contains("workspace DB was written");
        assertThat(byId(all, "open").pid()).hasValue(1000);
        assertThat(byId(all, "streaming").activity().state()).isEqualTo(ActivityState.WORKING);
        assertThat(byId(all, "failed").activity().state()).isEqualTo(ActivityState.ERRORED);
        assertThat(byId(all, "failed").errors().api()).isEqualTo(1);
        assertThat(byId(all, "nowindow").activity().state()).isEqualTo(ActivityState.UNKNOWN);
        assertThat(byId(all, "nowindow").activity().evidence()).contains("no open window is known");
        assertThat(byId(all, "old").activity().state()).isEqualTo(ActivityState.ENDED);
        assertThat(byId(all, "old").pid()).isEmpty();
        assertThat(byId(all, "old").activity().evidence()).contains("not updated since Cursor pid 1000 started");
    }

    @Test
    void discover_runningOnly_dropsEndedConversations() {
        assertThat(discover(cursorRunning(), false)).extracting(s -> s.id().nativeId())
                .containsExactlyInAnyOrder("open", "streaming", "failed", "nowindow");
    }

    @Test
    void discover_runningOnly_readsOnlyConversationsUpdatedSinceCursorStarted_thenTheRestOnDemand() {
        CursorSessionDiscovery d = new CursorSessionDiscovery(CursorFixtures.context(home, Map.of()));

        d.discover(CursorFixtures.request(cursorRunning(), false));
        assertThat(d.reader().composersParsed()).isEqualTo(4); // not "old"
        d.discover(CursorFixtures.request(cursorRunning(), false));
        assertThat(d.reader().composersParsed()).isEqualTo(4);
        List<Session> all = d.discover(CursorFixtures.request(cursorRunning(), true));
        assertThat(d.reader().composersParsed()).isEqualTo(5);
        assertThat(all).hasSize(5);
    }

    @Test
    void discover_onlyHelpersOrNoCursor_everythingEnded() {
        ProcessTable helpers = CursorFixtures.table(process(1001, 1, EXE, "/", STARTED, EXE, "--type=renderer"));

        assertThat(discover(helpers, false)).isEmpty();
        assertThat(discover(CursorFixtures.table(), true)).allSatisfy(s -> {
            assertThat(s.activity().state()).isEqualTo(ActivityState.ENDED);
            assertThat(s.activity().evidence()).isEqualTo("no Cursor main process");
        });
    }

    @Test
    void discover_mainOfAnotherUserDataDir_doesNotOwnTheseConversations() {
        ProcessTable other = CursorFixtures.table(process(1000, 1, EXE, "/", STARTED, EXE,
                "--user-data-dir=/tmp/some-other-profile"));

        assertThat(discover(other, false)).isEmpty();
    }
}
