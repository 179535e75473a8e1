package dev.llmsession;

import dev.llmsession.api.SessionHealth;
import dev.llmsession.api.UsageKind;
import dev.llmsession.api.UsageReport;
import dev.llmsession.api.UsageRequest;
import dev.llmsession.internal.UsageEngine;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.model.TeamSession;
import dev.llmsession.spi.TeamStore;
import dev.llmsession.spi.TeamUsageSlice;
import dev.llmsession.spi.UsageFilter;
import dev.llmsession.spi.UsageSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The team views: every machine's sessions with the same health scoring as local ones, and the usage reports over
 * every machine's slices, whole or per user, machine or project. Thread-safe if the store is.
 *
 * @since 0.1
 */
public final class TeamReports {
    /** A live state not refreshed for this long reads as ended (its machine stopped syncing). */
    public static final Duration STALE = Duration.ofMinutes(2);

    private final TeamStore team;
    private final SessionHealth health;
    private final Clock clock;

    public TeamReports(TeamStore team, SessionHealth health, Clock clock) {
        this.team = Objects.requireNonNull(team, "team");
        this.health = Objects.requireNonNull(health, "health");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a usage report can be split by. */
    public enum By {
        USER, MACHINE, PROJECT;

        /** {@code user}, {@code machine} or {@code project}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        String of(TeamUsageSlice s) {
            return switch (this) {
                case USER -> s.user();
                case MACHINE -> s.machine();
                case PROJECT -> s.slice().project();
            };
        }
    }

    /**
     * One team session as the views show it.
     *
     * @param recorded what its machine pushed
     * @param session  the session rebuilt from it (project as the working directory, no title)
     * @param health   its health now, scored like a local session's
     * @since 0.1
     */
    public record Row(TeamSession recorded, Session session, HealthReport health) {
        public Row {
            Objects.requireNonNull(recorded, "recorded");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(health, "health");
        }
    }

    /** The pushed sessions matching {@code query}, newest activity first; live ones only unless {@code ended}. */
    public List<Row> sessions(TeamStore.Query query, boolean ended) {
        Instant now = clock.instant();
        List<Row> rows = new ArrayList<>();
        // Live views read only the live rows (a month of ended ones would be read and dropped at every refresh).
        List<TeamSession> pushed = ended ? team.sessions(query) : team.liveSessions(now.minus(STALE)).stream()
                .filter(t -> query.since().map(s -> !t.lastActivityAt().isBefore(s)).orElse(true)
                        && query.project().map(p -> t.project().equals(Optional.of(p))).orElse(true)
                        && query.machine().map(t.machine()::equals).orElse(true)
                        && query.user().map(t.user()::equals).orElse(true))
                .toList();
        for (TeamSession t : pushed) {
            Session s = t.toSession(now, STALE);
            if (ended || s.running()) {
                rows.add(new Row(t, s, health.assess(s)));
            }
        }
        return rows;
    }

    /**
     * One report.
     *
     * @param group  the user, machine or project it covers, empty for the whole team
     * @param report the report
     * @since 0.1
     */
    public record Group(Optional<String> group, UsageReport report) {
        public Group {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(report, "report");
        }
    }

    /**
     * The report {@code request} asks for over every machine: first the whole team, then (with {@code by}) one per
     * user, machine or project, by name. One query to the team database; daily, weekly and monthly reports read
     * per-day sums computed there.
     */
    public List<Group> usage(UsageRequest request, Optional<By> by) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(by, "by");
        Map<UsageFilter, List<TeamUsageSlice>> fetched = new HashMap<>();
        Function<UsageFilter, List<TeamUsageSlice>> source = f -> fetched.computeIfAbsent(f,
                x -> team.usage(x, days(request.kind(), x, request.zone())));
        List<Group> out = new ArrayList<>();
        out.add(new Group(Optional.empty(), engine(source, s -> true).report(request)));
        if (by.isPresent()) {
            TreeSet<String> names = new TreeSet<>();
            fetched.values().forEach(list -> list.forEach(s -> names.add(by.get().of(s))));
            for (String name : names) {
                out.add(new Group(Optional.of(name),
                        engine(source, s -> by.get().of(s).equals(name)).report(request)));
            }
        }
        return out;
    }

    private UsageEngine engine(Function<UsageFilter, List<TeamUsageSlice>> source,
            java.util.function.Predicate<TeamUsageSlice> member) {
        return new UsageEngine(f -> {
            List<UsageSlice> slices = new ArrayList<>();
            for (TeamUsageSlice s : source.apply(f)) {
                if (member.test(s)) {
                    slices.add(s.slice());
                }
            }
            return slices;
        }, clock);
    }

    /** Local day starts covering the pushed slots, when the report needs no finer grain than a day. */
    private Optional<List<Instant>> days(UsageKind kind, UsageFilter filter, ZoneId zone) {
        if (kind != UsageKind.DAILY && kind != UsageKind.WEEKLY && kind != UsageKind.MONTHLY) {
            return Optional.empty();
        }
        Optional<TeamStore.Range> range = team.usageRange(filter);
        if (range.isEmpty()) {
            return Optional.empty();
        }
        LocalDate last = range.get().last().atZone(zone).toLocalDate().plusDays(1);
        List<Instant> days = new ArrayList<>();
        for (LocalDate d = range.get().first().atZone(zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d.atStartOfDay(zone).toInstant());
        }
        return Optional.of(days);
    }
}
