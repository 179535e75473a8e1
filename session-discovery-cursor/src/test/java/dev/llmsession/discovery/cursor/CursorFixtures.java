package dev.llmsession.discovery.cursor;

import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds Cursor data trees with sqlite-jdbc (nothing binary is committed but the real legacy sample). */
final class CursorFixtures {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private CursorFixtures() {
    }

    /** {@code <home>/.config/Cursor/User}, the Linux default. */
    static Path userRoot(Path home) throws IOException {
        return Files.createDirectories(home.resolve(".config/Cursor/User"));
    }

    /** A VS Code key/value database with both tables, in the given journal mode. */
    static Path kvDb(Path file, String journalMode) throws IOException, SQLException {
        Files.createDirectories(file.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=" + journalMode);
            s.execute("CREATE TABLE IF NOT EXISTS ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)");
            s.execute("CREATE TABLE IF NOT EXISTS cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)");
        }
        return file;
    }

    /** Writes {@code key → value} into {@code table}, the value as a UTF-8 BLOB as Cursor does. */
    static void put(Path db, String table, String key, String value) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setBytes(2, value.getBytes(StandardCharsets.UTF_8));
            ps.execute();
        }
    }

    /** A workspace directory naming {@code folder}, with a DB listing {@code composerListJson} (may be null). */
    static Path workspace(Path userRoot, String id, String folder, String composerListJson)
            throws IOException, SQLException {
        Path dir = Files.createDirectories(userRoot.resolve("workspaceStorage").resolve(id));
        Files.writeString(dir.resolve("workspace.json"), "{\"folder\":\"" + Path.of(folder).toUri() + "\"}");
        if (composerListJson != null) {
            Path db = kvDb(dir.resolve("state.vscdb"), "DELETE");
            put(db, "ItemTable", "composer.composerData", composerListJson);
        }
        return dir;
    }

    /** A {@code composerData} value of the current layout. */
    static String composer(String id, String name, Long createdAt, Long lastUpdatedAt, String status,
            String extra, String... bubbleIdsAndTypes) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < bubbleIdsAndTypes.length; i += 2) {
            headers.append(headers.length() == 0 ? "" : ",").append("{\"bubbleId\":\"").append(bubbleIdsAndTypes[i])
                    .append("\",\"type\":").append(bubbleIdsAndTypes[i + 1]).append('}');
        }
        return "{\"_v\":13,\"composerId\":\"" + id + "\"" + (name == null ? "" : ",\"name\":\"" + name + "\"")
                + (createdAt == null ? "" : ",\"createdAt\":" + createdAt)
                + (lastUpdatedAt == null ? "" : ",\"lastUpdatedAt\":" + lastUpdatedAt)
                + ",\"status\":\"" + status + "\",\"blobEncryptionKey\":\"SECRET-KEY\""
                + ",\"fullConversationHeadersOnly\":[" + headers + "],\"conversationMap\":{}"
                + (extra == null ? "" : "," + extra) + "}";
    }

    /** A bubble value. */
    static String bubble(String id, int type, String text, long in, long out, String extra) {
        return "{\"_v\":3,\"type\":" + type + ",\"bubbleId\":\"" + id + "\",\"text\":\"" + text
                + "\",\"tokenCount\":{\"inputTokens\":" + in + ",\"outputTokens\":" + out + "}"
                + (extra == null ? "" : "," + extra) + "}";
    }

    static ProviderContext context(Path home, Map<String, String> settings) {
        return new ProviderContext(home, Map.of(), Clock.fixed(NOW, ZoneOffset.UTC), settings);
    }

    static SessionDiscovery.Request request(ProcessTable table, boolean includeEnded) {
        return new SessionDiscovery.Request(table, NOW, includeEnded, Optional.empty(), TranscriptIndex.inMemory(),
                IndexProgress.NONE, TokenEstimator.charsPerToken());
    }

    static ProcessTable table(ProcessInfo... processes) {
        return ProcessTable.of(NOW, List.of(processes));
    }

    static ProcessInfo process(long pid, long parent, String path, String cwd, Instant started, String... args) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return new ProcessInfo(pid, parent, name, path, List.of(args), Optional.ofNullable(cwd),
                Optional.ofNullable(started));
    }

    /** A cursor-agent {@code store.db} with a hex meta row and message blobs. */
    static Path agentStore(Path agentRoot, String cwd, String id, String metaJson, List<String> jsonBlobs)
            throws IOException, SQLException {
        Path dir = Files.createDirectories(agentRoot.resolve("chats")
                .resolve(dev.llmsession.discovery.cursor.agent.AgentChats.cwdHash(cwd)).resolve(id));
        Path db = dir.resolve("store.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)");
            s.execute("CREATE TABLE blobs (id TEXT PRIMARY KEY, data BLOB)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO meta VALUES ('0', ?)")) {
                ps.setString(1, HexFormat.of().formatHex(metaJson.getBytes(StandardCharsets.UTF_8)));
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO blobs VALUES (?, ?)")) {
                int i = 0;
                for (String blob : jsonBlobs) {
                    ps.setString(1, "blob" + i++);
                    ps.setBytes(2, blob.getBytes(StandardCharsets.UTF_8));
                    ps.execute();
                }
                ps.setString(1, "tree");
                ps.setBytes(2, new byte[] {0x0A, 0x20, 1, 2, 3, (byte) 0xFF});
                ps.execute();
            }
        }
        return db;
    }

    /** The committed real legacy sample. */
    static Path legacySample() {
        try {
            return Path.of(CursorFixtures.class.getResource("/fixtures/cursor/legacy-workspace-state.vscdb").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
