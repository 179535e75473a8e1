package dev.llmsession.cli.render;

import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The sort keys of {@code list --sort} and of the monitor's {@code s} key; unknown figures sort last. */
public enum SessionOrder {
    /** Worst health first. */
    health,
    /** Fullest context first. */
    context,
    /** Most expensive first. */
    cost,
    /** Longest idle first. */
    idle,
    /** Most recently started first. */
    started;

    /** {@code sessions} in this order; a stable sort, so ties keep the catalog's (most recent activity first). */
    public List<Session> sort(List<Session> sessions, Function<Session, HealthReport> health) {
        List<Session> rows = new ArrayList<>(sessions);
        rows.sort(comparator(health));
        return rows;
    }

    private Comparator<Session> comparator(Function<Session, HealthReport> health) {
        return switch (this) {
            case health -> Comparator.comparingInt(s -> health.apply(s).score().isPresent()
                    ? health.apply(s).score().getAsInt() : Integer.MAX_VALUE);
            case context -> Comparator.comparingDouble(
                    s -> s.context().percent().isPresent() ? -s.context().percent().getAsDouble() : Double.MAX_VALUE);
            case cost -> Comparator.comparingDouble(
                    s -> s.cost().usd().isPresent() ? -s.cost().usd().getAsDouble() : Double.MAX_VALUE);
            case idle -> Comparator.comparing(Session::lastActivityAt);
            case started -> Comparator.comparing(Session::startedAt).reversed();
        };
    }
}
