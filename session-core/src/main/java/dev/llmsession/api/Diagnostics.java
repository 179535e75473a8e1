package dev.llmsession.api;

/**
 * What {@code doctor} shows: where each adapter looked and what it found, the providers not in use, and the store.
 * Thread-safe.
 *
 * @since 0.1
 */
public interface Diagnostics {

    /**
     * Refreshes every session (so each adapter can tell what it found, not only where it looked) and reports.
     *
     * @param rebuildIndex forget the store's per-file index first, so the refresh reads every transcript again
     */
    DiagnosticsReport diagnose(boolean rebuildIndex);
}
