package dev.llmsession.discovery.claudecode.pricing;

import dev.llmsession.discovery.claudecode.transcript.UsageRecord;
import dev.llmsession.model.Cost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Claude's embedded, dated prices ({@code claude-prices.json}) in the adapter kit's {@link
 * dev.llmsession.adapterkit.PriceTable}: each call priced separately, 5-minute and 1-hour cache writes at their own
 * rates, flat-only writes at the 5-minute rate, fast mode multiplied, Haiku 5.5's long-prompt band applied per
 * request, models found by family ({@link ModelIds}). An unpriced model makes the whole cost unknown. Immutable and
 * thread-safe.
 */
public final class PriceTable {

    /** The table's resource name beside this class. */
    public static final String RESOURCE = "claude-prices.json";

    private final dev.llmsession.adapterkit.PriceTable table;
    /**
     * Computed when first asked for: only memos and resident filings need it, and a running-only refresh asks for
     * none (hashing the table's text bootstraps its records' {@code toString}: ~10 ms of a {@code list}'s CPU).
     * Racy single check: every thread computes the same value.
     */
    private volatile String fingerprint;

    private PriceTable(dev.llmsession.adapterkit.PriceTable table) {
        this.table = table;
    }

    /** The table shipped in this jar. */
    public static PriceTable embedded() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses a table in the {@code claude-prices.json} format (the kit's price-table JSON). */
    public static PriceTable parse(InputStream in) throws IOException {
        return new PriceTable(dev.llmsession.adapterkit.PriceTable.read(in, ModelIds::normalise));
    }

    /** Equal fingerprints price every call alike. */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = table.fingerprint();
            fingerprint = f;
        }
        return f;
    }

    /** The table's date, {@code YYYY-MM-DD}. */
    public String asOf() {
        return table.date();
    }

    /** Whether {@code model} has a price. */
    public boolean knows(String model) {
        return table.knows(model);
    }

    /** The cost of one call, or empty when its model has no price. */
    public OptionalDouble price(UsageRecord call) {
        return table.cost(billed(call));
    }

    /** The cost of calls: unknown, with the unpriced models listed, when any call cannot be priced. */
    public Cost cost(Collection<UsageRecord> calls) {
        List<dev.llmsession.adapterkit.PriceTable.Usage> billed = new ArrayList<>(calls.size());
        for (UsageRecord call : calls) {
            billed.add(billed(call));
        }
        return table.total(billed);
    }

    /** What a call is billed for: a write without the 5-minute/1-hour split is billed at the 5-minute rate. */
    private static dev.llmsession.adapterkit.PriceTable.Usage billed(UsageRecord call) {
        boolean split = call.hasBreakdown();
        return new dev.llmsession.adapterkit.PriceTable.Usage(call.model(), call.timestamp(), call.input(),
                call.output(), split ? call.cacheWrite5m() : call.cacheWriteFlat(), split ? call.cacheWrite1h() : 0,
                call.cacheRead(), call.fast());
    }
}
