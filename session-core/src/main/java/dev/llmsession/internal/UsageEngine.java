package dev.llmsession.internal;

import dev.llmsession.api.ModelRates;
import dev.llmsession.api.ModelUsage;
import dev.llmsession.api.UsageBlock;
import dev.llmsession.api.UsageBlock.BurnRate;
import dev.llmsession.api.UsageBlock.LimitStatus;
import dev.llmsession.api.UsageBlock.Projection;
import dev.llmsession.api.UsageKind;
import dev.llmsession.api.UsagePeriod;
import dev.llmsession.api.UsageReport;
import dev.llmsession.api.UsageReports;
import dev.llmsession.api.UsageRequest;
import dev.llmsession.api.UsageTotals;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageLedger;
import dev.llmsession.spi.UsageSlice;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The usage reports, computed from a store's 15-minute slices: days, weeks and months in any zone, sessions, and
 * ccusage's 5-hour blocks. Pure apart from the one store query per report. Thread-safe.
 */
public final class UsageEngine implements UsageReports {
    private static final long HOUR = 3_600_000L;
    private static final long BLOCK = UsageBlock.LENGTH.toMillis();
    /** How far back {@link #activeBlock} first looks; doubled until a pause of more than 5 hours is in view. */
    private static final Duration FIRST_LOOK_BACK = Duration.ofDays(1);
    private static final Duration LONGEST_LOOK_BACK = Duration.ofDays(800);

    private final UsageLedger ledger;
    private final Clock clock;
    /** Per assistant filter, the look-back that last found a pause longer than a block. */
    private final Map<Optional<String>, Duration> lookBack = new java.util.concurrent.ConcurrentHashMap<>();

    /** Reports over a store's ledger, or any source of slices (the team database's, one group of them). */
    public UsageEngine(UsageLedger ledger, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public UsageReport report(UsageRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        ZoneId zone = request.zone();
        UsageFilter filter = new UsageFilter(
                request.since().map(d -> d.atStartOfDay(zone).toInstant()),
                request.until().map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()),
                request.project(), request.assistant());
        List<UsageSlice> slices = priced(ledger.usage(filter), request.prices());
        UsageTotals totals = sum(slices).totals();
        if (request.kind() == UsageKind.BLOCKS) {
            List<UsageBlock> blocks = blocks(slices, now, request.tokenLimit());
            if (request.descending()) {
                blocks = reversed(blocks);
            }
            return new UsageReport(request.kind(), zone, now, List.of(), blocks, totals);
        }
        Map<String, List<UsageSlice>> groups = new HashMap<>();
        for (UsageSlice s : slices) {
            groups.computeIfAbsent(key(request.kind(), s, zone), k -> new ArrayList<>()).add(s);
        }
        List<UsagePeriod> rows = new ArrayList<>();
        groups.forEach((key, members) -> rows.add(period(request.kind(), key, members)));
        Comparator<UsagePeriod> order = request.kind() == UsageKind.SESSION
                ? Comparator.comparing(UsagePeriod::lastAt).thenComparing(UsagePeriod::period)
                : Comparator.comparing(UsagePeriod::period);
        rows.sort(request.descending() ? order.reversed() : order);
        return new UsageReport(request.kind(), zone, now, rows, List.of(), totals);
    }

    @Override
    public Optional<UsageBlock> activeBlock(Optional<String> assistant) {
        Objects.requireNonNull(assistant, "assistant");
        Instant now = clock.instant();
        // Start from the look-back that sufficed last time (a screen asks every few seconds): a wider window than
        // needed gives the same blocks, and the pause is checked again below, so this only saves the narrower
        // queries that would fail.
        Duration back = lookBack.getOrDefault(assistant, FIRST_LOOK_BACK);
        while (true) {
            boolean everything = back.compareTo(LONGEST_LOOK_BACK) > 0;
            // on a slot boundary: a store may answer such a window from the slices it keeps
            Instant from = Instant.ofEpochMilli(Math.floorDiv(now.minus(back).toEpochMilli(), UsageSlice.SLOT_MILLIS)
                    * UsageSlice.SLOT_MILLIS);
            List<UsageSlice> slices = ledger.usage(new UsageFilter(everything ? Optional.empty() : Optional.of(from),
                    Optional.empty(), Optional.empty(), assistant));
            long first = slices.stream().mapToLong(UsageSlice::firstAt).min().orElse(Long.MAX_VALUE);
            // The first block in view starts where the full history's does only after a pause of more than 5 h.
            if (everything || first == Long.MAX_VALUE || first - from.toEpochMilli() > BLOCK) {
                lookBack.put(assistant, back);
                return blocks(slices, now, Optional.empty()).stream().filter(UsageBlock::active).findFirst();
            }
            back = back.multipliedBy(4);
        }
    }

    // ---- prices -------------------------------------------------------------------------------------------

    /** Slices with the user's prices applied to every model they name (their calls are then all priced). */
    static List<UsageSlice> priced(List<UsageSlice> slices, Map<String, ModelRates> prices) {
        if (prices.isEmpty()) {
            return slices;
        }
        Map<String, Optional<ModelRates>> byModel = new HashMap<>();
        List<UsageSlice> out = new ArrayList<>(slices.size());
        for (UsageSlice s : slices) {
            Optional<ModelRates> rates = byModel.computeIfAbsent(s.model(), m -> ratesFor(m, prices));
            out.add(rates.map(r -> new UsageSlice(s.assistant(), s.sessionId(), s.project(), s.model(), s.slot(),
                    s.onHour(), s.firstAt(), s.lastAt(), s.calls(), s.input(), s.output(), s.cacheWrite(),
                    s.cacheRead(), r.cost(s.input(), s.output(), s.cacheWrite(), s.cacheRead()), 0)).orElse(s));
        }
        return out;
    }

    /** The override whose key is the model id or the longest prefix of it ending before a {@code -}. */
    static Optional<ModelRates> ratesFor(String model, Map<String, ModelRates> prices) {
        ModelRates exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String key : prices.keySet()) {
            if (model.startsWith(key) && model.length() > key.length() && model.charAt(key.length()) == '-'
                    && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return Optional.ofNullable(best).map(prices::get);
    }

    // ---- periods ------------------------------------------------------------------------------------------

    /**
     * The row a slice belongs to. A slot lies within one local day in every zone whose offset is a multiple of
     * 15 minutes (all zones in use today), so the first call's day is every call's day.
     */
    static String key(UsageKind kind, UsageSlice s, ZoneId zone) {
        LocalDate day = Instant.ofEpochMilli(s.firstAt()).atZone(zone).toLocalDate();
        return switch (kind) {
            case DAILY -> day.toString();
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
            case MONTHLY -> day.toString().substring(0, 7);
            case SESSION -> s.assistant() + "\u0000" + s.sessionId();
            case BLOCKS -> throw new IllegalArgumentException("blocks are not keyed");
        };
    }

    private static UsagePeriod period(UsageKind kind, String key, List<UsageSlice> members) {
        Sum all = sum(members);
        UsageSlice any = members.get(0);
        boolean session = kind == UsageKind.SESSION;
        String project = members.stream().map(UsageSlice::project).filter(p -> !p.isEmpty()).findFirst().orElse("");
        return new UsagePeriod(session ? any.sessionId() : key,
                session ? Optional.of(any.assistant()) : Optional.empty(),
                session && !project.isEmpty() ? Optional.of(project) : Optional.empty(),
                Instant.ofEpochMilli(all.first), Instant.ofEpochMilli(all.last), all.totals(), byModel(members));
    }

    /** Per model, most tokens first (then by name, for a stable order). */
    static List<ModelUsage> byModel(List<UsageSlice> slices) {
        Map<String, Sum> sums = new LinkedHashMap<>();
        for (UsageSlice s : slices) {
            sums.computeIfAbsent(s.model(), m -> new Sum()).add(s);
        }
        List<ModelUsage> out = new ArrayList<>();
        sums.forEach((model, sum) -> out.add(new ModelUsage(model, sum.totals())));
        out.sort(Comparator.comparingLong((ModelUsage m) -> m.totals().totalTokens()).reversed()
                .thenComparing(ModelUsage::model));
        return out;
    }

    // ---- blocks -------------------------------------------------------------------------------------------

    /**
     * ccusage's blocks over the slices, oldest first, gap blocks between. A slice never straddles a block's end:
     * blocks start and end on full UTC hours, slots are quarter hours, and the calls exactly on an hour are a
     * slice of their own (a call exactly 5 h after the block's start still belongs to it, as in ccusage).
     */
    static List<UsageBlock> blocks(List<UsageSlice> slices, Instant now, Optional<UsageRequest.TokenLimit> limit) {
        List<UsageSlice> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingLong(UsageSlice::firstAt).thenComparingLong(UsageSlice::lastAt));
        List<UsageBlock> blocks = new ArrayList<>();
        List<UsageSlice> current = new ArrayList<>();
        long start = 0;
        long last = Long.MIN_VALUE;
        for (UsageSlice s : sorted) {
            if (!current.isEmpty() && (s.firstAt() - start > BLOCK || s.firstAt() - last > BLOCK)) {
                blocks.add(block(start, current, now));
                if (s.firstAt() - last > BLOCK) {
                    blocks.add(gap(last, s.firstAt()));
                }
                current = new ArrayList<>();
            }
            if (current.isEmpty()) {
                start = Math.floorDiv(s.firstAt(), HOUR) * HOUR;
            }
            current.add(s);
            last = Math.max(last, s.lastAt());
        }
        if (!current.isEmpty()) {
            blocks.add(block(start, current, now));
        }
        return limit.isEmpty() ? blocks : withLimit(blocks, limit.get());
    }

    private static UsageBlock block(long start, List<UsageSlice> members, Instant now) {
        Sum sum = sum(members);
        UsageTotals totals = sum.totals();
        long end = start + BLOCK;
        boolean active = now.toEpochMilli() - sum.last < BLOCK && now.toEpochMilli() < end;
        Optional<BurnRate> rate = Optional.empty();
        Optional<Projection> projection = Optional.empty();
        double minutes = (sum.last - sum.first) / 60_000.0;
        if (active && minutes > 0) {
            long inOut = totals.input() + totals.output();
            BurnRate r = new BurnRate(inOut / minutes, totals.totalTokens() / minutes,
                    totals.pricedCostUsd() / minutes * 60);
            rate = Optional.of(r);
            double remaining = Math.max(0, (end - now.toEpochMilli()) / 60_000.0);
            projection = Optional.of(new Projection(Math.round(inOut + r.tokensPerMinute() * remaining),
                    Math.round(totals.totalTokens() + r.totalTokensPerMinute() * remaining),
                    totals.pricedCostUsd() + r.costPerHour() / 60 * remaining, Math.round(remaining)));
        }
        return new UsageBlock(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
                Optional.of(Instant.ofEpochMilli(sum.last)), active, false, totals, byModel(members), rate, projection,
                Optional.empty());
    }

    private static UsageBlock gap(long lastCall, long nextCall) {
        return new UsageBlock(Instant.ofEpochMilli(lastCall + BLOCK), Instant.ofEpochMilli(nextCall), Optional.empty(),
                false, true, UsageTotals.NONE, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The active block marked against the limit; {@code max} is the largest finished (inactive) block's total. */
    private static List<UsageBlock> withLimit(List<UsageBlock> blocks, UsageRequest.TokenLimit limit) {
        long tokens = limit.max()
                ? blocks.stream().filter(b -> !b.gap() && !b.active()).mapToLong(b -> b.totals().totalTokens()).max()
                        .orElse(0)
                : limit.tokens();
        if (tokens <= 0) {
            return blocks; // "max" with no finished block yet: nothing to compare with
        }
        List<UsageBlock> out = new ArrayList<>(blocks.size());
        for (UsageBlock b : blocks) {
            if (b.active()) {
                long used = b.totals().totalTokens();
                long projected = b.projection().map(Projection::totalTokens).orElse(used);
                double percent = projected * 100.0 / tokens;
                b = new UsageBlock(b.start(), b.end(), b.lastAt(), true, false, b.totals(), b.models(), b.burnRate(),
                        b.projection(), Optional.of(new LimitStatus(tokens, limit.max(), used, projected, percent,
                                LimitStatus.levelOf(percent))));
            }
            out.add(b);
        }
        return out;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    // ---- sums ---------------------------------------------------------------------------------------------

    static Sum sum(List<UsageSlice> slices) {
        Sum s = new Sum();
        slices.forEach(s::add);
        return s;
    }

    /** A running sum of slices. */
    static final class Sum {
        long calls;
        long input;
        long output;
        long cacheWrite;
        long cacheRead;
        double cost;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final TreeSet<String> unpriced = new TreeSet<>();

        void add(UsageSlice s) {
            calls += s.calls();
            input += s.input();
            output += s.output();
            cacheWrite += s.cacheWrite();
            cacheRead += s.cacheRead();
            cost += s.pricedCostUsd();
            first = Math.min(first, s.firstAt());
            last = Math.max(last, s.lastAt());
            if (s.unpricedCalls() > 0) {
                unpriced.add(s.model());
            }
        }

        UsageTotals totals() {
            return new UsageTotals(calls, input, output, cacheWrite, cacheRead, cost, List.copyOf(unpriced));
        }
    }
}
