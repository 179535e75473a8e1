package dev.llmsession.discovery.claudecode.pricing;

import dev.llmsession.adapterkit.JsonFields;
import dev.llmsession.discovery.claudecode.transcript.UsageRecord;
import dev.llmsession.model.Cost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The embedded, dated price table ({@code claude-prices.json}). Prices each call separately: 5-minute and
 * 1-hour cache writes at their own rates, flat-only writes at the 5-minute rate, fast mode multiplied,
 * Haiku 5.5's long-prompt band applied per request. An unpriced model makes the whole cost unknown.
 * Immutable and thread-safe.
 */
public final class PriceTable {

    /** The table's resource name beside this class. */
    public static final String RESOURCE = "claude-prices.json";

    private final String asOf;
    private final Map<String, Family> families;
    private final String fingerprint;

    private PriceTable(String asOf, Map<String, Family> families, String fingerprint) {
        this.asOf = asOf;
        this.families = Map.copyOf(families);
        this.fingerprint = fingerprint;
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

    /** Parses a table in the {@code claude-prices.json} format. */
    public static PriceTable parse(InputStream in) throws IOException {
        byte[] raw = in.readAllBytes();
        JsonFields root = JsonFields.parse(raw, raw.length).orElseThrow(() -> new IOException("not a price table"));
        Map<String, Family> families = new HashMap<>();
        for (int i = 0; root.string("models." + i + ".family").isPresent(); i++) {
            String m = "models." + i + ".";
            ModelPrice base = price(root, m, null);
            List<Period> periods = new ArrayList<>();
            for (int j = 0; root.string(m + "periods." + j + ".effectiveFrom").isPresent(); j++) {
                String p = m + "periods." + j + ".";
                periods.add(new Period(LocalDate.parse(root.string(p + "effectiveFrom").get()), price(root, p, base)));
            }
            periods.sort(Comparator.comparing(Period::from));
            OptionalLong above = root.wholeNumber(m + "longPrompt.above");
            Optional<LongPrompt> longPrompt = above.isPresent()
                    ? Optional.of(new LongPrompt(above.getAsLong(), price(root, m + "longPrompt.", base)))
                    : Optional.empty();
            double fast = root.number(m + "fastMultiplier").orElse(1.0);
            families.put(root.string(m + "family").get(), new Family(base, periods, longPrompt, fast));
        }
        return new PriceTable(root.string("asOf").orElse(""), families, sha256(raw));
    }

    private static ModelPrice price(JsonFields n, String prefix, ModelPrice fallback) {
        return new ModelPrice(
                n.number(prefix + "input").orElse(fallback == null ? 0 : fallback.input()),
                n.number(prefix + "output").orElse(fallback == null ? 0 : fallback.output()),
                n.number(prefix + "cacheWrite5m").orElse(fallback == null ? 0 : fallback.cacheWrite5m()),
                n.number(prefix + "cacheWrite1h").orElse(fallback == null ? 0 : fallback.cacheWrite1h()),
                n.number(prefix + "cacheRead").orElse(fallback == null ? 0 : fallback.cacheRead()));
    }

    /** SHA-256 (hex) of the table's source bytes: equal fingerprints price every call alike. */
    public String fingerprint() {
        return fingerprint;
    }

    private static String sha256(byte[] raw) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** The table's date, {@code YYYY-MM-DD}. */
    public String asOf() {
        return asOf;
    }

    /** Whether {@code model} has a price. */
    public boolean knows(String model) {
        return model != null && families.containsKey(ModelIds.normalise(model));
    }

    /** The cost of one call, or empty when its model has no price. */
    public OptionalDouble price(UsageRecord call) {
        if (call.model() == null) {
            return OptionalDouble.empty();
        }
        Family family = families.get(ModelIds.normalise(call.model()));
        if (family == null) {
            return OptionalDouble.empty();
        }
        ModelPrice p = family.at(call.timestamp());
        if (family.longPrompt.isPresent() && call.context() > family.longPrompt.get().above()) {
            p = family.longPrompt.get().price();
        }
        long write5m = call.hasBreakdown() ? call.cacheWrite5m() : call.cacheWriteFlat();
        long write1h = call.hasBreakdown() ? call.cacheWrite1h() : 0;
        double usd = (call.input() * p.input() + call.output() * p.output() + write5m * p.cacheWrite5m()
                + write1h * p.cacheWrite1h() + call.cacheRead() * p.cacheRead()) / 1_000_000.0;
        return OptionalDouble.of(call.fast() ? usd * family.fastMultiplier : usd);
    }

    /** The cost of calls: unknown, with the unpriced models listed, when any call cannot be priced. */
    public Cost cost(Collection<UsageRecord> calls) {
        double sum = 0;
        TreeSet<String> unpriced = new TreeSet<>();
        for (UsageRecord call : calls) {
            OptionalDouble usd = price(call);
            if (usd.isPresent()) {
                sum += usd.getAsDouble();
            } else {
                unpriced.add(call.model() == null ? "(no model)" : call.model());
            }
        }
        return new Cost(unpriced.isEmpty() ? OptionalDouble.of(sum) : OptionalDouble.empty(),
                List.copyOf(unpriced), asOf);
    }

    private record Period(LocalDate from, ModelPrice price) {
    }

    private record LongPrompt(long above, ModelPrice price) {
    }

    private record Family(ModelPrice base, List<Period> periods, Optional<LongPrompt> longPrompt,
            double fastMultiplier) {
        ModelPrice at(Instant when) {
            ModelPrice p = base;
            if (when == null) {
                return p;
            }
            LocalDate day = when.atZone(ZoneOffset.UTC).toLocalDate();
            for (Period period : periods) {
                if (!period.from().isAfter(day)) {
                    p = period.price();
                }
            }
            return p;
        }
    }
}
