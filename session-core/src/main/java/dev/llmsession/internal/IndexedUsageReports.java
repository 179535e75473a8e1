package dev.llmsession.internal;

import dev.llmsession.api.IndexedUsage;
import dev.llmsession.api.Refreshed;
import dev.llmsession.api.SessionCatalog;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.api.UsageBlock;
import dev.llmsession.api.UsageReport;
import dev.llmsession.api.UsageReports;
import dev.llmsession.api.UsageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The usage use case: a catalog refresh where a report needs one, then the reports over the store's ledger. */
public final class IndexedUsageReports implements IndexedUsage {
    /**
     * How often the transcripts of recently ended sessions are indexed for the open block: the running sessions'
     * refresh alone would leave a block's calls from a session that ended an hour ago out of its totals.
     */
    static final Duration BLOCK_INDEX_EVERY = Duration.ofMinutes(1);
    /** How far back those ended sessions reach: the open block and the one before it, which places its start. */
    static final Duration BLOCK_REACH = UsageBlock.LENGTH.multipliedBy(2);

    private final SessionCatalog catalog;
    private final UsageReports reports;
    private final Clock clock;
    /** When the ended sessions were last indexed for a block, per assistant filter. */
    private final Map<Optional<String>, Instant> blockIndexedAt = new HashMap<>();

    public IndexedUsageReports(SessionCatalog catalog, UsageReports reports, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Refreshed<UsageReport> refreshAndReport(UsageRequest request) {
        SessionListing refresh = catalog.list(new SessionQuery(true, Optional.empty(), request.assistant()));
        return new Refreshed<>(reports.report(request), refresh.warnings());
    }

    @Override
    public UsageReport report(UsageRequest request) {
        return reports.report(request);
    }

    @Override
    public Optional<UsageBlock> activeBlock(Optional<String> assistant) {
        indexRecentlyEnded(assistant);
        return reports.activeBlock(assistant);
    }

    private void indexRecentlyEnded(Optional<String> assistant) {
        Instant now = clock.instant();
        synchronized (blockIndexedAt) {
            Instant last = blockIndexedAt.get(assistant);
            if (last != null && Duration.between(last, now).compareTo(BLOCK_INDEX_EVERY) < 0 && !now.isBefore(last)) {
                return;
            }
            blockIndexedAt.put(assistant, now);
        }
        catalog.list(new SessionQuery(true, Optional.of(now.minus(BLOCK_REACH)), assistant));
    }
}
