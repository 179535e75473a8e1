package dev.llmsession.api;

import java.util.Optional;

/**
 * Token and cost reports from the persistent index, like ccusage's. They read what the index holds: refresh it
 * first (a {@link SessionCatalog#list} with ended sessions) to include files written since. Thread-safe.
 *
 * @since 0.1
 */
public interface UsageReports {
    /** The report {@code request} asks for. */
    UsageReport report(UsageRequest request);

    /**
     * The 5-hour block open now, with its burn rate and projection, if there is one: what a monitor's header shows.
     * Reads only as much history as it takes to place the block's start.
     *
     * @param assistant only this assistant's calls (empty: all)
     */
    Optional<UsageBlock> activeBlock(Optional<String> assistant);
}
