package dev.llmsession.api;

/**
 * Every session the store has seen, including those whose transcripts the assistant has since deleted, with the
 * context packs imported from them. Thread-safe.
 *
 * @since 0.1
 */
public interface SessionHistory {

    /** Refreshes first, so what is on disk now is in the history too, then answers {@code query}. */
    HistoryReport history(HistoryQuery query);
}
