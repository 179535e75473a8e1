package dev.llmsession.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The subscriber's official plan limits as the assistant itself reported them (Claude Code's status-line
 * {@code rate_limits}): exact, unlike our own 5-hour block estimate.
 *
 * @param fiveHour   the rolling 5-hour limit, if reported
 * @param sevenDay   the weekly limit, if reported
 * @param observedAt when the assistant reported them
 * @param source     where they came from, for the "official" label (e.g. {@code "Claude Code status line"})
 * @since 0.1
 */
public record PlanLimits(Optional<Window> fiveHour, Optional<Window> sevenDay, Instant observedAt, String source) {

    /** The length of the 5-hour window. */
    public static final Duration FIVE_HOURS = Duration.ofHours(5);

    public PlanLimits {
        Objects.requireNonNull(fiveHour, "fiveHour");
        Objects.requireNonNull(sevenDay, "sevenDay");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(source, "source");
    }

    /** True when neither window was reported. */
    public boolean empty() {
        return fiveHour.isEmpty() && sevenDay.isEmpty();
    }

    /** The same limits without the windows that have reset by {@code now} (their figure no longer holds). */
    public PlanLimits current(Instant now) {
        return new PlanLimits(fiveHour.filter(w -> w.holdsAt(now)), sevenDay.filter(w -> w.holdsAt(now)), observedAt,
                source);
    }

    /**
     * When the 5-hour limit will be reached if use goes on at the window's average rate so far (use ÷ time since
     * the window opened, as of {@link #observedAt}); empty when unknown, nothing is used yet, or the window resets
     * first.
     */
    public Optional<Instant> fiveHourLimitAt() {
        if (fiveHour.isEmpty() || fiveHour.get().resetsAt().isEmpty()) {
            return Optional.empty();
        }
        Window w = fiveHour.get();
        Instant reset = w.resetsAt().get();
        if (w.usedPercent() >= 100) {
            return Optional.of(observedAt);
        }
        long elapsed = Duration.between(reset.minus(FIVE_HOURS), observedAt).toSeconds();
        if (w.usedPercent() <= 0 || elapsed <= 0) {
            return Optional.empty();
        }
        double perSecond = w.usedPercent() / elapsed;
        Instant at = observedAt.plusSeconds((long) Math.ceil((100 - w.usedPercent()) / perSecond));
        return at.isBefore(reset) ? Optional.of(at) : Optional.empty();
    }

    /**
     * One limit window.
     *
     * @param usedPercent the share used, 0–100 (a reported value outside that range is refused by the reader)
     * @param resetsAt    when the window resets, if reported
     */
    public record Window(double usedPercent, Optional<Instant> resetsAt) {
        public Window {
            Objects.requireNonNull(resetsAt, "resetsAt");
            if (!(usedPercent >= 0 && usedPercent <= 100)) {
                throw new IllegalArgumentException("usedPercent must be within 0..100: " + usedPercent);
            }
        }

        /** Whether the figure still applies at {@code now} (the window has not reset since). */
        public boolean holdsAt(Instant now) {
            return resetsAt.isEmpty() || now.isBefore(resetsAt.get());
        }
    }
}
