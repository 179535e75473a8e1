package dev.llmsession.discovery.opencode;

import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.file.Path;

/** The SPI's promises, checked by the test kit against the OpenCode adapter and the captured database. */
final class OpenCodeDiscoveryContractTest extends SessionDiscoveryContract {
    @Override
    protected SessionDiscoveryProvider newProvider() {
        return new OpenCodeDiscoveryProvider();
    }

    @Override
    protected void layOutHome(Path home) throws IOException {
        Captured.layOut(home);
    }
}
