package dev.llmsession.host.oshi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SpiVersion;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

final class OshiHostProbeProviderTest {
    @Test
    void serviceLoader_classPath_findsExactlyThisProvider() {
        List<Class<? extends HostProbeProvider>> found = ServiceLoader
                .load(HostProbeProvider.class, OshiHostProbeProviderTest.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::type).toList();

        assertThat(found).containsExactly(OshiHostProbeProvider.class);
    }

    @Test
    void provider_shape_isPublicFinalWithAPublicNoArgConstructor() throws NoSuchMethodException {
        assertThat(Modifier.isPublic(OshiHostProbeProvider.class.getModifiers())).isTrue();
        assertThat(Modifier.isFinal(OshiHostProbeProvider.class.getModifiers())).isTrue();
        assertThat(Modifier.isPublic(OshiHostProbeProvider.class.getConstructor().getModifiers())).isTrue();
    }

    @Test
    void provider_identity_isOshiAtTheCurrentSpiVersionAndPriorityZero() {
        OshiHostProbeProvider provider = new OshiHostProbeProvider();

        assertThat(provider.id()).isEqualTo("oshi");
        assertThat(provider.spiVersion()).isEqualTo(SpiVersion.CURRENT);
        assertThat(provider.priority()).isZero();
    }

    @Test
    void unavailableReason_onLinux_isEmpty() {
        ProviderContext context = new ProviderContext(Path.of("/nonexistent"), Map.of(), Clock.systemUTC(), Map.of());

        assertThat(new OshiHostProbeProvider().unavailableReason(context)).isEmpty();
    }

    @Test
    void create_anyContext_returnsAnOshiProbe() {
        ProviderContext context = new ProviderContext(Path.of("/nonexistent"), Map.of(), Clock.systemUTC(), Map.of());

        assertThat(new OshiHostProbeProvider().create(context)).isInstanceOf(OshiHostProbe.class);
    }
}
