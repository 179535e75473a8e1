package dev.llmsession.discovery.gemini;

import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.nio.file.Files;
import java.util.Optional;

/** {@code ServiceLoader} entry of the Gemini CLI adapter. Does no I/O until asked. */
public final class GeminiDiscoveryProvider implements SessionDiscoveryProvider {

    public GeminiDiscoveryProvider() {
        // no I/O here: ServiceLoader instantiates every provider
    }

    @Override
    public String id() {
        return GeminiSessionDiscovery.ASSISTANT;
    }

    @Override
    public String idPrefix() {
        return GeminiSessionDiscovery.ASSISTANT;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Optional<String> unavailableReason(ProviderContext context) {
        GeminiHome home = GeminiHome.of(context);
        return Files.isDirectory(home.projects()) ? Optional.empty()
                : Optional.of("no Gemini CLI chats directory " + home.projects());
    }

    @Override
    public SessionDiscovery create(ProviderContext context) {
        return new GeminiSessionDiscovery(GeminiHome.of(context));
    }
}
