package dev.llmsession.cli.monitor;

import dev.llmsession.TeamReports;
import dev.llmsession.api.SessionHealth;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.spi.TeamStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A refresh from the team database ({@code monitor --team}): every machine's live sessions, scored like local ones
 * (as {@code list --team} shows them), each with its machine and user, and the last hour of samples its machine
 * pushed for the session in the detail view. No usage block: that is this machine's. The store stays open for
 * the whole run; the caller closes it.
 */
public final class TeamSource implements Refresher.Source {
    private final TeamStore store;
    private final TeamReports reports;
    private final Clock clock;
    private final Optional<String> assistant;

    public TeamSource(TeamStore store, SessionHealth health, Clock clock, Optional<String> assistant) {
        this.store = Objects.requireNonNull(store, "store");
        this.reports = new TeamReports(store, health, clock);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.assistant = Objects.requireNonNull(assistant, "assistant");
    }

    @Override
    public MonitorData fetch(Optional<SessionId> trendFor) {
        Instant now = clock.instant();
        List<Session> sessions = new ArrayList<>();
        Map<SessionId, HealthReport> health = new HashMap<>();
        Map<Session, MonitorData.TeamRow> rows = new IdentityHashMap<>();
        for (TeamReports.Row r : reports.sessions(TeamStore.Query.ALL, false)) {
            if (assistant.isEmpty() || assistant.get().equals(r.session().assistant())) {
                sessions.add(r.session());
                health.put(r.session().id(), r.health());
                rows.put(r.session(), new MonitorData.TeamRow(r.recorded().machine(), r.recorded().user(), r.health()));
            }
        }
        Optional<MonitorData.Trend> trend = trendFor.flatMap(id -> sessions.stream().filter(s -> s.id().equals(id))
                .findFirst()).map(s -> {
                    Instant since = now.minus(CatalogSource.TREND);
                    return new MonitorData.Trend(s.id(), since, store.samples(rows.get(s).machine(), s.id().value(),
                            since));
                });
        return new MonitorData(now, sessions, health, List.of(), trend, Optional.empty(), Optional.of(rows));
    }
}
