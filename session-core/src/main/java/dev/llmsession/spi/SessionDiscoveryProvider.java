package dev.llmsession.spi;

/**
 * {@code ServiceLoader} entry of a discovery adapter. Registered in
 * {@code META-INF/services/dev.llmsession.spi.SessionDiscoveryProvider}.
 *
 * @since 0.1
 */
public interface SessionDiscoveryProvider extends Provider<SessionDiscovery> {
    /** Prefix of this assistant's session ids ({@code claude}). */
    String idPrefix();
}
