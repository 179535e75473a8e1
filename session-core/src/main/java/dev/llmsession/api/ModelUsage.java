package dev.llmsession.api;

import java.util.Objects;

/**
 * One model's share of a report row.
 *
 * @param model  model id as the assistant recorded it
 * @param totals its calls
 * @since 0.1
 */
public record ModelUsage(String model, UsageTotals totals) {
    public ModelUsage {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(totals, "totals");
    }
}
