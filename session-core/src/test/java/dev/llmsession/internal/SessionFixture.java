package dev.llmsession.internal;

import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.model.TokenUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds sessions for tests: running, measured, 10 minutes old, 20% context, no errors, unless told otherwise. */
final class SessionFixture {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private String prefix = "claude";
    private String nativeId = "4d5611e5-241a-4c3b-9f7e-0123456789ab";
    private String assistant = "claude-code";
    private ActivityState state = ActivityState.WORKING;
    private String evidence = "test";
    private Instant startedAt = NOW.minus(Duration.ofMinutes(10));
    private Instant lastActivityAt = NOW;
    private TokenFigures tokens = new TokenFigures(new TokenUsage(10, 20, 30, 40, 1), TokenUsage.ZERO,
            TokenSource.MEASURED);
    private ContextFill context = new ContextFill(OptionalLong.of(40_000), 200_000, false,
            OptionalLong.of(167_000), TokenSource.MEASURED);
    private List<Instant> errorTimes = new ArrayList<>();
    private List<Path> sources = List.of(Path.of("/home/u/.claude/projects/p/s.jsonl"));

    static SessionFixture session() {
        return new SessionFixture();
    }

    SessionFixture id(String prefix, String nativeId) {
        this.prefix = prefix;
        this.nativeId = nativeId;
        return this;
    }

    SessionFixture assistant(String assistant) {
        this.assistant = assistant;
        return this;
    }

    SessionFixture state(ActivityState state) {
        this.state = state;
        return this;
    }

    SessionFixture evidence(String evidence) {
        this.evidence = evidence;
        return this;
    }

    SessionFixture ended() {
        return state(ActivityState.ENDED);
    }

    SessionFixture age(Duration age) {
        this.startedAt = NOW.minus(age);
        return this;
    }

    SessionFixture idle(Duration idle) {
        this.lastActivityAt = NOW.minus(idle);
        if (startedAt.isAfter(lastActivityAt)) {
            startedAt = lastActivityAt;
        }
        return this;
    }

    SessionFixture lastActivityAt(Instant at) {
        this.lastActivityAt = at;
        if (startedAt.isAfter(at)) {
            startedAt = at;
        }
        return this;
    }

    SessionFixture context(long tokensNow, long window, long autoCompactAt) {
        this.context = new ContextFill(OptionalLong.of(tokensNow), window, false, OptionalLong.of(autoCompactAt),
                TokenSource.MEASURED);
        return this;
    }

    SessionFixture contextWithoutAutoCompact(long tokensNow, long window) {
        this.context = new ContextFill(OptionalLong.of(tokensNow), window, false, OptionalLong.empty(),
                TokenSource.MEASURED);
        return this;
    }

    /** Context unknown, e.g. right after a compaction. */
    SessionFixture contextUnknown() {
        this.context = new ContextFill(OptionalLong.empty(), 200_000, false, OptionalLong.of(167_000),
                TokenSource.UNKNOWN);
        return this;
    }

    SessionFixture tokensUnknown() {
        this.tokens = TokenFigures.UNKNOWN;
        return this;
    }

    /** One error {@code ago} before {@link #NOW}; call repeatedly for more. */
    SessionFixture errorAgo(Duration ago) {
        errorTimes.add(NOW.minus(ago));
        return this;
    }

    SessionFixture sources(Path... files) {
        this.sources = List.of(files);
        return this;
    }

    SessionFixture noSources() {
        this.sources = List.of();
        return this;
    }

    Session build() {
        List<Instant> times = errorTimes.stream().sorted().toList();
        return new Session(new SessionId(prefix, nativeId), assistant,
                state == ActivityState.ENDED ? OptionalLong.empty() : OptionalLong.of(4242),
                Activity.of(state, evidence), Optional.of("/home/u/work/spotter"), Optional.of("main"),
                Optional.of("a title"), Optional.of("claude-opus-4-6"), startedAt, lastActivityAt, tokens, context,
                Cost.UNKNOWN, new ErrorCounts(times.size(), 0, 0, times), DataQuality.CLEAN, sources);
    }
}
