package dev.llmsession.spi;

import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import java.time.Instant;

/**
 * Turns a session into a health report. Thread-safe.
 *
 * @since 0.1
 */
public interface HealthScorer {
    HealthReport score(Session session, Instant now);
}
