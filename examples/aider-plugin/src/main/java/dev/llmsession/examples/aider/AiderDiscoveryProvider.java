package dev.llmsession.examples.aider;

import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;

/**
 * {@code ServiceLoader} entry of the Aider plugin. Does no I/O until asked. Aider keeps its history in each
 * project, so ended sessions are found up to two levels under the directories of the {@code aider.roots} setting
 * ({@code adapters: {aider: {roots: [/home/me/code]}}} in the config file) and in the file {@code AIDER_CHAT_HISTORY_FILE}
 * names; running ones in the directory of each live {@code aider} process.
 */
public final class AiderDiscoveryProvider implements SessionDiscoveryProvider {

    public AiderDiscoveryProvider() {
        // no I/O here: ServiceLoader instantiates every provider
    }

    @Override
    public String id() {
        return AiderSessionDiscovery.ASSISTANT;
    }

    @Override
    public String idPrefix() {
        return AiderSessionDiscovery.ASSISTANT;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public SessionDiscovery create(ProviderContext context) {
        return new AiderSessionDiscovery(context);
    }
}
