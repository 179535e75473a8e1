package dev.llmsession.discovery.claudecode;

import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.util.Optional;

/** {@code ServiceLoader} entry of the Claude Code adapter. Does no I/O until {@link #create}. */
public final class ClaudeCodeDiscoveryProvider implements SessionDiscoveryProvider {

    public ClaudeCodeDiscoveryProvider() {
        // no I/O here: ServiceLoader instantiates every provider
    }

    @Override
    public String id() {
        return ClaudeCodeSessionDiscovery.ASSISTANT;
    }

    @Override
    public String idPrefix() {
        return ClaudeCodeSessionDiscovery.ID_PREFIX;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Optional<String> unavailableReason(ProviderContext context) {
        if (!ClaudeRoots.existing(context).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("no Claude Code data directory (with projects/ or sessions/) among "
                + ClaudeRoots.candidates(context));
    }

    @Override
    public SessionDiscovery create(ProviderContext context) {
        return new ClaudeCodeSessionDiscovery(context);
    }
}
