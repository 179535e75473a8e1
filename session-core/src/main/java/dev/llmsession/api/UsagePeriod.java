package dev.llmsession.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a daily, weekly, monthly or session report.
 *
 * @param period    {@code 2026-08-01} (day, or the Monday of a week), {@code 2026-08} (month), or the native
 *                  session id
 * @param assistant the session's assistant id (session report only)
 * @param project   the session's project, when known (session report only)
 * @param firstAt   the row's earliest call
 * @param lastAt    its latest call
 * @param totals    its calls summed
 * @param models    per model, largest total tokens first
 * @since 0.1
 */
public record UsagePeriod(String period, Optional<String> assistant, Optional<String> project, Instant firstAt,
        Instant lastAt, UsageTotals totals, List<ModelUsage> models) {
    public UsagePeriod {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(assistant, "assistant");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(firstAt, "firstAt");
        Objects.requireNonNull(lastAt, "lastAt");
        Objects.requireNonNull(totals, "totals");
        models = List.copyOf(models);
    }

    /** The model ids, in the order of {@link #models()}. */
    public List<String> modelNames() {
        return models.stream().map(ModelUsage::model).toList();
    }
}
