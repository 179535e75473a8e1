package dev.llmsession.api;

import java.util.Optional;

/**
 * The usage reports of this machine: {@link UsageReports} over the store's index, which this use case keeps
 * current itself — a caller never has to refresh the index first. Thread-safe.
 *
 * @since 0.1
 */
public interface IndexedUsage extends UsageReports {

    /**
     * Indexes what the assistants wrote since the last refresh (new and appended transcripts, ended sessions
     * included; only {@code request}'s assistant when it names one), then reports.
     */
    Refreshed<UsageReport> refreshAndReport(UsageRequest request);

    /** The report from the index as it stands, without reading any transcript (a caller's {@code --no-refresh}). */
    @Override
    UsageReport report(UsageRequest request);

    /**
     * The 5-hour block in progress, after indexing the sessions that ended within the last block's reach (at most
     * once a minute, so a monitor asking every second does not re-read them each time).
     */
    @Override
    Optional<UsageBlock> activeBlock(Optional<String> assistant);
}
