package dev.llmsession.cli.render;

import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Renders a made-up session as {@code list --json} does, a few hundred times, for the warm-up thread of a run of its
 * own: a first {@code list --all --json} otherwise loads, links and interprets Jackson's writing code in its serial
 * tail, after the refresh, where one core idles (2,226 sessions took 0.3-1.2 s that way, ~35 ms once warm).
 */
public final class JsonWarmUp {
    /** Enough calls for the compiler to have compiled the rendering's hot methods. */
    static final int RENDERS = 200;

    private JsonWarmUp() {
    }

    /** Writes {@link #RENDERS} one-element arrays of the made-up session to {@code sink}. */
    public static void run(Writer sink) {
        Instant now = Instant.now();
        for (int i = 0; i < RENDERS; i++) {
            // a new instance each time: a kept text would be reused instead of rendered
            Session s = session(now);
            HealthReport report = new HealthReport(s.id(), OptionalInt.of(80), HealthLevel.of(80), List.of(),
                    List.of());
            SessionJson.write(SessionTexts.list(List.of(s), x -> report, now, Optional.of(x -> Optional.empty())),
                    sink);
        }
    }

    private static Session session(Instant now) {
        return new Session(new SessionId("claude", "llm-session-json-warm-up"), "claude-code", OptionalLong.empty(),
                Activity.of(ActivityState.ENDED, "no live process"), Optional.of("/tmp/warm-up"),
                Optional.of("main"), Optional.of("Warm up the \"JSON\" writer — é ☃"), Optional.of("claude-opus-4-5"),
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)),
                new TokenFigures(new TokenUsage(233, 28_899, 559_475, 12_387_553, 152), TokenUsage.ZERO,
                        TokenSource.MEASURED),
                new ContextFill(OptionalLong.of(131_200), 200_000, false, OptionalLong.of(167_000),
                        TokenSource.MEASURED),
                new Cost(OptionalDouble.of(10.11347), List.of(), "2026-02-01"), ErrorCounts.NONE,
                DataQuality.CLEAN, List.of(Path.of("/tmp/warm-up/session.jsonl")));
    }
}
