package dev.llmsession.spi;

/**
 * The version of the provider contracts. Providers implement {@code spiVersion()} as
 * {@code return SpiVersion.CURRENT;}, a compile-time constant, so the value a plugin was built
 * against is inlined into it. Raised only for breaking changes; new methods arrive as defaults.
 *
 * @since 0.1
 */
public final class SpiVersion {
    public static final int CURRENT = 1;

    private SpiVersion() {
    }
}
