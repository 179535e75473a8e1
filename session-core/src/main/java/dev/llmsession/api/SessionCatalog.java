package dev.llmsession.api;

import dev.llmsession.model.Session;

/**
 * Lists and finds sessions across every discovery adapter. One process-table read per call.
 * Thread-safe.
 *
 * @since 0.1
 */
public interface SessionCatalog {
    /** Sessions matching {@code query}, most recently active first. */
    SessionListing list(SessionQuery query);

    /**
     * The one session named by a full id or a unique prefix of it (with or without the assistant prefix).
     *
     * @throws dev.llmsession.error.SessionNotFoundException    when nothing matches
     * @throws dev.llmsession.error.AmbiguousSessionIdException when several sessions match
     */
    Session resolve(String idOrPrefix);
}
