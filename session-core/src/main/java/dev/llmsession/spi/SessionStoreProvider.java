package dev.llmsession.spi;

/**
 * {@code ServiceLoader} entry of a storage adapter.
 *
 * @since 0.1
 */
public interface SessionStoreProvider extends Provider<SessionStore> {

    /**
     * Loads and initialises what opening any store of this kind needs (a driver, its native library, a mapping
     * library's first statement), so that a {@link #create} soon after is quick. It opens, creates and writes no
     * store and reads no setting: a caller that knows early it will open a store runs it on a thread of its own,
     * beside its other start-up work, and may as well never call {@link #create}. Never throws; the default does
     * nothing.
     *
     * @since 0.3
     */
    default void warmUp(ProviderContext context) {
    }
}
