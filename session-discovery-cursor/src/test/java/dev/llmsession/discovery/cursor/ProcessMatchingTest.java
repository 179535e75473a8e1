package dev.llmsession.discovery.cursor;

import static dev.llmsession.discovery.cursor.CursorFixtures.process;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.cursor.live.CursorProcesses;
import dev.llmsession.model.ProcessTable;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Recorded process lists: Electron helpers carry --type=, the main process does not; cursor-agent is node. */
final class ProcessMatchingTest {
    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

    /** A Linux .deb Cursor with its helpers, the `cursor` CLI launcher and a cursor-agent (launcher + node). */
    static ProcessTable linux() {
        String exe = "/usr/share/cursor/cursor";
        String agentDir = "/home/a/.local/share/cursor-agent/versions/2026.11.02-abc1234";
        return CursorFixtures.table(
                process(1000, 1, exe, "/home/a", START, exe, "--no-sandbox"),
                process(1001, 1000, exe, "/home/a", START, exe, "--type=zygote", "--no-zygote-sandbox"),
                process(1002, 1000, exe, "/home/a", START, exe, "--type=gpu-process", "--enable-crash-reporter"),
                process(1003, 1001, exe, "/home/a", START, exe, "--type=renderer", "--enable-sandbox"),
                process(1004, 1000, exe, "/home/a", START, exe, "--type=utility",
                        "--utility-sub-type=node.mojom.NodeService"),
                process(1005, 1000, exe, "/home/a", START, exe, "--type=crashpad-handler"),
                // a node service child without --type= is still not the main process: its parent is Cursor
                process(1006, 1000, exe, "/home/a/shop", START, exe, "/usr/share/cursor/resources/app/out/bootstrap-fork"),
                // `cursor .` forwards to the running instance through the bundled cli.js
                process(1100, 900, exe, "/home/a/api", START, exe, "/usr/share/cursor/resources/app/out/cli.js", "."),
                process(2000, 800, agentDir + "/cursor-agent", "/home/a/api", START, "/bin/bash",
                        agentDir + "/cursor-agent", "--model", "gpt-5"),
                process(2001, 2000, agentDir + "/node", "/home/a/api", START, agentDir + "/node",
                        "--use-system-ca", agentDir + "/index.js", "--workspace", "/home/a/api", "--resume", "chat-9"),
                process(3000, 1, "/usr/bin/node", "/home/a/web", START, "node", "server.js"));
    }

    @Test
    void mains_linux_onlyTheProcessWithoutTypeAndWithoutCursorParent() {
        assertThat(CursorProcesses.mains(linux())).extracting(m -> m.process().pid()).containsExactly(1000L);
    }

    @Test
    void agents_launcherAndNodeChild_countOnceWithWorkspaceAndResume() {
        assertThat(CursorProcesses.agents(linux())).singleElement().satisfies(a -> {
            assertThat(a.process().pid()).isEqualTo(2000L);
        });
        ProcessTable nodeOnly = CursorFixtures.table(linux().all().stream().filter(p -> p.pid() != 2000)
                .toArray(dev.llmsession.model.ProcessInfo[]::new));
        assertThat(CursorProcesses.agents(nodeOnly)).singleElement().satisfies(a -> {
            assertThat(a.process().pid()).isEqualTo(2001L);
            assertThat(a.workspace()).contains("/home/a/api");
            assertThat(a.resumedChat()).contains("chat-9");
        });
    }

    @Test
    void mains_macOsWithUserDataDirAndHelpers() {
        String app = "/Applications/Cursor.app/Contents/MacOS/Cursor";
        String helper = "/Applications/Cursor.app/Contents/Frameworks/Cursor Helper (Renderer).app/Contents/MacOS/"
                + "Cursor Helper (Renderer)";
        ProcessTable mac = CursorFixtures.table(
                process(500, 1, app, "/", START, app, "--user-data-dir=/Users/a/cursor-profile"),
                process(501, 500, helper, "/", START, helper, "--type=renderer"),
                process(502, 500, app, "/", START, app, "--type=gpu-process"));

        assertThat(CursorProcesses.mains(mac)).singleElement().satisfies(m -> {
            assertThat(m.process().pid()).isEqualTo(500L);
            assertThat(m.userDataDir()).contains(Path.of("/Users/a/cursor-profile"));
        });
    }

    @Test
    void mains_onlyHelpers_none() {
        String exe = "/opt/Cursor/cursor";
        ProcessTable helpersOnly = CursorFixtures.table(
                process(10, 1, exe, "/", START, exe, "--type=renderer"),
                process(11, 1, exe, "/", START, exe, "--type=zygote"));

        assertThat(CursorProcesses.mains(helpersOnly)).isEmpty();
        assertThat(CursorProcesses.agents(helpersOnly)).isEmpty();
    }
}
