package dev.llmsession.cli;

import dev.llmsession.model.ProcessTable;
import dev.llmsession.spi.HostProbe;
import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SpiVersion;

/** A host probe with an empty process table (the fake sessions say themselves whether they run). */
final class FakeHostProbeProvider implements HostProbeProvider {
    @Override
    public String id() {
        return "fake-host";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public HostProbe create(ProviderContext context) {
        return () -> ProcessTable.empty(context.clock().instant());
    }
}
