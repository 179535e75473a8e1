package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The fields {@code list --json} gained after 0.1: added last, never renaming one. */
final class SessionJsonAdditionsTest {
    private static JsonNode json(Session s) {
        HealthReport health = new HealthReport(s.id(), OptionalInt.of(70), HealthLevel.WARNING, List.of(), List.of());
        return SessionJson.session(s, health, Fixtures.NOW);
    }

    private static Session in(ActivityState state) {
        Session s = Fixtures.waiting();
        return new Session(s.id(), s.assistant(), s.pid(), Activity.of(state, "registry"), s.cwd(), s.gitBranch(),
                s.title(), s.model(), s.startedAt(), s.lastActivityAt(), s.tokens(), s.context(), s.cost(),
                s.errors(), s.quality(), s.sources());
    }

    @Test
    void needsAttention_isTrueForAPermissionOrQuestionWaitAndAFailedTurn_whateverTheHealth() {
        assertThat(json(in(ActivityState.WAITING_PERMISSION)).get("needsAttention").asBoolean()).isTrue();
        assertThat(json(in(ActivityState.ERRORED)).get("needsAttention").asBoolean()).isTrue();
        assertThat(json(in(ActivityState.WAITING_INPUT)).get("needsAttention").asBoolean()).isFalse();
        assertThat(json(in(ActivityState.WORKING)).get("needsAttention").isBoolean()).isTrue();
        assertThat(json(in(ActivityState.WORKING)).get("needsAttention").asBoolean()).isFalse();
    }
}
