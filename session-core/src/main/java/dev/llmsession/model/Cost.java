package dev.llmsession.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Cost in US dollars, or unknown. A model missing from the price table makes the cost unknown;
 * it is never priced as 0 or as another model.
 *
 * @param usd            the cost; empty when any call could not be priced
 * @param unpricedModels models that had no price (the reason the cost is unknown)
 * @param priceTableDate the date of the price table used, {@code YYYY-MM-DD}, or empty
 * @since 0.1
 */
public record Cost(OptionalDouble usd, List<String> unpricedModels, String priceTableDate) {
    public static final Cost UNKNOWN = new Cost(OptionalDouble.empty(), List.of(), "");

    public Cost {
        Objects.requireNonNull(usd, "usd");
        unpricedModels = List.copyOf(unpricedModels);
        Objects.requireNonNull(priceTableDate, "priceTableDate");
    }
}
