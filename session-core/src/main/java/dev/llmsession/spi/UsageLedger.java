package dev.llmsession.spi;

import java.util.List;

/**
 * The usage rows adapters committed through the store's {@link TranscriptIndex}, summed for the reports. Each row
 * is one call its adapter has already decided on (owner session, winning copy), so a ledger sums, it never
 * de-duplicates. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface UsageLedger {

    /**
     * The committed calls matching {@code filter}, summed per assistant, session, model, 15-minute UTC slot and
     * whether the call fell exactly on a full hour (see {@link UsageSlice}), in no particular order. A slice's
     * project is that of its session as last recorded in the store's {@link SnapshotHistory} (empty when unknown).
     *
     * @throws dev.llmsession.error.StoreException when the query fails
     */
    List<UsageSlice> usage(UsageFilter filter);
}
