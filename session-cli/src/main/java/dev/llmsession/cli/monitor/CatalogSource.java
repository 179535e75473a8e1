package dev.llmsession.cli.monitor;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
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
 * A refresh from the library: the running sessions, their health, and the last hour of samples of the session
 * in the detail view. One {@link LlmSessions} serves the whole run, so its index (and the store's) keeps each
 * refresh down to what changed.
 */
public final class CatalogSource implements Refresher.Source {
    /** How far back the detail view's trend reaches. */
    static final Duration TREND = Duration.ofHours(1);

    private final LlmSessions sessions;
    private final Clock clock;
    private final SessionQuery query;

    public CatalogSource(LlmSessions sessions, Clock clock, Optional<String> assistant) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.query = new SessionQuery(false, Optional.empty(), assistant);
    }

    @Override
    public MonitorData fetch(Optional<SessionId> trendFor) {
        SessionListing listing = sessions.catalog().list(query);
        Map<SessionId, HealthReport> health = new HashMap<>();
        for (Session s : listing.sessions()) {
            health.put(s.id(), sessions.health().assess(s));
        }
        List<String> warnings = new ArrayList<>(listing.warnings());
        Instant now = clock.instant();
        Optional<MonitorData.Trend> trend = Optional.empty();
        if (trendFor.isPresent()) {
            Instant since = now.minus(TREND);
            List<SessionSample> samples = List.of();
            try {
                samples = sessions.store().map(st -> st.samples(trendFor.get(), since)).orElse(List.of());
            } catch (LlmSessionException e) {
                warnings.add("trend unavailable: " + e.getMessage());
            }
            trend = Optional.of(new MonitorData.Trend(trendFor.get(), since, samples));
        }
        return new MonitorData(listing.takenAt(), listing.sessions(), health, warnings, trend);
    }
}
