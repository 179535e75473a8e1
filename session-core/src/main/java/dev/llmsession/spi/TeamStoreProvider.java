package dev.llmsession.spi;

/**
 * {@code ServiceLoader} entry of a team database adapter. It reads its connection from the context's settings
 * ({@value #URL}, {@value #LOGIN}, {@value #PASSWORD_FILE}) and the environment
 * ({@value #PASSWORD_ENV}); a password is never a setting of its own, so it never sits on a command line.
 *
 * @since 0.1
 */
public interface TeamStoreProvider extends Provider<TeamStore> {
    /** Setting: the database URL, e.g. {@code jdbc:postgresql://db:5432/team?sslmode=verify-full}. */
    String URL = "team.url";
    /** Setting: this machine's name, part of every key it pushes. */
    String MACHINE = "team.machine";
    /** Setting: the database login (default: the machine name, the role a per-machine writer logs in as). */
    String LOGIN = "team.login";
    /** Setting: a file holding the password, readable by its owner only. */
    String PASSWORD_FILE = "team.passwordFile";
    /** Environment variable holding the password, when no password file is set. */
    String PASSWORD_ENV = "LLM_SESSION_TEAM_PASSWORD";
}
