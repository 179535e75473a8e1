package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.spi.TeamStoreProvider;
import dev.llmsession.testkit.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list --team} through a real engine (the packaged jar's client, as the launcher runs it) against a real
 * PostgreSQL: the engine keeps one logged-in connection for every command, and serves the next command after the
 * server restarted in between.
 */
final class TeamEngineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PostgresServer server;

    @TempDir
    Path root;

    private Path home;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void stopEngine() throws Exception {
        if (home != null) {
            run("daemon", "stop");
        }
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("llmsession.cli.jar", "target/llm-session.jar"),
                "dev.llmsession.cli.client.EngineClient"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("XDG_") || k.startsWith("LLM_SESSION"));
        env.put("HOME", home.toString());
        env.put("NO_COLOR", "1");
        env.put("CI", "1");
        env.put(TeamStoreProvider.PASSWORD_ENV, PostgresServer.PASSWORD);
        Path out = Files.createTempFile(root, "run", ".out");
        Path err = Files.createTempFile(root, "run", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("llm-session finished in time").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The start times of the database sessions llm-session holds open (its application name). */
    private static List<String> llmSessionConnections(String db) throws Exception {
        List<String> starts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.url(db), PostgresServer.superuser());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT backend_start FROM pg_stat_activity "
                        + "WHERE application_name = 'llm-session' ORDER BY backend_start")) {
            while (rs.next()) {
                starts.add(rs.getString(1));
            }
        }
        return starts;
    }

    /** Each row's machine, id and tokens (not its idle time, which moves between two commands). */
    private List<String> listTeam() throws Exception {
        Run r = run("list", "--team", "--all", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = new ArrayList<>();
        JSON.readTree(r.out()).forEach(s -> rows.add(s.get("machine").asText() + " " + s.get("id").asText() + " "
                + s.get("tokens")));
        return rows;
    }

    @Test
    void theEngineKeepsOneConnectionAndServesListTeamAcrossAServerRestart() throws Exception {
        String db = server.createDatabase("engine_team");
        home = Files.createDirectories(root.resolve("home"));
        Files.writeString(Files.createDirectories(home.resolve(".config/llm-session")).resolve("config.yaml"),
                "team:\n  url: " + server.url(db) + "\n  machine: build-7\n  user: dana\n  login: postgres\n");
        Path project = Files.createDirectories(home.resolve(".claude/projects/-home-dana-spotter"));
        Files.copy(ContextHome.fixtures().resolve("short.jsonl"),
                project.resolve("55604662-cf2a-4331-851a-ec234028f8ca.jsonl"));
        Run sync = run("--no-daemon", "team", "sync");
        assertThat(sync.code()).as(sync.err()).isZero();
        assertThat(llmSessionConnections(db)).as("a command of its own closes its connection").isEmpty();

        Run started = run("daemon", "start");
        assertThat(started.code()).as(started.err()).isZero();
        List<String> first = listTeam();
        assertThat(first).singleElement().asString().startsWith("build-7 claude_55604662");
        List<String> kept = llmSessionConnections(db);
        assertThat(kept).as("the engine keeps its connection after the command").hasSize(1);
        assertThat(listTeam()).isEqualTo(first);
        assertThat(llmSessionConnections(db)).as("the second command logged in no more").isEqualTo(kept);

        // team commands are served too, printing what the caller's own JVM prints
        Run status = run("team", "status");
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).isEqualTo(run("--no-daemon", "team", "status").out());
        Run pushed = run("team", "sync");
        assertThat(pushed.code()).as(pushed.err()).isZero();
        assertThat(llmSessionConnections(db)).as("the sync went through the kept connection").isEqualTo(kept);

        server.stop();
        server.startServer();
        assertThat(llmSessionConnections(db)).isEmpty();
        assertThat(listTeam()).as("served after the restart, no error").isEqualTo(first);
        assertThat(llmSessionConnections(db)).hasSize(1);
    }
}
