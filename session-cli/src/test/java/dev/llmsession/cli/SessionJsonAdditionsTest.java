package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmsession.cli.render.Labels;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.render.SessionTexts;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.PlanLimits;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The fields {@code list --json} gained after 0.1: added last, never renaming one. */
final class SessionJsonAdditionsTest {
    private static JsonNode json(Session s) {
        HealthReport health = new HealthReport(s.id(), OptionalInt.of(70), HealthLevel.WARNING, List.of(), List.of());
        return SessionJson.session(s, health, Fixtures.NOW);
    }

    private static JsonNode parsed(JsonNode raw) {
        java.io.StringWriter out = new java.io.StringWriter();
        SessionJson.write(raw, out);
        try {
            return SessionJson.mapper().readTree(out.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static Session in(ActivityState state) {
        return of(state, Optional.empty());
    }

    private static Session of(ActivityState state, Optional<SessionKind> kind) {
        Session s = Fixtures.waiting();
        return new Session(s.id(), s.assistant(), s.pid(), Activity.of(state, "registry"), s.cwd(), s.gitBranch(),
                s.title(), s.model(), s.startedAt(), s.lastActivityAt(), s.tokens(), s.context(), s.cost(),
                s.errors(), s.quality(), s.sources(), kind);
    }

    @Test
    void kind_isBackgroundOrInteractive_nullWhenTheAssistantDoesNotSay_andTheTableMarksBackground() {
        Session bg = of(ActivityState.WORKING, Optional.of(SessionKind.BACKGROUND));
        assertThat(json(bg).get("kind").asText()).isEqualTo("background");
        assertThat(json(of(ActivityState.WORKING, Optional.of(SessionKind.INTERACTIVE))).get("kind").asText())
                .isEqualTo("interactive");
        assertThat(json(in(ActivityState.WORKING)).get("kind").isNull()).isTrue();

        assertThat(Labels.type(bg, false)).isEqualTo("claude·bg");
        assertThat(Labels.type(bg, true)).isEqualTo("claude-bg");
        assertThat(Labels.type(of(ActivityState.WORKING, Optional.of(SessionKind.INTERACTIVE)), false))
                .isEqualTo("claude");
        assertThat(Labels.type(in(ActivityState.WORKING), false)).isEqualTo("claude");
    }

    @Test
    void needsAttention_isTrueForAPermissionOrQuestionWaitAndAFailedTurn_whateverTheHealth() {
        assertThat(json(in(ActivityState.WAITING_PERMISSION)).get("needsAttention").asBoolean()).isTrue();
        assertThat(json(in(ActivityState.ERRORED)).get("needsAttention").asBoolean()).isTrue();
        assertThat(json(in(ActivityState.WAITING_INPUT)).get("needsAttention").asBoolean()).isFalse();
        assertThat(json(in(ActivityState.WORKING)).get("needsAttention").isBoolean()).isTrue();
        assertThat(json(in(ActivityState.WORKING)).get("needsAttention").asBoolean()).isFalse();
    }

    @Test
    void planLimits_givesBothWindowsWithTheTimeThe5HourLimitIsReached_orNullWhenUnknown() {
        // The 5-hour window opened at 16:00 and resets at 21:00; 50% used by 18:00 reaches 100% at 20:00.
        Instant reset = Instant.parse("2026-02-12T21:00:00Z");
        PlanLimits limits = new PlanLimits(Optional.of(new PlanLimits.Window(50, Optional.of(reset))),
                Optional.of(new PlanLimits.Window(18, Optional.empty())), Fixtures.NOW, "Claude Code status line");

        JsonNode n = SessionJson.planLimits(Optional.of(limits));

        assertThat(n.get("source").asText()).isEqualTo("Claude Code status line");
        assertThat(n.get("observedAt").asText()).isEqualTo("2026-02-12T18:00:00Z");
        assertThat(n.get("fiveHour").get("usedPercent").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(n.get("fiveHour").get("resetsAt").asText()).isEqualTo("2026-02-12T21:00:00Z");
        assertThat(n.get("fiveHour").get("limitAt").asText()).isEqualTo("2026-02-12T20:00:00Z");
        assertThat(n.get("sevenDay").get("usedPercent").decimalValue()).isEqualByComparingTo("18.0");
        assertThat(n.get("sevenDay").get("resetsAt").isNull()).isTrue();
        assertThat(n.get("sevenDay").has("limitAt")).isFalse();
        assertThat(SessionJson.planLimits(Optional.of(new PlanLimits(Optional.empty(),
                Optional.of(new PlanLimits.Window(1, Optional.empty())), Fixtures.NOW, "x"))).get("fiveHour")
                .isNull()).isTrue();
        assertThat(SessionJson.planLimits(Optional.empty()).isNull()).isTrue();
    }

    @Test
    void list_putsEachSessionsOwnAssistantsLimits_nullForTheOthers() {
        PlanLimits limits = new PlanLimits(Optional.of(new PlanLimits.Window(42, Optional.empty())), Optional.empty(),
                Fixtures.NOW, "Claude Code status line");
        Session claude = Fixtures.waiting();
        Function<Session, HealthReport> unknown = s -> new HealthReport(s.id(), OptionalInt.empty(),
                HealthLevel.UNKNOWN, List.of(), List.of());
        JsonNode array = parsed(SessionTexts.list(List.of(claude), unknown, Fixtures.NOW,
                Optional.of(s -> s.assistant().equals("claude-code") ? Optional.of(limits) : Optional.empty())));

        assertThat(array.get(0).get("officialLimits").get("fiveHour").get("usedPercent").asDouble()).isEqualTo(42.0);
        assertThat(parsed(SessionTexts.list(List.of(claude), unknown, Fixtures.NOW, Optional.of(s -> Optional.empty())))
                .get(0).get("officialLimits").isNull()).isTrue();
    }
}
