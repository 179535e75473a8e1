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
import java.util.function.ToLongFunction;

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
    private final ToLongFunction<Optional<String>> unfiledMark;
    /** When the ended sessions were last indexed for a block, and the catalog's unfiled mark then, per filter. */
    private final Map<Optional<String>, Indexed> blockIndexed = new HashMap<>();

    /**
     * @param unfiledMark per assistant filter, a number that moves whenever a refresh may have left calls of a
     *                    session it did not list out of the ledger ({@link DefaultSessionCatalog#unfiledMark}): while
     *                    it stands still the ended sessions are not listed again
     */
    public IndexedUsageReports(SessionCatalog catalog, UsageReports reports, Clock clock,
            ToLongFunction<Optional<String>> unfiledMark) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.unfiledMark = Objects.requireNonNull(unfiledMark, "unfiledMark");
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

    /**
     * Lists the sessions that ended within the block's reach, so that their calls are in the ledger: at most once a
     * minute, and only when a refresh since the last such listing may have left some out (a watched catalog that
     * saw only the running sessions' own files change, and no session end, has every call filed already).
     */
    private void indexRecentlyEnded(Optional<String> assistant) {
        Instant now = clock.instant();
        synchronized (blockIndexed) {
            Indexed last = blockIndexed.get(assistant);
            if (last != null && Duration.between(last.at(), now).compareTo(BLOCK_INDEX_EVERY) < 0
                    && !now.isBefore(last.at())) {
                return;
            }
            // read before the listing: whatever a refresh leaves out while it runs moves the mark past this one
            long mark = unfiledMark.applyAsLong(assistant);
            if (last != null && last.mark() == mark) {
                return;
            }
            blockIndexed.put(assistant, new Indexed(now, mark));
        }
        catalog.list(new SessionQuery(true, Optional.of(now.minus(BLOCK_REACH)), assistant));
    }

    /** When the ended sessions were last listed for a block, and the unfiled mark read just before. */
    private record Indexed(Instant at, long mark) {
    }
}
