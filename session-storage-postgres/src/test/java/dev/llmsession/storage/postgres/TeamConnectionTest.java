package dev.llmsession.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.error.ConfigException;
import dev.llmsession.spi.ProviderContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamConnectionTest {
    @TempDir
    Path home;

    private ProviderContext context(Map<String, String> settings, Map<String, String> env) {
        return new ProviderContext(home, env, Clock.systemUTC(), settings);
    }

    private Path passwordFile(String perms) throws Exception {
        Path f = home.resolve("team.pw");
        Files.writeString(f, "s3cret\nignored\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    @Test
    void readsTheFirstLineOfAnOwnerOnlyPasswordFileAndLogsInAsTheMachine() throws Exception {
        passwordFile("rw-------");
        TeamConnection c = TeamConnection.of(context(Map.of("team.url", "jdbc:postgresql://db/team?sslmode=verify-full",
                "team.machine", "build-7", "team.passwordFile", "~/team.pw"), Map.of()));
        assertThat(c.password()).contains("s3cret");
        assertThat(c.login()).isEqualTo("build-7");
        assertThat(c.toString()).doesNotContain("s3cret").contains("sslmode=verify-full");
    }

    @Test
    void refusesAPasswordFileOthersCanRead() throws Exception {
        passwordFile("rw-r-----");
        assertThatThrownBy(() -> TeamConnection.of(context(Map.of("team.url", "jdbc:postgresql://db/team",
                "team.machine", "m", "team.passwordFile", "team.pw"), Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("chmod 600");
    }

    @Test
    void takesThePasswordFromTheEnvironmentWithoutAFile() {
        TeamConnection c = TeamConnection.of(context(Map.of("team.url", "jdbc:postgresql://db/team",
                "team.machine", "m", "team.login", "writer"), Map.of("LLM_SESSION_TEAM_PASSWORD", "envpw")));
        assertThat(c.password()).contains("envpw");
        assertThat(c.login()).isEqualTo("writer");
    }

    @Test
    void refusesAPasswordInTheUrlAndAnythingButPostgres() {
        assertThatThrownBy(() -> new TeamConnection("jdbc:postgresql://db/team?password=x", "m", Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must not hold a password");
        assertThatThrownBy(() -> new TeamConnection("jdbc:mysql://db/team", "m", Optional.empty()))
                .isInstanceOf(ConfigException.class);
    }
}
