package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ClaudeCodeDiscoveryProviderTest {

    @TempDir
    Path home;

    @Test
    void serviceLoader_findsExactlyThisProvider() {
        List<SessionDiscoveryProvider> found = ServiceLoader.load(SessionDiscoveryProvider.class,
                ClaudeCodeDiscoveryProvider.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

        assertThat(found).singleElement().isInstanceOf(ClaudeCodeDiscoveryProvider.class);
    }

    @Test
    void identity_matchesContract() {
        ClaudeCodeDiscoveryProvider provider = new ClaudeCodeDiscoveryProvider();

        assertThat(provider.id()).isEqualTo("claude-code");
        assertThat(provider.idPrefix()).isEqualTo("claude");
        assertThat(provider.spiVersion()).isEqualTo(SpiVersion.CURRENT);
    }

    @Test
    void unavailableReason_noRoot_explains() {
        ProviderContext context = new ProviderContext(home, Map.of(), Clock.systemUTC(), Map.of());

        assertThat(new ClaudeCodeDiscoveryProvider().unavailableReason(context)).hasValueSatisfying(
                reason -> assertThat(reason).contains(".claude"));
    }

    @Test
    void unavailableReason_rootFromSettingOrEnv_available() throws Exception {
        Path custom = Files.createDirectories(home.resolve("custom/projects")).getParent();
        Path fromEnv = Files.createDirectories(home.resolve("env-root/sessions")).getParent();
        ProviderContext context = new ProviderContext(home, Map.of("CLAUDE_CONFIG_DIR", "/nonexistent," + fromEnv),
                Clock.systemUTC(), Map.of("claude-code.roots", custom.toString()));

        assertThat(new ClaudeCodeDiscoveryProvider().unavailableReason(context)).isEmpty();
        assertThat(ClaudeRoots.existing(context)).containsExactly(fromEnv.toRealPath(), custom.toRealPath());
    }
}
