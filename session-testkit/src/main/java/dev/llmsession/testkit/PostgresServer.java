package dev.llmsession.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} into a temporary directory, {@code pg_ctl start} on a free
 * loopback port (Unix socket in the same directory), stopped and deleted by {@link #close()}. Needs PostgreSQL's
 * server binaries ({@code initdb}, {@code pg_ctl}) on the {@code PATH} or under {@code /usr/lib/postgresql/<n>/bin}
 * (Debian's {@code postgresql} package). PostgreSQL refuses to run as root: as root the commands run as the
 * {@code postgres} system user through {@code runuser}. The superuser {@code postgres} logs in over TCP with
 * {@link #PASSWORD} (SCRAM), so tests exercise password authentication.
 */
public final class PostgresServer implements AutoCloseable {
    /** The superuser's password. */
    public static final String PASSWORD = "test-superuser-password";
    /** The superuser. */
    public static final String SUPERUSER = "postgres";

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path dir, Path bin, int port, boolean asPostgres) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** Whether PostgreSQL's server binaries are installed here. */
    public static boolean available() {
        return binaries() != null;
    }

    /** Creates and starts a fresh server. */
    public static PostgresServer start() {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's "
                    + "postgresql package (apt-get install postgresql)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("llm-session-pg");
            Files.writeString(dir.resolve("pw"), PASSWORD + "\n", StandardCharsets.UTF_8);
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
                Files.setOwner(dir.resolve("pw"), postgres);
            }
            PostgresServer server = new PostgresServer(dir, bin, freePort(), root);
            server.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", SUPERUSER,
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + dir.resolve("pw"), "-E", "UTF8",
                    "--locale=C", "--no-sync"));
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path binaries() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "initdb")) && Files.isExecutable(Path.of(p, "pg_ctl"))) {
                return Path.of(p);
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.naturalOrder()).orElse(null);
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the server again on the same port and data (after {@link #stop()}). */
    public void startServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                "start"));
    }

    /** Stops the server at once (connections are cut, as when a database goes away mid-sync); data is kept. */
    public void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-m", "fast",
                "stop"));
    }

    /** The JDBC URL of database {@code db} on this server. */
    public String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    /** The port. */
    public int port() {
        return port;
    }

    /** The superuser's login, for {@link DriverManager#getConnection(String, Properties)}. */
    public static Properties superuser() {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        p.setProperty("password", PASSWORD);
        return p;
    }

    /** Runs {@code statements} in database {@code db} as the superuser (the PostgreSQL JDBC driver on the class path). */
    public void execute(String db, String... statements) {
        try (Connection c = DriverManager.getConnection(url(db), superuser()); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("in " + db + ": " + e.getMessage(), e);
        }
    }

    /** Creates the empty database {@code name} (lower-case letters, digits, underscores), owned by the superuser. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                String log = Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
                throw new IllegalStateException(String.join(" ", full) + " failed: "
                        + new String(out, StandardCharsets.UTF_8) + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the server (if running) and deletes its directory. */
    @Override
    public void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
