package dev.llmsession.cli;

import dev.llmsession.FoundProviders;
import dev.llmsession.cli.command.CliEnvironment;
import dev.llmsession.cli.command.ProviderSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A temp HOME laid out like a real one, with the real Claude Code adapter and the real SQLite store (found on
 * the test class path) and an empty process table; runs {@link Main#run} in-process against it.
 */
final class ContextHome {
    static final String SESSION = "4d5611e5-241a-462a-8d15-5122611a9569";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-13T09:00:00Z"), ZoneOffset.UTC);

    final Path root;
    final Path home;
    final Path data;
    final Path project;

    ContextHome(Path root) throws IOException {
        this.root = root;
        this.home = Files.createDirectories(root.resolve("home"));
        this.data = root.resolve("data");
        this.project = Files.createDirectories(home.resolve(".claude/projects/-work-spotter"));
    }

    /** The real sample fixtures (the discovery module's test resources, with their licence beside them). */
    static Path fixtures() {
        return Path.of(System.getProperty("llmsession.fixtures",
                "../session-discovery-claude/src/test/resources/fixtures/claude"));
    }

    /** Copies the real sample session's main transcript in, plus {@code extraLines} appended. */
    ContextHome withSample(String... extraLines) throws IOException {
        Path main = project.resolve(SESSION + ".jsonl");
        Files.copy(fixtures().resolve(SESSION + ".jsonl"), main);
        append(main, extraLines);
        return this;
    }

    /** A small session of the given transcript lines. */
    ContextHome withSession(String nativeId, String... lines) throws IOException {
        append(project.resolve(nativeId + ".jsonl"), lines);
        return this;
    }

    private static void append(Path file, String... lines) throws IOException {
        for (String line : lines) {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    CliRun.Result run(String... args) {
        FoundProviders found = FoundProviders.load(ContextHome.class.getClassLoader());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(Map.of("HOME", home.toString(), "LLM_SESSION_HOME",
                data.toString()), home, CLOCK, false, ProviderSource.explicit(
                        found.discoveries().stream().filter(p -> p.id().equals("claude-code")).toList(),
                        List.of(new FakeHostProbeProvider()),
                        found.stores().stream().filter(p -> p.id().equals("sqlite")).toList()));
        int code = Main.run(environment, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun.Result(code, out.toString(), err.toString());
    }

    /** Every row of the store's session-related tables, to compare a store before and after a command. */
    List<String> storeRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        Path db = data.resolve("store.db");
        if (!Files.exists(db)) {
            return rows;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            for (String table : List.of("imported_context", "session")) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= columns; i++) {
                            row.append('|').append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }
}
