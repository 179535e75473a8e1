package dev.llmsession.discovery.opencode;

import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code ServiceLoader} entry of the OpenCode adapter. Does no I/O until asked. */
public final class OpenCodeDiscoveryProvider implements SessionDiscoveryProvider {

    public OpenCodeDiscoveryProvider() {
        // no I/O here: ServiceLoader instantiates every provider
    }

    @Override
    public String id() {
        return OpenCodeSessionDiscovery.ASSISTANT;
    }

    @Override
    public String idPrefix() {
        return OpenCodeSessionDiscovery.ASSISTANT;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Optional<String> unavailableReason(ProviderContext context) {
        Path db = OpenCodeSessionDiscovery.database(context);
        return Files.isRegularFile(db) || Files.isDirectory(db.resolveSibling("storage").resolve("session"))
                ? Optional.empty() : Optional.of("no OpenCode database " + db + " nor storage/session beside it");
    }

    @Override
    public SessionDiscovery create(ProviderContext context) {
        return new OpenCodeSessionDiscovery(OpenCodeSessionDiscovery.database(context));
    }
}
