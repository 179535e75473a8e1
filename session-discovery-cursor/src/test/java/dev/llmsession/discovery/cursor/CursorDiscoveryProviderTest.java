package dev.llmsession.discovery.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CursorDiscoveryProviderTest {

    @TempDir
    Path home;

    @Test
    void serviceLoader_findsExactlyThisProvider() {
        List<SessionDiscoveryProvider> found = ServiceLoader.load(SessionDiscoveryProvider.class,
                CursorDiscoveryProvider.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

        assertThat(found).singleElement().isInstanceOf(CursorDiscoveryProvider.class);
    }

    @Test
    void identity_matchesContract() {
        CursorDiscoveryProvider provider = new CursorDiscoveryProvider();

        assertThat(provider.id()).isEqualTo("cursor");
        assertThat(provider.idPrefix()).isEqualTo("cursor");
        assertThat(provider.spiVersion()).isEqualTo(SpiVersion.CURRENT);
    }

    @Test
    void unavailableReason_noRoot_namesWhereItLooked() {
        assertThat(new CursorDiscoveryProvider().unavailableReason(CursorFixtures.context(home, Map.of())))
                .hasValueSatisfying(r -> assertThat(r).contains(".config/Cursor/User", ".cursor"));
    }

    @Test
    void unavailableReason_linuxDefaultRoot_available() throws Exception {
        Files.createDirectories(home.resolve(".config/Cursor/User/globalStorage"));

        assertThat(new CursorDiscoveryProvider().unavailableReason(CursorFixtures.context(home, Map.of()))).isEmpty();
    }

    @Test
    void unavailableReason_macRootOrAgentRoot_available() throws Exception {
        Path mac = Files.createDirectories(home.resolve("Library/Application Support/Cursor/User/workspaceStorage"));
        assertThat(new CursorDiscoveryProvider().unavailableReason(CursorFixtures.context(home, Map.of()))).isEmpty();

        Files.delete(mac);
        Files.createDirectories(home.resolve(".cursor/chats"));
        assertThat(new CursorDiscoveryProvider().unavailableReason(CursorFixtures.context(home, Map.of()))).isEmpty();
    }

    @Test
    void rootsSetting_replacesDefaults_andAcceptsTheUserDataDir() throws Exception {
        Files.createDirectories(home.resolve(".config/Cursor/User/globalStorage"));
        Path custom = Files.createDirectories(home.resolve("portable/data/User/globalStorage")).getParent();

        List<Path> roots = CursorRoots.userRoots(CursorFixtures.context(home,
                Map.of("cursor.roots", "~/portable/data")));

        assertThat(roots).containsExactly(custom.toRealPath());
    }
}
