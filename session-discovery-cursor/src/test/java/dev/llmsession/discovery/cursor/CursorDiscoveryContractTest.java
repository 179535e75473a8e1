package dev.llmsession.discovery.cursor;

import static dev.llmsession.discovery.cursor.CursorFixtures.bubble;
import static dev.llmsession.discovery.cursor.CursorFixtures.composer;
import static dev.llmsession.discovery.cursor.CursorFixtures.put;

import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * The test kit's SPI contract, run against the Cursor adapter over every store it reads: the real legacy
 * workspace sample, a current-layout global database in WAL mode (as Cursor keeps it), and a cursor-agent chat
 * with its JSONL transcript.
 */
final class CursorDiscoveryContractTest extends SessionDiscoveryContract {
    private static final long T1 = 1_763_600_000_000L;

    @Override
    protected SessionDiscoveryProvider newProvider() {
        return new CursorDiscoveryProvider();
    }

    @Override
    protected void layOutHome(Path home) throws IOException {
        try {
            Path user = CursorFixtures.userRoot(home);
            Path ws = CursorFixtures.workspace(user, "f87f6e0b2cf1ae8645cc0c5ffaa99529", "/home/a/legacy", null);
            Files.copy(CursorFixtures.legacySample(), ws.resolve("state.vscdb"));

            Path db = CursorFixtures.kvDb(user.resolve("globalStorage/state.vscdb"), "WAL");
            put(db, "cursorDiskKV", "composerData:c-measured", composer("c-measured", "Fix login", T1, T1 + 600_000,
                    "completed", "\"modelConfig\":{\"modelName\":\"claude-4-sonnet\"},\"workspaceIdentifier\":"
                            + "{\"id\":\"w1\",\"uri\":{\"fsPath\":\"/home/a/shop\",\"scheme\":\"file\"}}",
                    "b1", "1", "b2", "2"));
            put(db, "cursorDiskKV", "bubbleId:c-measured:b1", bubble("b1", 1, "fix the login", 0, 0, null));
            put(db, "cursorDiskKV", "bubbleId:c-measured:b2", bubble("b2", 2, "done", 1200, 340,
                    "\"modelInfo\":{\"modelName\":\"claude-4-sonnet\"}"));

            Path project = Files.createDirectories(home.resolve("work/my-app"));
            CursorFixtures.agentStore(home.resolve(".cursor"), project.toString(), "chat-1",
                    "{\"agentId\":\"chat-1\",\"name\":\"Agent chat\",\"createdAt\":" + T1
                            + ",\"lastUsedModel\":\"gpt-5\"}",
                    List.of("{\"role\":\"user\",\"content\":\"hi\"}", "{\"role\":\"assistant\",\"content\":\"hello\"}"));
            // its transcript, read by the kit's tail reader (the contract damages its tail too)
            String slug = project.toString().substring(1).replace('/', '-').replace('.', '-');
            Path transcripts = Files.createDirectories(home.resolve(".cursor/projects").resolve(slug)
                    .resolve("agent-transcripts/chat-1"));
            Files.writeString(transcripts.resolve("chat-1.jsonl"), "{\"role\":\"user\",\"message\":{}}\n"
                    + "{\"role\":\"assistant\",\"message\":{}}\n{\"role\":\"user\",\"message\":{}}\n");
        } catch (SQLException e) {
            throw new IOException("cannot lay out the Cursor fixtures: " + e.getMessage(), e);
        }
    }

    /** What the contract found: a read-only open of a WAL database used to leave -wal and -shm files beside it. */
    @org.junit.jupiter.api.Test
    void discover_walDatabaseWithoutItsWalFile_isReadWithoutCreatingWalOrShm() throws IOException {
        layOutHome(home);
        Path db = home.resolve(".config/Cursor/User/globalStorage/state.vscdb");
        org.assertj.core.api.Assertions.assertThat(dev.llmsession.discovery.cursor.store.KvStoreAccess.walMode(db))
                .isTrue();

        List<dev.llmsession.model.Session> sessions = discoverOnce();

        org.assertj.core.api.Assertions.assertThat(sessions)
                .anySatisfy(s -> org.assertj.core.api.Assertions.assertThat(s.id().nativeId()).isEqualTo("c-measured"));
        org.assertj.core.api.Assertions.assertThat(db.resolveSibling("state.vscdb-wal")).doesNotExist();
        org.assertj.core.api.Assertions.assertThat(db.resolveSibling("state.vscdb-shm")).doesNotExist();
    }
}
