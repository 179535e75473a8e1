package dev.llmsession.storage.postgres;

import dev.llmsession.error.ConfigException;
import dev.llmsession.spi.OwnerOnlyFiles;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.TeamStoreProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * How to reach the team database: the URL (TLS is the URL's {@code sslmode}, e.g. {@code verify-full}), the login,
 * and the password, read from an owner-only file or the environment, never from a setting or an argument.
 *
 * @param url      the JDBC URL, without a password in it
 * @param login    the database role to log in as
 * @param password the password, if any (a server with certificate or trust authentication needs none)
 */
record TeamConnection(String url, String login, Optional<String> password) {
    /** Largest password file read; a password is a line. */
    static final int MAX_PASSWORD_FILE_BYTES = 4096;
    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    TeamConnection {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("team.url must start with jdbc:postgresql:// (got '" + printable(url) + "')");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new ConfigException("team.url must not hold a password: put it in a file readable only by you "
                    + "(team.passwordFile) or in " + TeamStoreProvider.PASSWORD_ENV);
        }
    }

    /** The connection the settings of {@code context} describe; the login defaults to the machine name. */
    static TeamConnection of(ProviderContext context) {
        String url = context.setting(TeamStoreProvider.URL).orElseThrow(() -> new ConfigException(
                "no team database configured: set team.url in config.yaml"));
        String login = context.setting(TeamStoreProvider.LOGIN)
                .or(() -> context.setting(TeamStoreProvider.MACHINE))
                .orElseThrow(() -> new ConfigException("team: no login and no machine name"));
        Optional<String> password = context.setting(TeamStoreProvider.PASSWORD_FILE)
                .map(f -> readPasswordFile(expand(f, context.userHome())))
                .or(() -> context.env(TeamStoreProvider.PASSWORD_ENV));
        return new TeamConnection(url.strip(), login, password);
    }

    /**
     * The first line of {@code file}, which must be a regular file (not a link) that neither group nor others can
     * read or write, like ssh's keys and PostgreSQL's own {@code .pgpass}.
     */
    static String readPasswordFile(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ConfigException("team.passwordFile " + file + " is not a regular file");
            }
            if (OwnerOnlyFiles.openToOthers(file)) {
                throw new ConfigException("team.passwordFile " + file + " can be read or written by others; "
                        + "run chmod 600 " + file);
            }
            if (Files.size(file) > MAX_PASSWORD_FILE_BYTES) {
                throw new ConfigException("team.passwordFile " + file + " is larger than "
                        + MAX_PASSWORD_FILE_BYTES + " bytes; it should hold the password only");
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = (end >= 0 ? text.substring(0, end) : text).replace("\r", "");
            if (line.isEmpty()) {
                throw new ConfigException("team.passwordFile " + file + " is empty");
            }
            return line;
        } catch (IOException e) {
            throw new ConfigException("cannot read team.passwordFile " + file + " (" + e.getMessage() + ")");
        }
    }

    private static Path expand(String file, Path home) {
        String f = file.strip();
        return f.startsWith("~/") ? home.resolve(f.substring(2)) : home.resolve(f);
    }

    /** Opens a connection: short timeouts, so a sync against an unreachable server fails fast and retries later. */
    Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", login);
        password.ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", "llm-session");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "60");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("reWriteBatchedInserts", "true");
        // The driver itself, not DriverManager: a shaded jar may keep only one java.sql.Driver service entry.
        Connection c = DRIVER.connect(url, p);
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not accept the URL " + printable(url));
        }
        return c;
    }

    /** The URL for messages (it holds no password). */
    String where() {
        return printable(url) + " as " + printable(login);
    }

    @Override
    public String toString() {
        return "TeamConnection[" + where() + "]"; // never the password
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
