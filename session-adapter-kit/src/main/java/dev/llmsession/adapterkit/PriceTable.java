package dev.llmsession.adapterkit;

import dev.llmsession.api.ModelRates;
import dev.llmsession.model.Cost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A dated table of list prices in USD per million tokens, the one pricing mechanism of every adapter. Each model
 * has base rates, optionally rates from an effective date on ({@link Period}), rates for a call whose prompt is
 * longer than a bound ({@link LongPrompt}) and a fast-mode multiplier. A model is found by its id: by default
 * without a {@code provider/} prefix, or by the longest table key that it extends after a {@code -}
 * ({@code gpt-5-codex} finds {@code gpt-5} unless listed itself); an assistant whose ids carry versions after a
 * {@code -} names its own normaliser and is looked up exactly ({@link #exact}). A model not in the table has no
 * price: its cost is unknown ("?"), never 0 or another model's. Immutable and thread-safe.
 */
public final class PriceTable {
    /** A table with no prices: every cost unknown. */
    public static final PriceTable NONE = new PriceTable("", Map.of());

    /**
     * Rates of one model, USD per million tokens.
     *
     * @param input        uncached input
     * @param output       output
     * @param cacheWrite   cache write (Anthropic: the 5-minute write; a flat write without a split)
     * @param cacheWrite1h the 1-hour cache write (Anthropic only; others bill one write rate)
     * @param cacheRead    cache read
     */
    public record Rates(double input, double output, double cacheWrite, double cacheWrite1h, double cacheRead) {
        /** Rates with one cache-write rate. */
        public static Rates of(ModelRates r) {
            return new Rates(r.input(), r.output(), r.cacheWrite(), r.cacheWrite(), r.cacheRead());
        }

        double cost(Usage u) {
            return (u.input() * input + u.output() * output + u.cacheWrite() * cacheWrite
                    + u.cacheWrite1h() * cacheWrite1h + u.cacheRead() * cacheRead) / 1_000_000.0;
        }
    }

    /** Rates from {@code from} (UTC day) on. */
    public record Period(LocalDate from, Rates rates) {
    }

    /** Rates of a call whose prompt (input, cache write and read) is above {@code above} tokens. */
    public record LongPrompt(long above, Rates rates) {
    }

    /**
     * One model's prices.
     *
     * @param base           the rates before any period
     * @param periods        later rates, by effective date
     * @param longPrompt     the long-prompt band, if the model has one
     * @param fastMultiplier what fast mode multiplies the cost by (1 without one)
     */
    public record Model(Rates base, List<Period> periods, Optional<LongPrompt> longPrompt, double fastMultiplier) {
        public Model {
            periods = periods.stream().sorted(Comparator.comparing(Period::from)).toList();
        }

        /** A model with one set of rates. */
        public static Model of(Rates rates) {
            return new Model(rates, List.of(), Optional.empty(), 1.0);
        }

        Rates at(Instant when) {
            Rates r = base;
            if (when != null && !periods.isEmpty()) {
                LocalDate day = when.atZone(ZoneOffset.UTC).toLocalDate();
                for (Period p : periods) {
                    if (!p.from().isAfter(day)) {
                        r = p.rates();
                    }
                }
            }
            return r;
        }
    }

    /**
     * What one call is billed for.
     *
     * @param model        the model id as recorded (null or "" when not recorded)
     * @param at           when the call was made (picks the period), or null
     * @param input        uncached input tokens
     * @param output       output tokens
     * @param cacheWrite   cache-write tokens (Anthropic: 5-minute, or a flat write without a split)
     * @param cacheWrite1h 1-hour cache-write tokens
     * @param cacheRead    cache-read tokens
     * @param fast         made in fast mode
     */
    public record Usage(String model, Instant at, long input, long output, long cacheWrite, long cacheWrite1h,
            long cacheRead, boolean fast) {
        long prompt() {
            return input + cacheWrite + cacheWrite1h + cacheRead;
        }
    }

    private final String date;
    private final Map<String, Model> models;
    private final UnaryOperator<String> normaliser;
    private final boolean prefixes;

    private PriceTable(String date, Map<String, Model> models, UnaryOperator<String> normaliser, boolean prefixes) {
        this.date = Objects.requireNonNull(date, "date");
        this.models = Map.copyOf(models);
        this.normaliser = normaliser;
        this.prefixes = prefixes;
    }

    /**
     * A table with one set of rates per model, found by the default rule.
     *
     * @param date  when the prices were copied from the vendor's page, {@code YYYY-MM-DD}
     * @param rates model id (lower case) → rates
     */
    public PriceTable(String date, Map<String, ModelRates> rates) {
        this(date, models(rates), PriceTable::withoutProvider, true);
    }

    /** A table whose models are found by the default rule. */
    public static PriceTable of(String date, Map<String, Model> models) {
        return new PriceTable(date, models, PriceTable::withoutProvider, true);
    }

    /** A table whose models are found exactly, after {@code normaliser} (a recorded id → a table key). */
    public static PriceTable exact(String date, Map<String, Model> models, UnaryOperator<String> normaliser) {
        return new PriceTable(date, models, normaliser, false);
    }

    /**
     * A table in the JSON form the kit reads: {@code {"asOf": date, "models": [{"family": id, "input", "output",
     * "cacheWrite5m", "cacheWrite1h", "cacheRead", "fastMultiplier", "periods": [{"effectiveFrom": day, rates…}],
     * "longPrompt": {"above": tokens, rates…}}]}} (rates missing from a period or band are the model's own), its
     * models found exactly after {@code normaliser}.
     */
    public static PriceTable read(InputStream in, UnaryOperator<String> normaliser) throws IOException {
        byte[] raw = in.readAllBytes();
        JsonFields root = JsonFields.parse(raw, raw.length).orElseThrow(() -> new IOException("not a price table"));
        Map<String, Model> models = new LinkedHashMap<>();
        for (int i = 0; root.string("models." + i + ".family").isPresent(); i++) {
            String m = "models." + i + ".";
            Rates base = rates(root, m, null);
            List<Period> periods = new ArrayList<>();
            for (int j = 0; root.string(m + "periods." + j + ".effectiveFrom").isPresent(); j++) {
                String p = m + "periods." + j + ".";
                periods.add(new Period(LocalDate.parse(root.string(p + "effectiveFrom").get()), rates(root, p, base)));
            }
            OptionalLong above = root.wholeNumber(m + "longPrompt.above");
            Optional<LongPrompt> longPrompt = above.isPresent()
                    ? Optional.of(new LongPrompt(above.getAsLong(), rates(root, m + "longPrompt.", base)))
                    : Optional.empty();
            models.put(root.string(m + "family").get(),
                    new Model(base, periods, longPrompt, root.number(m + "fastMultiplier").orElse(1.0)));
        }
        return exact(root.string("asOf").orElse(""), models, normaliser);
    }

    private static Rates rates(JsonFields n, String prefix, Rates fallback) {
        return new Rates(n.number(prefix + "input").orElse(fallback == null ? 0 : fallback.input()),
                n.number(prefix + "output").orElse(fallback == null ? 0 : fallback.output()),
                n.number(prefix + "cacheWrite5m").orElse(fallback == null ? 0 : fallback.cacheWrite()),
                n.number(prefix + "cacheWrite1h").orElse(fallback == null ? 0 : fallback.cacheWrite1h()),
                n.number(prefix + "cacheRead").orElse(fallback == null ? 0 : fallback.cacheRead()));
    }

    private static Map<String, Model> models(Map<String, ModelRates> rates) {
        Map<String, Model> out = new LinkedHashMap<>();
        rates.forEach((id, r) -> out.put(id, Model.of(Rates.of(r))));
        return out;
    }

    private static String withoutProvider(String model) {
        String id = model.toLowerCase(Locale.ROOT).strip();
        int slash = id.lastIndexOf('/');
        return slash >= 0 ? id.substring(slash + 1) : id;
    }

    /** When the prices were copied from the vendor's page, {@code YYYY-MM-DD}. */
    public String date() {
        return date;
    }

    /** The prices of {@code model}, if the table has them. */
    public Optional<Model> modelFor(String model) {
        return Optional.ofNullable(find(model));
    }

    /** Priced per call, millions of times on a long history: no allocation beyond the normaliser's. */
    private Model find(String model) {
        if (model == null || model.isBlank()) {
            return null;
        }
        String id = normaliser.apply(model);
        Model exact = models.get(id);
        if (exact != null || !prefixes) {
            return exact;
        }
        String best = null;
        for (String key : models.keySet()) {
            if (id.startsWith(key) && id.length() > key.length() && id.charAt(key.length()) == '-'
                    && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best == null ? null : models.get(best);
    }

    /** The base rates of {@code model} with one cache-write rate, if the table has them. */
    public Optional<ModelRates> ratesFor(String model) {
        return modelFor(model).map(m -> new ModelRates(m.base().input(), m.base().output(), m.base().cacheWrite(),
                m.base().cacheRead()));
    }

    /** Whether {@code model} has a price. */
    public boolean knows(String model) {
        return find(model) != null;
    }

    /** The cost of one call in USD, empty when its model has no price. */
    public OptionalDouble cost(Usage u) {
        Model m = find(u.model());
        if (m == null) {
            return OptionalDouble.empty();
        }
        LongPrompt band = m.longPrompt().orElse(null);
        Rates r = band != null && u.prompt() > band.above() ? band.rates() : m.at(u.at());
        double usd = r.cost(u);
        return OptionalDouble.of(u.fast() ? usd * m.fastMultiplier() : usd);
    }

    /** The cost of one ledger call in USD, {@code NaN} when its model has no price. */
    public double cost(Call call) {
        return cost(call.billed()).orElse(Double.NaN);
    }

    /** The cost of a session's calls: unknown, naming the models, when any call has no price. */
    public Cost cost(Collection<Call> calls) {
        return total(calls.stream().map(Call::billed).toList());
    }

    /** The cost of calls: unknown, naming the models, when any call has no price. */
    public Cost total(Collection<Usage> calls) {
        double sum = 0;
        TreeSet<String> unpriced = new TreeSet<>();
        for (Usage c : calls) {
            OptionalDouble one = cost(c);
            if (one.isPresent()) {
                sum += one.getAsDouble();
            } else {
                unpriced.add(c.model() == null || c.model().isEmpty() ? "(unknown model)" : c.model());
            }
        }
        return new Cost(unpriced.isEmpty() ? OptionalDouble.of(sum) : OptionalDouble.empty(), List.copyOf(unpriced),
                date);
    }

    /** SHA-256 (hex) of everything that prices a call: equal fingerprints price every call alike. */
    public String fingerprint() {
        StringBuilder b = new StringBuilder(date).append(prefixes ? " prefixes\n" : " exact\n");
        new TreeMap<>(models).forEach((id, m) -> b.append(id).append('=').append(m).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
