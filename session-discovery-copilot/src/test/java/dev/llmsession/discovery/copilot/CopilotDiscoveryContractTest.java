package dev.llmsession.discovery.copilot;

import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.file.Path;

/** The SPI's promises, checked by the test kit against the Copilot CLI adapter and the captured files. */
final class CopilotDiscoveryContractTest extends SessionDiscoveryContract {
    @Override
    protected SessionDiscoveryProvider newProvider() {
        return new CopilotDiscoveryProvider();
    }

    @Override
    protected void layOutHome(Path home) throws IOException {
        Captured.layOut(home);
    }
}
