package dev.llmsession.host.oshi;

import dev.llmsession.spi.HostProbe;
import dev.llmsession.spi.HostProbeProvider;
import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SpiVersion;
import java.util.Optional;

/**
 * {@code ServiceLoader} entry of the OSHI host probe. Does no I/O until {@link #create} is called, and the
 * probe it creates loads OSHI only on its first snapshot. Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class OshiHostProbeProvider implements HostProbeProvider {
    /** The provider id. */
    public static final String ID = "oshi";

    /** For {@code ServiceLoader}; does nothing. */
    public OshiHostProbeProvider() {
        // no I/O here: ServiceLoader instantiates every provider, used or not
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<String> unavailableReason(ProviderContext context) {
        return OshiHostProbe.unsupportedPlatform();
    }

    @Override
    public HostProbe create(ProviderContext context) {
        // JNA unpacks its native library to jna.tmpdir, by default ~/.cache/JNA/temp on Linux (TMPDIR ignored);
        // it deletes the file as soon as it is loaded, so only TMPDIR needs saying. A user's own setting wins.
        if (System.getProperty("jna.tmpdir") == null) {
            System.setProperty("jna.tmpdir", context.tempDirectory().toString());
        }
        return new OshiHostProbe(context.clock());
    }
}
