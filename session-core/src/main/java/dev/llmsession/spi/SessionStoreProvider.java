package dev.llmsession.spi;

/**
 * {@code ServiceLoader} entry of a storage adapter.
 *
 * @since 0.1
 */
public interface SessionStoreProvider extends Provider<SessionStore> {
}
