package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar on a temp HOME holding a generated Cursor tree: Cursor conversations in {@code list --json}. */
final class CursorListIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T = 1_763_600_000_000L;

    @TempDir
    Path tmp;

    private JarRun run(Path home, String... args) throws IOException, InterruptedException {
        return JarRun.run(home, tmp, 60, args);
    }

    /** A global state.vscdb (WAL, as Cursor keeps it) with one estimated and one measured conversation. */
    static void cursorTree(Path user) throws IOException, SQLException {
        Path db = Files.createDirectories(user.resolve("globalStorage")).resolve("state.vscdb");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)");
            s.execute("CREATE TABLE cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cursorDiskKV VALUES (?, ?)")) {
                put(ps, "composerData:c-estimated", "{\"composerId\":\"c-estimated\",\"name\":\"Flaky build\","
                        + "\"createdAt\":" + T + ",\"lastUpdatedAt\":" + (T + 60_000) + ",\"status\":\"completed\","
                        + "\"modelConfig\":{\"modelName\":\"default\"},\"fullConversationHeadersOnly\":["
                        + "{\"bubbleId\":\"e1\",\"type\":1},{\"bubbleId\":\"e2\",\"type\":2}]}");
                put(ps, "bubbleId:c-estimated:e1", "{\"type\":1,\"text\":\"why\",\"tokenCount\":{\"inputTokens\":0,"
                        + "\"outputTokens\":0}}");
                put(ps, "bubbleId:c-estimated:e2", "{\"type\":2,\"text\":\"flaky\",\"tokenCount\":{\"inputTokens\":0,"
                        + "\"outputTokens\":0}}");
                put(ps, "composerData:c-measured", "{\"composerId\":\"c-measured\",\"name\":\"Login\",\"createdAt\":"
                        + T + ",\"lastUpdatedAt\":" + (T + 120_000) + ",\"status\":\"error\","
                        + "\"workspaceIdentifier\":{\"uri\":{\"fsPath\":\"/home/a/shop\"}},"
                        + "\"fullConversationHeadersOnly\":[{\"bubbleId\":\"m1\",\"type\":2}]}");
                put(ps, "bubbleId:c-measured:m1", "{\"type\":2,\"text\":\"ok\",\"modelInfo\":{\"modelName\":\"gpt-5\"},"
                        + "\"tokenCount\":{\"inputTokens\":1200,\"outputTokens\":340}}");
            }
        }
    }

    private static void put(PreparedStatement ps, String key, String value) throws SQLException {
        ps.setString(1, key);
        ps.setBytes(2, value.getBytes(StandardCharsets.UTF_8));
        ps.execute();
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode n : list) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no " + id + " in " + list);
    }

    @Test
    void listAllJson_defaultLinuxRoot_showsConversationsLabelledEstimatedOrMeasured() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        cursorTree(home.resolve(".config/Cursor/User"));

        JarRun r = run(home, "list", "--all", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        JsonNode list = JSON.readTree(r.out());
        JsonNode estimated = find(list, "cursor_c-estimated");
        assertThat(estimated.get("assistant").asText()).isEqualTo("cursor");
        assertThat(estimated.get("nativeId").asText()).isEqualTo("c-estimated");
        assertThat(estimated.get("title").asText()).isEqualTo("Flaky build");
        assertThat(estimated.get("model").asText()).isEqualTo("auto");
        assertThat(estimated.get("state").asText()).isEqualTo("ENDED");
        assertThat(estimated.get("tokens").get("source").asText()).isEqualTo("estimated");
        assertThat(estimated.get("tokens").get("input").asLong()).isEqualTo(1_400);
        assertThat(estimated.get("context").get("tokens").asLong()).isEqualTo(1_400);
        assertThat(estimated.get("costUsd").isNull()).isTrue();
        JsonNode measured = find(list, "cursor_c-measured");
        assertThat(measured.get("tokens").get("source").asText()).isEqualTo("measured");
        assertThat(measured.get("tokens").get("input").asLong()).isEqualTo(1_200);
        assertThat(measured.get("tokens").get("output").asLong()).isEqualTo(340);
        assertThat(measured.get("cwd").asText()).isEqualTo("/home/a/shop");
        assertThat(measured.get("model").asText()).isEqualTo("gpt-5");
        assertThat(measured.get("errors").get("api").asInt()).isEqualTo(1);
    }

    @Test
    void cursorRootsSetting_customRoot_listedAndShownByProvidersAndDoctor() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home2"));
        Path custom = tmp.resolve("portable/Cursor/User");
        cursorTree(custom);
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, "adapters:\n  cursor:\n    roots: [" + custom + "]\n");

        JarRun providers = run(home, "--config", config.toString(), "providers", "--json");
        assertThat(providers.code()).as(providers.err()).isZero();
        boolean active = false;
        for (JsonNode p : JSON.readTree(providers.out())) {
            active |= p.get("id").asText().equals("cursor") && p.get("active").asBoolean();
        }
        assertThat(active).as(providers.out()).isTrue();

        JarRun list = run(home, "--config", config.toString(), "list", "--all", "--json", "--assistant", "cursor");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(JSON.readTree(list.out())).hasSize(2);

        JarRun doctor = run(home, "--config", config.toString(), "doctor");
        assertThat(doctor.code()).as(doctor.err()).isZero();
        assertThat(doctor.out()).contains("cursor", custom.resolve("globalStorage/state.vscdb").toString());
    }
}
