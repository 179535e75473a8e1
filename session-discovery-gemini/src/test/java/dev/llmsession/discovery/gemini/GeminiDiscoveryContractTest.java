package dev.llmsession.discovery.gemini;

import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.file.Path;

/** The SPI's promises, checked by the test kit against the Gemini adapter and the captured files. */
final class GeminiDiscoveryContractTest extends SessionDiscoveryContract {
    @Override
    protected SessionDiscoveryProvider newProvider() {
        return new GeminiDiscoveryProvider();
    }

    @Override
    protected void layOutHome(Path home) throws IOException {
        Captured.layOut(home, home.resolve("proj"));
    }
}
