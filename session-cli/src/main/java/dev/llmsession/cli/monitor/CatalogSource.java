package dev.llmsession.cli.monitor;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.api.UsageBlock;
import dev.llmsession.error.LlmSessionException;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A refresh from the library: the running sessions, their health, the last hour of samples of the session
 * in the detail view, the usage block open now and the official plan limits. One {@link LlmSessions} serves the whole run, so its index (and the store's) keeps each
 * refresh down to what changed.
 */
public final class CatalogSource implements Refresher.Source {
    /** How far back the detail view's trend reaches. */
    static final Duration TREND = Duration.ofHours(1);

    private final LlmSessions sessions;
    private final Clock clock;
    private final SessionQuery query;
    private final Optional<String> assistant;

    public CatalogSource(LlmSessions sessions, Clock clock, Optional<String> assistant) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.query = new SessionQuery(false, Optional.empty(), assistant);
        this.assistant = assistant;
    }

    @Override
    public MonitorData fetch(Optional<SessionId> trendFor) {
        SessionListing listing = sessions.catalog().list(query);
        Map<SessionId, HealthReport> health = new HashMap<>();
        for (Session s : listing.sessions()) {
            health.put(s.id(), listing.health(s).orElseGet(() -> sessions.health().assess(s)));
        }
        List<String> warnings = new ArrayList<>(listing.warnings());
        Instant now = clock.instant();
        Optional<MonitorData.Trend> trend = Optional.empty();
        if (trendFor.isPresent()) {
            Instant since = now.minus(TREND);
            List<SessionSample> samples = List.of();
            try {
                samples = sessions.trends().samples(trendFor.get(), since);
            } catch (LlmSessionException e) {
                warnings.add("trend unavailable: " + e.getMessage());
            }
            trend = Optional.of(new MonitorData.Trend(trendFor.get(), since, samples));
        }
        Optional<UsageBlock> block = Optional.empty();
        if (sessions.usage().isPresent()) {
            try {
                // After the listing: its refresh has just put the running sessions' new calls into the store.
                block = sessions.usage().get().activeBlock(assistant);
            } catch (LlmSessionException e) {
                warnings.add("usage block unavailable: " + e.getMessage());
            }
        }
        return new MonitorData(listing.takenAt(), listing.sessions(), health, warnings, trend, block)
                .withLimits(sessions.planLimits(listing.takenAt()));
    }
}
