package dev.llmsession.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.api.ModelRates;
import dev.llmsession.api.UsageBlock;
import dev.llmsession.api.UsageKind;
import dev.llmsession.api.UsagePeriod;
import dev.llmsession.api.UsageReport;
import dev.llmsession.api.UsageRequest;
import dev.llmsession.error.UsageException;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageLedger;
import dev.llmsession.spi.UsageSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class UsageEngineTest {
    private static final Instant T0 = Instant.parse("2026-08-03T10:20:00Z");
    private static final ZoneId UTC = ZoneOffset.UTC;

    /** One API call, before the store sums it. */
    record Call(String session, String model, Instant at, long in, long out, long write, long read, double cost) {
        Call(String session, Instant at, long tokens) {
            this(session, "claude-opus-4-6", at, tokens, 0, 0, 0, tokens / 1_000_000.0);
        }
    }

    /**
     * A store that sums calls into slices exactly as the SQLite query does (session, model, 15-minute slot, on the
     * hour or not), filtering by the filter's instants and assistant, and counts its queries.
     */
    static final class SliceStore implements UsageLedger {
        final List<Call> calls = new ArrayList<>();
        final List<UsageFilter> queries = new ArrayList<>();

        SliceStore add(Call... more) {
            calls.addAll(List.of(more));
            return this;
        }

        @Override
        public List<UsageSlice> usage(UsageFilter filter) {
            queries.add(filter);
            Map<String, List<Call>> groups = new LinkedHashMap<>();
            for (Call c : calls) {
                long at = c.at().toEpochMilli();
                if (filter.from().isPresent() && at < filter.from().get().toEpochMilli()
                        || filter.until().isPresent() && at >= filter.until().get().toEpochMilli()) {
                    continue;
                }
                String key = c.session() + "|" + c.model() + "|" + at / UsageSlice.SLOT_MILLIS + "|" + (at % 3_600_000 == 0);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
            }
            List<UsageSlice> out = new ArrayList<>();
            groups.values().forEach(g -> {
                Call f = g.get(0);
                long at = f.at().toEpochMilli();
                boolean unpriced = Double.isNaN(f.cost());
                out.add(new UsageSlice("claude-code", f.session(), "proj", f.model(),
                        at / UsageSlice.SLOT_MILLIS * UsageSlice.SLOT_MILLIS, at % 3_600_000 == 0,
                        g.stream().mapToLong(c -> c.at().toEpochMilli()).min().getAsLong(),
                        g.stream().mapToLong(c -> c.at().toEpochMilli()).max().getAsLong(), g.size(),
                        g.stream().mapToLong(Call::in).sum(), g.stream().mapToLong(Call::out).sum(),
                        g.stream().mapToLong(Call::write).sum(), g.stream().mapToLong(Call::read).sum(),
                        unpriced ? 0 : g.stream().mapToDouble(Call::cost).sum(), unpriced ? g.size() : 0));
            });
            return out;
        }
    }

    private static UsageEngine engine(SliceStore store, Instant now) {
        return new UsageEngine(store, Clock.fixed(now, UTC));
    }

    private static UsageRequest request(UsageKind kind, ZoneId zone) {
        return UsageRequest.of(kind, zone);
    }

    private static Map<String, Long> tokensByPeriod(UsageReport r) {
        Map<String, Long> out = new LinkedHashMap<>();
        r.periods().forEach(p -> out.put(p.period(), p.totals().totalTokens()));
        return out;
    }

    @Test
    void daily_sessionCrossingMidnight_splitsAtLocalMidnightInEachZone() {
        // 13:50Z = 23:50 in UTC+10, 14:10Z = 00:10 the next day there; 07:50Z = 23:50 in UTC-8, 08:10Z = 00:10.
        SliceStore store = new SliceStore().add(
                new Call("s1", Instant.parse("2026-08-03T13:50:00Z"), 1),
                new Call("s1", Instant.parse("2026-08-03T14:10:00Z"), 10),
                new Call("s1", Instant.parse("2026-08-03T07:50:00Z"), 100),
                new Call("s1", Instant.parse("2026-08-03T08:10:00Z"), 1000));
        UsageEngine e = engine(store, T0);

        assertThat(tokensByPeriod(e.report(request(UsageKind.DAILY, ZoneOffset.ofHours(10)))))
                .containsExactly(Map.entry("2026-08-03", 1101L), Map.entry("2026-08-04", 10L));
        assertThat(tokensByPeriod(e.report(request(UsageKind.DAILY, ZoneOffset.ofHours(-8)))))
                .containsExactly(Map.entry("2026-08-02", 100L), Map.entry("2026-08-03", 1011L));
        assertThat(tokensByPeriod(e.report(request(UsageKind.DAILY, ZoneId.of("America/Los_Angeles")))))
                .containsExactly(Map.entry("2026-08-03", 1111L)); // PDT is UTC-7 in August
        assertThat(tokensByPeriod(e.report(request(UsageKind.DAILY, ZoneId.of("Asia/Kolkata")))))
                .containsExactly(Map.entry("2026-08-03", 1111L));
    }

    @Test
    void daily_halfAndQuarterHourZones_bucketByLocalMidnight() {
        // Local midnight in +05:30 is 18:30Z; in +05:45 it is 18:15Z: both fall inside the 18:15-18:30 slot.
        SliceStore store = new SliceStore().add(
                new Call("s1", Instant.parse("2026-08-03T18:20:00Z"), 1),
                new Call("s1", Instant.parse("2026-08-03T18:29:59Z"), 2),
                new Call("s1", Instant.parse("2026-08-03T18:30:00Z"), 4));
        UsageEngine e = engine(store, T0);

        assertThat(tokensByPeriod(e.report(request(UsageKind.DAILY, ZoneId.of("Asia/Kathmandu")))))
                .containsExactly(Map.entry("2026-08-04", 7L));
        assertThat(tokensByPeriod(e.report(request(UsageKind.DAILY, ZoneOffset.ofHoursMinutes(5, 30)))))
                .containsExactly(Map.entry("2026-08-03", 3L), Map.entry("2026-08-04", 4L));
    }

    @Test
    void sinceUntil_areDaysInTheZone_untilInclusive() {
        SliceStore store = new SliceStore().add(
                new Call("s1", Instant.parse("2026-08-02T23:59:00Z"), 1),
                new Call("s1", Instant.parse("2026-08-03T00:00:00Z"), 10),
                new Call("s1", Instant.parse("2026-08-04T23:59:59Z"), 100),
                new Call("s1", Instant.parse("2026-08-05T00:00:00Z"), 1000));
        UsageReport r = engine(store, T0).report(new UsageRequest(UsageKind.DAILY,
                Optional.of(LocalDate.parse("2026-08-03")), Optional.of(LocalDate.parse("2026-08-04")), UTC,
                Optional.empty(), Optional.empty(), true, Map.of(), Optional.empty()));

        assertThat(tokensByPeriod(r)).containsExactly(Map.entry("2026-08-04", 100L), Map.entry("2026-08-03", 10L));
        assertThat(r.totals().totalTokens()).isEqualTo(110);
        assertThatThrownBy(() -> new UsageRequest(UsageKind.DAILY, Optional.of(LocalDate.parse("2026-08-05")),
                Optional.of(LocalDate.parse("2026-08-04")), UTC, Optional.empty(), Optional.empty(), false, Map.of(),
                Optional.empty())).isInstanceOf(UsageException.class).hasMessageContaining("after --until");
    }

    @Test
    void weekly_startsMonday_monthly_byCalendarMonth() {
        SliceStore store = new SliceStore().add(
                new Call("s1", Instant.parse("2026-08-02T12:00:00Z"), 1), // Sunday
                new Call("s1", Instant.parse("2026-08-03T12:00:00Z"), 10), // Monday
                new Call("s1", Instant.parse("2026-08-31T23:00:00Z"), 100),
                new Call("s2", Instant.parse("2026-09-01T01:00:00Z"), 1000));
        UsageEngine e = engine(store, T0);

        assertThat(tokensByPeriod(e.report(request(UsageKind.WEEKLY, UTC)))).containsExactly(
                Map.entry("2026-07-27", 1L), Map.entry("2026-08-03", 10L), Map.entry("2026-08-31", 1100L));
        assertThat(tokensByPeriod(e.report(request(UsageKind.MONTHLY, UTC)))).containsExactly(
                Map.entry("2026-08", 111L), Map.entry("2026-09", 1000L));
        assertThat(tokensByPeriod(e.report(request(UsageKind.MONTHLY, ZoneOffset.ofHours(2))))).containsExactly(
                Map.entry("2026-08", 11L), Map.entry("2026-09", 1100L));
    }

    @Test
    void session_rowPerSession_orderedByLastActivity_withModelsAndUnpricedListed() {
        SliceStore store = new SliceStore().add(
                new Call("late", "claude-opus-4-6", Instant.parse("2026-08-03T09:00:00Z"), 1, 2, 3, 4, 0.5),
                new Call("early", "claude-sonnet-4-5", Instant.parse("2026-08-01T09:00:00Z"), 20, 0, 0, 0, 0.25),
                new Call("early", "claude-nova-7-20270301", Instant.parse("2026-08-01T09:01:00Z"), 5, 5, 0, 0,
                        Double.NaN));
        UsageReport r = engine(store, T0).report(request(UsageKind.SESSION, UTC));

        assertThat(r.periods()).extracting(UsagePeriod::period).containsExactly("early", "late");
        UsagePeriod early = r.periods().get(0);
        assertThat(early.modelNames()).containsExactly("claude-sonnet-4-5", "claude-nova-7-20270301");
        assertThat(early.totals().pricedCostUsd()).isEqualTo(0.25);
        assertThat(early.totals().unpricedModels()).containsExactly("claude-nova-7-20270301");
        assertThat(early.totals().costKnown()).isFalse();
        assertThat(r.totals().calls()).isEqualTo(3);
        assertThat(r.totals().unpricedModels()).containsExactly("claude-nova-7-20270301");
    }

    @Test
    void priceOverrides_repriceTheirModel_byIdOrLongestPrefix_andMakeItKnown() {
        SliceStore store = new SliceStore().add(
                new Call("s", "claude-nova-7-20270301", T0, 1_000_000, 1_000_000, 1_000_000, 1_000_000, Double.NaN),
                new Call("s", "claude-opus-4-6", T0, 1_000_000, 0, 0, 0, 5.0));
        Map<String, ModelRates> prices = Map.of("claude-nova", new ModelRates(100, 100, 100, 100),
                "claude-nova-7", new ModelRates(1, 2, 3, 4));
        UsageReport r = engine(store, T0).report(new UsageRequest(UsageKind.DAILY, Optional.empty(), Optional.empty(),
                UTC, Optional.empty(), Optional.empty(), false, prices, Optional.empty()));

        assertThat(r.totals().unpricedModels()).isEmpty();
        assertThat(r.totals().pricedCostUsd()).isEqualTo(1 + 2 + 3 + 4 + 5.0);
        assertThat(UsageEngine.ratesFor("claude-nova-70", prices)).contains(new ModelRates(100, 100, 100, 100));
        assertThat(UsageEngine.ratesFor("claude-novax-7", prices)).isEmpty(); // a prefix ends at a '-'
        assertThat(UsageEngine.ratesFor("claude-nova-7", prices)).contains(new ModelRates(1, 2, 3, 4));
    }

    @Test
    void blocks_callExactlyFiveHoursAfterTheStart_staysInTheBlock_oneMillisecondLaterStartsTheNext() {
        Instant start = Instant.parse("2026-08-03T10:00:00Z");
        SliceStore store = new SliceStore().add(
                new Call("s", start.plusSeconds(20 * 60), 1), // block starts 10:00 (floored)
                new Call("s", start.plus(Duration.ofHours(5)), 10), // 15:00:00.000 exactly: still this block
                new Call("s", start.plus(Duration.ofHours(5)).plusMillis(1), 100), // 15:00:00.001: next block
                new Call("s", start.plus(Duration.ofHours(5)).plusSeconds(600), 1000));
        List<UsageBlock> blocks = engine(store, Instant.parse("2026-09-01T00:00:00Z"))
                .report(request(UsageKind.BLOCKS, UTC)).blocks();

        assertThat(blocks).extracting(b -> b.start().toString(), b -> b.totals().totalTokens(), UsageBlock::gap)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2026-08-03T10:00:00Z", 11L, false),
                        org.assertj.core.groups.Tuple.tuple("2026-08-03T15:00:00Z", 1100L, false));
        assertThat(blocks.get(0).end()).isEqualTo(Instant.parse("2026-08-03T15:00:00Z"));
        assertThat(blocks.get(0).lastAt()).contains(start.plus(Duration.ofHours(5)));
    }

    @Test
    void blocks_gapOfExactlyFiveHours_continuesTheBlockChain_longerGapAddsAGapBlock() {
        Instant a = Instant.parse("2026-08-03T10:00:00Z");
        // 10:00 -> 15:00 (exactly 5 h gap, same block since also exactly 5 h from start);
        // 15:00 -> 20:00:00.001: 5 h + 1 ms gap -> a gap block, then a new block at 20:00.
        SliceStore store = new SliceStore().add(new Call("s", a, 1), new Call("s", a.plus(Duration.ofHours(5)), 2),
                new Call("s", a.plus(Duration.ofHours(10)).plusMillis(1), 4));
        List<UsageBlock> blocks = engine(store, Instant.parse("2026-09-01T00:00:00Z"))
                .report(request(UsageKind.BLOCKS, UTC)).blocks();

        assertThat(blocks).extracting(UsageBlock::gap).containsExactly(false, true, false);
        assertThat(blocks.get(0).totals().totalTokens()).isEqualTo(3);
        assertThat(blocks.get(1).start()).isEqualTo(Instant.parse("2026-08-03T20:00:00Z"));
        assertThat(blocks.get(1).end()).isEqualTo(Instant.parse("2026-08-03T20:00:00.001Z"));
        assertThat(blocks.get(2).start()).isEqualTo(Instant.parse("2026-08-03T20:00:00Z"));
    }

    @Test
    void blocks_activeBlock_hasBurnRateProjectionAndResetTime() {
        Instant first = Instant.parse("2026-08-03T10:30:00Z");
        SliceStore store = new SliceStore().add(
                new Call("s", "claude-opus-4-6", first, 100, 500, 1000, 8400, 1.0),
                new Call("s", "claude-opus-4-6", first.plus(Duration.ofMinutes(60)), 100, 500, 1000, 8400, 1.0));
        Instant now = first.plus(Duration.ofMinutes(90)); // 12:00; block 10:00-15:00
        UsageBlock b = engine(store, now).report(request(UsageKind.BLOCKS, UTC)).blocks().get(0);

        assertThat(b.active()).isTrue();
        assertThat(b.timeToReset(now)).isEqualTo(Duration.ofHours(3));
        // 20,000 tokens (1,200 input+output) and $2 over the 60 minutes from first to last call.
        assertThat(b.burnRate().get().totalTokensPerMinute()).isEqualTo(20_000 / 60.0);
        assertThat(b.burnRate().get().tokensPerMinute()).isEqualTo(1_200 / 60.0);
        assertThat(b.burnRate().get().costPerHour()).isEqualTo(2.0);
        assertThat(b.projection().get().remainingMinutes()).isEqualTo(180);
        assertThat(b.projection().get().totalTokens()).isEqualTo(20_000 + 180 * 20_000 / 60);
        assertThat(b.projection().get().tokens()).isEqualTo(1_200 + 180 * 20);
        assertThat(b.projection().get().costUsd()).isCloseTo(2.0 + 6.0, org.assertj.core.data.Offset.offset(1e-9));

        assertThat(engine(store, first.plus(Duration.ofHours(6))).report(request(UsageKind.BLOCKS, UTC)).blocks()
                .get(0).active()).as("ended").isFalse();
    }

    @Test
    void blocks_tokenLimit_marksTheActiveBlock_max_isTheLargestFinishedBlock() {
        Instant past = Instant.parse("2026-08-01T10:00:00Z");
        Instant first = Instant.parse("2026-08-03T10:30:00Z");
        SliceStore store = new SliceStore().add(new Call("s", past, 10_000),
                new Call("s", first, 3_000), new Call("s", first.plus(Duration.ofMinutes(60)), 3_000));
        Instant now = first.plus(Duration.ofMinutes(60));
        UsageEngine e = engine(store, now);

        UsageBlock max = e.report(new UsageRequest(UsageKind.BLOCKS, Optional.empty(), Optional.empty(), UTC,
                Optional.empty(), Optional.empty(), false, Map.of(), Optional.of(new UsageRequest.TokenLimit(0, true))))
                .blocks().stream().filter(UsageBlock::active).findFirst().get();
        // 6,000 in 60 min, 210 minutes left: projected 6,000 + 21,000 = 27,000 of 10,000.
        assertThat(max.limit().get().limit()).isEqualTo(10_000);
        assertThat(max.limit().get().projectedTokens()).isEqualTo(27_000);
        assertThat(max.limit().get().level()).isEqualTo(UsageBlock.Level.EXCEEDS);

        assertThat(UsageBlock.LimitStatus.levelOf(69.9)).isEqualTo(UsageBlock.Level.OK);
        assertThat(UsageBlock.LimitStatus.levelOf(70)).isEqualTo(UsageBlock.Level.WARNING);
        assertThat(UsageBlock.LimitStatus.levelOf(90)).isEqualTo(UsageBlock.Level.CRITICAL);
        assertThat(UsageBlock.LimitStatus.levelOf(100)).isEqualTo(UsageBlock.Level.CRITICAL);
        assertThat(UsageBlock.LimitStatus.levelOf(100.1)).isEqualTo(UsageBlock.Level.EXCEEDS);
        assertThatThrownBy(() -> new UsageRequest.TokenLimit(0, false)).isInstanceOf(UsageException.class);
    }

    @Test
    void activeBlock_looksBackUntilAPauseLongerThanABlock_soTheStartMatchesTheFullHistory() {
        // Calls every 4 hours for 3 days: one chain without a pause; blocks restart every 5 hours from 00:00.
        SliceStore store = new SliceStore();
        Instant t = Instant.parse("2026-08-01T00:10:00Z");
        for (int i = 0; i < 18; i++) {
            store.add(new Call("s", t.plus(Duration.ofHours(4L * i)), 1));
        }
        Instant now = t.plus(Duration.ofHours(4L * 17)).plusSeconds(60);
        UsageEngine e = engine(store, now);

        UsageBlock fromFull = e.report(request(UsageKind.BLOCKS, UTC)).blocks().stream().filter(UsageBlock::active)
                .findFirst().get();
        store.queries.clear();
        Optional<UsageBlock> active = e.activeBlock(Optional.empty());

        assertThat(active).isPresent();
        assertThat(active.get().start()).isEqualTo(fromFull.start());
        assertThat(store.queries.size()).isGreaterThan(1);
        assertThat(engine(new SliceStore(), now).activeBlock(Optional.empty())).isEmpty();

        // asked again, it starts from the look-back that sufficed: one query, the same block
        store.queries.clear();
        assertThat(e.activeBlock(Optional.empty())).isEqualTo(active);
        assertThat(store.queries).hasSize(1);
    }

    @Test
    void activeBlock_aRememberedLookBackStillFindsANewPause() {
        // a chain 3 days long; later a pause of 6 h and a new call: the active block starts at the new call
        SliceStore store = new SliceStore();
        Instant t = Instant.parse("2026-08-01T00:10:00Z");
        for (int i = 0; i < 18; i++) {
            store.add(new Call("s", t.plus(Duration.ofHours(4L * i)), 1));
        }
        Instant last = t.plus(Duration.ofHours(4L * 17));
        Instant[] now = {last.plusSeconds(60)};
        UsageEngine e = new UsageEngine(store, new Clock() {
            @Override
            public ZoneId getZone() {
                return UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        });
        assertThat(e.activeBlock(Optional.empty())).isPresent();
        Instant resumed = last.plus(Duration.ofHours(6));
        store.add(new Call("s", resumed, 1));
        now[0] = resumed.plusSeconds(60);
        UsageBlock fromFull = e.report(request(UsageKind.BLOCKS, UTC)).blocks().stream()
                .filter(UsageBlock::active).findFirst().get();
        assertThat(e.activeBlock(Optional.empty())).map(UsageBlock::start).contains(fromFull.start());
    }
}
