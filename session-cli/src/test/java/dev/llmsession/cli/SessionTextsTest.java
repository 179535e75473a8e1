package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.render.SessionTexts;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.PlanLimits;
import dev.llmsession.model.Session;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@code list --json} from kept session texts is byte for byte the tree's output, at every call's clock. */
final class SessionTextsTest {
    private static final PlanLimits LIMITS = new PlanLimits(Optional.of(new PlanLimits.Window(42.5,
            Optional.of(Fixtures.NOW.plus(Duration.ofHours(2))))), Optional.empty(), Fixtures.NOW, "status line");

    private static String text(ArrayNode array) {
        StringWriter out = new StringWriter();
        SessionJson.write(array, out);
        return out.toString();
    }

    /** The tree's output: each session's object, with its official limits last when asked. */
    private static String tree(List<Session> sessions, Map<Session, HealthReport> health, Instant now,
            Optional<Function<Session, Optional<PlanLimits>>> limits) {
        ArrayNode array = SessionJson.list(sessions, health::get, now);
        limits.ifPresent(l -> {
            for (int i = 0; i < sessions.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) array.get(i)).set("officialLimits",
                        SessionJson.planLimits(l.apply(sessions.get(i))));
            }
        });
        return text(array);
    }

    private static List<Session> sessions() {
        List<Session> all = new ArrayList<>(Fixtures.all());
        Session s = Fixtures.waiting();
        // a title with a line break, an escape, quotes and the very text the clock fields are cut around
        all.add(new Session(new dev.llmsession.model.SessionId("claude", "hostile-1"), s.assistant(), s.pid(),
                Activity.of(ActivityState.WORKING, "\u001b[31m\"durationSeconds\" : -9223372036854775801"),
                s.cwd(), s.gitBranch(), Optional.of("a\nb \"idleSeconds\" : -9223372036854775797 \u2028 ☃"),
                s.model(), s.startedAt(), s.lastActivityAt(), s.tokens(), s.context(), s.cost(), s.errors(),
                s.quality(), s.sources(), s.kind()));
        return all;
    }

    private static Map<Session, HealthReport> health(List<Session> sessions, int score) {
        Map<Session, HealthReport> health = new HashMap<>();
        sessions.forEach(s -> health.put(s, new HealthReport(s.id(), OptionalInt.of(score), HealthLevel.of(score),
                List.of(), List.of())));
        return health;
    }

    @Test
    void keptTexts_equalTheTree_withAndWithoutLimits_asTheClockMovesAndHealthChanges() {
        List<Session> sessions = sessions();
        Function<Session, Optional<PlanLimits>> limits = s -> s.pid().isPresent() ? Optional.of(LIMITS)
                : Optional.empty();
        for (Optional<Function<Session, Optional<PlanLimits>>> l : List.of(Optional.<Function<Session,
                Optional<PlanLimits>>>empty(), Optional.of(limits))) {
            for (int round = 0; round < 3; round++) {
                Instant now = Fixtures.NOW.plus(Duration.ofSeconds(round * 61L));
                Map<Session, HealthReport> health = health(sessions, round == 2 ? 35 : 90);
                assertThat(text(SessionTexts.list(sessions, health::get, now, l)))
                        .isEqualTo(tree(sessions, health, now, l));
            }
        }
    }

    @Test
    void aChangedSession_isRenderedAgain_evenWithTheSameId() {
        Session before = Fixtures.endedAssumed();
        Session after = new Session(before.id(), before.assistant(), before.pid(), before.activity(), before.cwd(),
                before.gitBranch(), Optional.of("renamed"), before.model(), before.startedAt(),
                before.lastActivityAt(), before.tokens(), before.context(), before.cost(), before.errors(),
                before.quality(), before.sources(), before.kind());
        Map<Session, HealthReport> health = health(List.of(before, after), 80);

        SessionTexts.list(List.of(before), health::get, Fixtures.NOW, Optional.empty());
        String shown = text(SessionTexts.list(List.of(after), health::get, Fixtures.NOW, Optional.empty()));

        assertThat(shown).contains("\"title\" : \"renamed\"").isEqualTo(tree(List.of(after), health, Fixtures.NOW,
                Optional.empty()));
    }
}
