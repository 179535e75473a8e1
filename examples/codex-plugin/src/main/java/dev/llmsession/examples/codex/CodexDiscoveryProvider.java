package dev.llmsession.examples.codex;

import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.nio.file.Files;
import java.util.Optional;

/** {@code ServiceLoader} entry of the Codex adapter. Does no I/O until asked. */
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

    /** The compile-time constant of the SPI this plugin was built against, inlined by javac. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Optional<String> unavailableReason(ProviderContext context) {
        CodexHome home = CodexHome.of(context);
        return Files.isDirectory(home.sessions()) ? Optional.empty()
                : Optional.of("no Codex sessions directory " + home.sessions() + " (CODEX_HOME=" + home.root() + ")");
    }

    @Override
    public SessionDiscovery create(ProviderContext context) {
        return new CodexSessionDiscovery(CodexHome.of(context));
    }
}
