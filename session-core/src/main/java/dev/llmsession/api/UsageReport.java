package dev.llmsession.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A usage report: rows for daily, weekly, monthly and session reports, blocks for the blocks report.
 *
 * @param kind    which report
 * @param zone    the time zone of its days
 * @param at      "now" when it was made (blocks are active relative to it)
 * @param periods the rows (empty for blocks)
 * @param blocks  the blocks, gaps included (empty for other reports)
 * @param totals  every call the report covers
 * @since 0.1
 */
public record UsageReport(UsageKind kind, ZoneId zone, Instant at, List<UsagePeriod> periods, List<UsageBlock> blocks,
        UsageTotals totals) {
    public UsageReport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(at, "at");
        periods = List.copyOf(periods);
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(totals, "totals");
    }
}
