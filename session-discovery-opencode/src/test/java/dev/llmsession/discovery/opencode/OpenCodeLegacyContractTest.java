package dev.llmsession.discovery.opencode;

import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The SPI's promises over a home holding both stores: OpenCode 1.1.65's legacy {@code storage/} files and the
 * {@code opencode.db} 1.18.33 wrote beside them (the contract also damages the legacy files' tails).
 */
final class OpenCodeLegacyContractTest extends SessionDiscoveryContract {
    @Override
    protected SessionDiscoveryProvider newProvider() {
        return new OpenCodeDiscoveryProvider();
    }

    @Override
    protected void layOutHome(Path home) throws IOException {
        Captured.layOutTree(home, "opencode-1.1.65-then-1.18.33");
    }
}
