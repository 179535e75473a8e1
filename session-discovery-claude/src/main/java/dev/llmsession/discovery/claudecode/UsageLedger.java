package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.pricing.PriceTable;
import dev.llmsession.discovery.claudecode.transcript.UsageRecord;
import dev.llmsession.spi.TranscriptIndex;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the calls {@link SessionAssembler} chose for each session into the usage rows the index keeps for the
 * {@code usage} reports: one row per winning call, filed under its owner session's main file. The reports sum
 * these rows and nothing else, so they agree with the session figures call for call (SPEC §4 rule 8). Stateless.
 */
final class UsageLedger {

    private final PriceTable prices;

    UsageLedger(PriceTable prices) {
        this.prices = prices;
    }

    /** The rows of the given sessions, by path: each session's winning calls under its main file. */
    Map<String, List<TranscriptIndex.UsageRow>> rows(
            List<Map.Entry<TranscriptSet, SessionAssembler.SessionFigures>> sessions) {
        Map<String, List<TranscriptIndex.UsageRow>> out = new LinkedHashMap<>();
        for (Map.Entry<TranscriptSet, SessionAssembler.SessionFigures> e : sessions) {
            TranscriptSet set = e.getKey();
            out.put(set.main().path().toString(),
                    new Rows(set.sessionId(), set.main().path(), e.getValue().calls(), prices));
        }
        return out;
    }

    /**
     * Rows made on demand from the chosen records, so a commit does not hold a second copy of every call (a huge
     * session holds hundreds of thousands). Calls without a message id are numbered in record order.
     */
    private static final class Rows extends AbstractList<TranscriptIndex.UsageRow> {
        private final String session;
        private final Path main;
        private final List<UsageRecord> calls;
        private final PriceTable prices;

        Rows(String session, Path main, List<UsageRecord> calls, PriceTable prices) {
            this.session = session;
            this.main = main;
            this.calls = calls;
            this.prices = prices;
        }

        @Override
        public int size() {
            return calls.size();
        }

        @Override
        public TranscriptIndex.UsageRow get(int index) {
            UsageRecord r = calls.get(index);
            int keyless = 0;
            if (r.messageId() == null) {
                for (int i = 0; i < index; i++) {
                    if (calls.get(i).messageId() == null) {
                        keyless++;
                    }
                }
            }
            return row(r, keyless);
        }

        @Override
        public Iterator<TranscriptIndex.UsageRow> iterator() {
            return new Iterator<>() {
                private final Iterator<UsageRecord> records = calls.iterator();
                private int keyless;

                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public TranscriptIndex.UsageRow next() {
                    UsageRecord r = records.next();
                    return row(r, r.messageId() == null ? keyless++ : 0);
                }
            };
        }

        private TranscriptIndex.UsageRow row(UsageRecord r, int keyless) {
            // the key built once per row (a first index makes 74,000 rows for the 1 GB corpus)
            String key = r.key();
            if (key == null) {
                key = "nokey:" + main + "#" + keyless;
            }
            double cost = prices.price(r).orElse(Double.NaN);
            return new TranscriptIndex.UsageRow(session, key, r.timestamp() == null ? 0 : r.timestamp().toEpochMilli(),
                    r.model() == null ? "" : r.model(), r.input(), r.output(), r.cacheWrite(), r.cacheRead(), cost,
                    r.sidechain());
        }
    }
}
