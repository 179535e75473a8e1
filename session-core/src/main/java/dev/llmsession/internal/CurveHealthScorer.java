package dev.llmsession.internal;

import static dev.llmsession.api.Formats.thousands;

import dev.llmsession.api.Formats;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.HealthComponent;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthPolicy;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Recommendation;
import dev.llmsession.model.Recommendation.Severity;
import dev.llmsession.model.Session;
import dev.llmsession.spi.HealthScorer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * SPEC §5: four components, each a piecewise-linear curve over a measured value, weighted; a component
 * whose input is unknown is left out and the other weights renormalised. Thread-safe (immutable).
 */
public final class CurveHealthScorer implements HealthScorer {
    private final HealthPolicy policy;

    public CurveHealthScorer(HealthPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public HealthReport score(Session session, Instant now) {
        int recentErrors = session.errors().within(policy.errorWindow(), now);
        List<Draft> drafts = List.of(tokens(session), durationComponent(session, now), activity(session, now),
                errors(session, recentErrors));
        double knownWeight = drafts.stream().filter(d -> d.score.isPresent()).mapToDouble(d -> d.weight).sum();
        List<HealthComponent> components = new ArrayList<>();
        double weighted = 0;
        for (Draft d : drafts) {
            double effective = d.score.isPresent() && knownWeight > 0 ? d.weight / knownWeight : 0;
            if (d.score.isPresent()) {
                weighted += d.score.getAsDouble() * effective;
            }
            components.add(new HealthComponent(d.name, d.value, d.measured, d.score, d.weight, effective));
        }
        boolean anyKnown = knownWeight > 0;
        OptionalInt score = anyKnown ? OptionalInt.of((int) Math.round(weighted)) : OptionalInt.empty();
        HealthLevel level = anyKnown ? HealthLevel.of(score.getAsInt()) : HealthLevel.UNKNOWN;
        return new HealthReport(session.id(), score, level, components, recommend(session, now, recentErrors));
    }

    private Draft tokens(Session s) {
        ContextFill c = s.context();
        if (c.tokens().isEmpty()) {
            String why = s.tokens().known() ? "unknown (just compacted, no call since)" : "unknown";
            return Draft.unknown("tokens", why, policy.tokensWeight());
        }
        double pct = c.percent().getAsDouble();
        // Joined by hand like thousands(): scored for every session on each refresh. pct is never negative, so
        // Math.round rounds half up as "%.0f" did.
        String measured = thousands(c.tokens().getAsLong()) + " of " + thousands(c.window()) + " ("
                + Math.round(pct) + "%)" + (c.windowAssumed() ? ", window assumed" : "");
        return new Draft("tokens", OptionalDouble.of(pct), measured, OptionalDouble.of(policy.tokensCurve().score(pct)),
                policy.tokensWeight());
    }

    private Draft durationComponent(Session s, Instant now) {
        Duration d = s.duration(now);
        double minutes = d.getSeconds() / 60.0;
        return new Draft("duration", OptionalDouble.of(minutes), Formats.duration(d),
                OptionalDouble.of(policy.durationCurve().score(minutes)), policy.durationWeight());
    }

    private Draft activity(Session s, Instant now) {
        if (!s.running()) {
            return Draft.unknown("activity", "process ended", policy.activityWeight());
        }
        Duration idle = s.idle(now);
        Duration counted = idle;
        String measured = Formats.duration(idle) + " idle";
        if (waitingForInput(s)) {
            counted = idle.minus(policy.waitingGrace());
            if (counted.isNegative()) {
                counted = Duration.ZERO;
            }
            measured += counted.isZero() ? " (waiting for input)" : " (" + Formats.duration(counted) + " past the grace)";
        }
        double minutes = counted.getSeconds() / 60.0;
        return new Draft("activity", OptionalDouble.of(minutes), measured,
                OptionalDouble.of(policy.activityCurve().score(minutes)), policy.activityWeight());
    }

    private Draft errors(Session s, int recent) {
        if (s.sources().isEmpty()) {
            return Draft.unknown("errors", "unknown (no transcript yet)", policy.errorsWeight());
        }
        String measured = recent + " in the last " + Formats.duration(policy.errorWindow());
        return new Draft("errors", OptionalDouble.of(recent), measured,
                OptionalDouble.of(policy.errorsCurve().score(recent)), policy.errorsWeight());
    }

    private static boolean waitingForInput(Session s) {
        ActivityState st = s.activity().state();
        return st == ActivityState.WAITING_INPUT || st == ActivityState.IDLE;
    }

    private List<Recommendation> recommend(Session s, Instant now, int recent) {
        List<Recommendation> out = new ArrayList<>();
        if (s.activity().state() == ActivityState.WAITING_PERMISSION) {
            out.add(new Recommendation(Severity.ACTION, "waiting-permission",
                    "Waiting for your permission: it needs you (" + s.activity().evidence() + ")"));
        }
        ContextFill c = s.context();
        if (c.tokens().isPresent()) {
            long tokens = c.tokens().getAsLong();
            long left = c.remainingToWindow().getAsLong();
            if (c.autoCompactAt().isPresent()) {
                long threshold = c.autoCompactAt().getAsLong();
                if (tokens >= threshold * policy.nearAutoCompactPercent() / 100.0) {
                    long toCompact = Math.max(0, threshold - tokens);
                    out.add(new Recommendation(Severity.ACTION, "near-auto-compact", String.format(Locale.ROOT,
                            "Nearing auto-compact: ~%s tokens left before %s (%s until the window);"
                                    + " /compact now or hand off to a fresh session",
                            thousands(toCompact), thousands(threshold), thousands(Math.max(0, left)))));
                }
            } else if (left <= c.window() * 0.15) {
                out.add(new Recommendation(Severity.ACTION, "near-window-limit", String.format(Locale.ROOT,
                        "Context nearly full: %s tokens left in the window; hand off to a fresh session",
                        thousands(Math.max(0, left)))));
            }
        } else if (s.tokens().known()) {
            out.add(new Recommendation(Severity.HINT, "context-unknown",
                    "Context size unknown since the last compaction; it is known again after the next call"));
        }
        if (recent >= policy.repeatedErrors()) {
            out.add(new Recommendation(Severity.ACTION, "repeated-errors", recent + " errors in the last "
                    + Formats.duration(policy.errorWindow()) + ": look at them before the session goes in circles"));
        }
        Duration d = s.duration(now);
        if (d.compareTo(policy.longSession()) >= 0) {
            out.add(new Recommendation(Severity.HINT, "long-session", "Long session (" + Formats.duration(d)
                    + "): quality drops over time; restart with a handoff"));
        }
        if (s.running() && s.activity().state() != ActivityState.WAITING_PERMISSION
                && s.idle(now).compareTo(policy.idleAdvice()) >= 0) {
            out.add(new Recommendation(Severity.HINT, "idle", "Idle for " + Formats.duration(s.idle(now))
                    + ": close it if you are done"));
        }
        out.sort(Comparator.comparing(Recommendation::severity));
        return out;
    }

    private record Draft(String name, OptionalDouble value, String measured, OptionalDouble score, double weight) {
        static Draft unknown(String name, String measured, double weight) {
            return new Draft(name, OptionalDouble.empty(), measured, OptionalDouble.empty(), weight);
        }
    }
}
