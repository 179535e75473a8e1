package dev.llmsession.spi;

import dev.llmsession.spi.TranscriptIndex.UsageRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The ledger of {@link SessionStore#inMemory()}: the rows its index kept, summed as the SQLite query sums them. */
final class InMemoryUsageLedger implements UsageLedger {
    private static final long HOUR = 3_600_000L;
    private final InMemoryTranscriptIndex index;
    private final InMemorySnapshotHistory history;

    InMemoryUsageLedger(InMemoryTranscriptIndex index, InMemorySnapshotHistory history) {
        this.index = Objects.requireNonNull(index, "index");
        this.history = Objects.requireNonNull(history, "history");
    }

    private record Key(String assistant, String session, String model, long slot, boolean onHour) {
    }

    @Override
    public List<UsageSlice> usage(UsageFilter filter) {
        Objects.requireNonNull(filter, "filter");
        Map<String, String> projects = history.projects();
        Map<Key, List<UsageRow>> groups = new LinkedHashMap<>();
        index.rows().forEach((adapter, rows) -> {
            if (filter.assistant().isPresent() && !filter.assistant().get().equals(adapter)) {
                return;
            }
            for (UsageRow r : rows) {
                if (filter.from().map(f -> r.at() < f.toEpochMilli()).orElse(false)
                        || filter.until().map(u -> r.at() >= u.toEpochMilli()).orElse(false)) {
                    continue;
                }
                groups.computeIfAbsent(new Key(adapter, r.sessionId(), r.model(), r.at() / UsageSlice.SLOT_MILLIS,
                        r.at() % HOUR == 0), k -> new ArrayList<>()).add(r);
            }
        });
        List<UsageSlice> out = new ArrayList<>();
        groups.forEach((k, rows) -> {
            String project = projects.getOrDefault(InMemorySnapshotHistory.key(k.assistant(), k.session()), "");
            if (filter.project().isPresent() && !filter.project().get().equals(project)) {
                return;
            }
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            long in = 0;
            long outTokens = 0;
            long cw = 0;
            long cr = 0;
            double cost = 0;
            long unpriced = 0;
            for (UsageRow r : rows) {
                first = Math.min(first, r.at());
                last = Math.max(last, r.at());
                in += r.input();
                outTokens += r.output();
                cw += r.cacheWrite();
                cr += r.cacheRead();
                if (Double.isNaN(r.costUsd())) {
                    unpriced++;
                } else {
                    cost += r.costUsd();
                }
            }
            out.add(new UsageSlice(k.assistant(), k.session(), project, k.model(), k.slot() * UsageSlice.SLOT_MILLIS,
                    k.onHour(), first, last, rows.size(), in, outTokens, cw, cr, cost, unpriced));
        });
        return out;
    }
}
