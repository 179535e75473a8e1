package dev.llmsession.spi;

/**
 * {@code ServiceLoader} entry of a host probe.
 *
 * @since 0.1
 */
public interface HostProbeProvider extends Provider<HostProbe> {
}
