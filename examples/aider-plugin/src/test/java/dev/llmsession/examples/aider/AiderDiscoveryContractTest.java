package dev.llmsession.examples.aider;

import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.testkit.SessionDiscoveryContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The SPI's promises, checked by the test kit against the Aider plugin and the real sample. */
final class AiderDiscoveryContractTest extends SessionDiscoveryContract {
    @Override
    protected SessionDiscoveryProvider newProvider() {
        return new AiderDiscoveryProvider();
    }

    @Override
    protected void layOutHome(Path home) throws IOException {
        AiderSample.layOut(home.resolve("code/aider"));
    }

    @Override
    protected Map<String, String> environment(Path home) {
        return Map.of("AIDER_CHAT_HISTORY_FILE", home.resolve("code/aider/.aider.chat.history.md").toString());
    }
}
