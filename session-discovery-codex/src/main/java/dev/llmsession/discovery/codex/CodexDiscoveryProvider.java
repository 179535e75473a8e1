package dev.llmsession.discovery.codex;

import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.nio.file.Files;
import java.util.Optional;

/** {@code ServiceLoader} entry of the Codex CLI adapter. Does no I/O until asked. */
public final class CodexDiscoveryProvider implements SessionDiscoveryProvider {

    public CodexDiscoveryProvider() {
        // no I/O here: ServiceLoader instantiates every provider
    }

    @Override
    public String id() {
        return CodexSessionDiscovery.ASSISTANT;
    }

    @Override
    public String idPrefix() {
        return CodexSessionDiscovery.ID_PREFIX;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Optional<String> unavailableReason(ProviderContext context) {
        CodexHome home = CodexHome.of(context);
        return Files.isDirectory(home.sessions()) || Files.isDirectory(home.archived()) ? Optional.empty()
                : Optional.of("no Codex sessions directory " + home.sessions() + " (CODEX_HOME=" + home.root() + ")");
    }

    @Override
    public SessionDiscovery create(ProviderContext context) {
        return new CodexSessionDiscovery(CodexHome.of(context));
    }
}
