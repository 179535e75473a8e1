package dev.llmsession.api;

import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;

/**
 * Scores sessions with the configured health policy, at the catalog's clock. Thread-safe.
 *
 * @since 0.1
 */
public interface SessionHealth {
    HealthReport assess(Session session);
}
