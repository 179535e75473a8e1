package dev.llmsession.discovery.copilot;

import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code ServiceLoader} entry of the GitHub Copilot CLI adapter. Does no I/O until asked. */
public final class CopilotDiscoveryProvider implements SessionDiscoveryProvider {

    public CopilotDiscoveryProvider() {
        // no I/O here: ServiceLoader instantiates every provider
    }

    @Override
    public String id() {
        return CopilotSessionDiscovery.ASSISTANT;
    }

    @Override
    public String idPrefix() {
        return CopilotSessionDiscovery.ASSISTANT;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Optional<String> unavailableReason(ProviderContext context) {
        Path dir = CopilotSessionDiscovery.sessionState(context);
        return Files.isDirectory(dir) ? Optional.empty() : Optional.of("no Copilot CLI session-state directory " + dir);
    }

    @Override
    public SessionDiscovery create(ProviderContext context) {
        return new CopilotSessionDiscovery(CopilotSessionDiscovery.sessionState(context));
    }
}
