package dev.llmsession.discovery.codex;

import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.file.Path;

/** The SPI's promises, checked by the test kit against the Codex plugin and the real samples. */
final class CodexDiscoveryContractTest extends SessionDiscoveryContract {
    @Override
    protected SessionDiscoveryProvider newProvider() {
        return new CodexDiscoveryProvider();
    }

    @Override
    protected void layOutHome(Path home) throws IOException {
        Samples.layOut(home.resolve(".codex"));
    }
}
