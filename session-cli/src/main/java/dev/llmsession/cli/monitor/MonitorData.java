package dev.llmsession.cli.monitor;

import dev.llmsession.api.UsageBlock;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.PlanLimits;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.SessionSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one refresh saw: the running sessions with their health, the adapters' warnings, and the context trend
 * of the session whose detail is open.
 *
 * @param takenAt  when the refresh ran (durations and idle times are shown as of then)
 * @param sessions the sessions, most recently active first
 * @param health   each session's health report
 * @param warnings one line per adapter problem
 * @param trend    the samples of the last hour of one session (the one in the detail view), if asked for
 * @param block    the 5-hour usage block open at {@code takenAt}, if there is one (and a store to read it from)
 * @param team     in a team view ({@code monitor --team}), each row's machine, user and health, by the identity of
 *                 its session (the same session id can come from two machines); empty for this machine's own view
 * @param limits   the official plan limits known at {@code takenAt} (the header shows them); empty in a team view
 */
public record MonitorData(Instant takenAt, List<Session> sessions, Map<SessionId, HealthReport> health,
        List<String> warnings, Optional<Trend> trend, Optional<UsageBlock> block,
        Optional<Map<Session, TeamRow>> team, Optional<PlanLimits> limits) {
    public MonitorData {
        Objects.requireNonNull(takenAt, "takenAt");
        sessions = List.copyOf(sessions);
        health = Map.copyOf(health);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(trend, "trend");
        Objects.requireNonNull(block, "block");
        team = team.map(t -> java.util.Collections.unmodifiableMap(new java.util.IdentityHashMap<>(t)));
        Objects.requireNonNull(limits, "limits");
    }

    /** A refresh without plan limits. */
    public MonitorData(Instant takenAt, List<Session> sessions, Map<SessionId, HealthReport> health,
            List<String> warnings, Optional<Trend> trend, Optional<UsageBlock> block,
            Optional<Map<Session, TeamRow>> team) {
        this(takenAt, sessions, health, warnings, trend, block, team, Optional.empty());
    }

    /** A refresh of this machine's sessions. */
    public MonitorData(Instant takenAt, List<Session> sessions, Map<SessionId, HealthReport> health,
            List<String> warnings, Optional<Trend> trend, Optional<UsageBlock> block) {
        this(takenAt, sessions, health, warnings, trend, block, Optional.empty());
    }

    /**
     * What a team view knows of a row besides its session.
     *
     * @param machine the machine that pushed it
     * @param user    who works there
     * @param health  its health, scored here like a local session's
     */
    public record TeamRow(String machine, String user, HealthReport health) {
        public TeamRow {
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(health, "health");
        }

        /** {@code user@machine}, how a recommendation names whose session it is. */
        public String label() {
            return user + "@" + machine;
        }
    }

    /** In a team view, where {@code s} (this very row) runs. */
    public Optional<TeamRow> origin(Session s) {
        return team.map(t -> t.get(s));
    }

    /** A refresh without a usage block. */
    public MonitorData(Instant takenAt, List<Session> sessions, Map<SessionId, HealthReport> health,
            List<String> warnings, Optional<Trend> trend) {
        this(takenAt, sessions, health, warnings, trend, Optional.empty());
    }

    /** This refresh with {@code active} as its usage block. */
    public MonitorData withBlock(Optional<UsageBlock> active) {
        return new MonitorData(takenAt, sessions, health, warnings, trend, active, team, limits);
    }

    /** This refresh with {@code known} as its plan limits. */
    public MonitorData withLimits(Optional<PlanLimits> known) {
        return new MonitorData(takenAt, sessions, health, warnings, trend, block, team, known);
    }

    /**
     * Samples of one session.
     *
     * @param id      the session
     * @param since   the start of the window
     * @param samples its samples since then, oldest first
     */
    public record Trend(SessionId id, Instant since, List<SessionSample> samples) {
        public Trend {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(since, "since");
            samples = List.copyOf(samples);
        }
    }

    /** No refresh yet. */
    public static MonitorData empty(Instant at) {
        return new MonitorData(at, List.of(), Map.of(), List.of(), Optional.empty());
    }

    /** The health of {@code s}; unknown when it was not assessed. */
    public HealthReport health(Session s) {
        HealthReport r = origin(s).map(TeamRow::health).orElse(health.get(s.id()));
        return r != null ? r : new HealthReport(s.id(), java.util.OptionalInt.empty(), HealthLevel.UNKNOWN, List.of(),
                List.of());
    }
}
