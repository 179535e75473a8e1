package dev.llmsession.adapterkit;

import dev.llmsession.api.ModelRates;
import dev.llmsession.model.Cost;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * A dated table of list prices in USD per million tokens. A model is found by its id, without a
 * {@code provider/} prefix, or by the longest table key that it extends after a {@code -} ({@code gpt-5-codex}
 * finds {@code gpt-5} unless listed itself). A model not in the table has no price: its cost is unknown ("?"),
 * never 0 or another model's.
 *
 * @param date  when the prices were copied from the vendor's page, {@code YYYY-MM-DD}
 * @param rates model id → rates
 */
public record PriceTable(String date, Map<String, ModelRates> rates) {
    /** A table with no prices: every cost unknown. */
    public static final PriceTable NONE = new PriceTable("", Map.of());

    public PriceTable {
        rates = Map.copyOf(rates);
    }

    /** The rates of {@code model}, if the table has them. */
    public Optional<ModelRates> ratesFor(String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        String id = model.toLowerCase(Locale.ROOT).strip();
        int slash = id.lastIndexOf('/');
        if (slash >= 0) {
            id = id.substring(slash + 1);
        }
        ModelRates exact = rates.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String key : rates.keySet()) {
            if (id.startsWith(key) && id.length() > key.length() && id.charAt(key.length()) == '-'
                    && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return Optional.ofNullable(best).map(rates::get);
    }

    /** The cost of one call in USD, {@code NaN} when its model has no price. */
    public double cost(Call call) {
        return ratesFor(call.model())
                .map(r -> r.cost(call.input(), call.output(), call.cacheWrite(), call.cacheRead()))
                .orElse(Double.NaN);
    }

    /** The cost of a session's calls: unknown, naming the models, when any call has no price. */
    public Cost cost(Collection<Call> calls) {
        double sum = 0;
        TreeSet<String> unpriced = new TreeSet<>();
        for (Call c : calls) {
            double one = cost(c);
            if (Double.isNaN(one)) {
                unpriced.add(c.model().isEmpty() ? "(unknown model)" : c.model());
            } else {
                sum += one;
            }
        }
        return new Cost(unpriced.isEmpty() ? OptionalDouble.of(sum) : OptionalDouble.empty(), List.copyOf(unpriced),
                date);
    }
}
