package dev.llmsession.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.cli.render.SessionOrder;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class MonitorStateTest {
    private final MonitorData four = MonitorFixtures.four();

    private MonitorState state(List<MonitorBinding> bindings) {
        MonitorState s = new MonitorState(MonitorData.empty(MonitorFixtures.NOW), bindings);
        s.accept(four);
        return s;
    }

    private static String selectedProject(MonitorState s) {
        return s.selectedSession().orElseThrow().project().orElseThrow();
    }

    @Test
    void press_downUpAndJk_moveTheSelectionWithinTheRows() {
        MonitorState s = state(List.of());
        assertThat(selectedProject(s)).isEqualTo("spotter");
        s.press(Key.DOWN);
        s.press(Key.of('j'));
        assertThat(selectedProject(s)).isEqualTo("a-very-long-project-name-for-truncation");
        s.press(Key.DOWN);
        s.press(Key.DOWN);
        assertThat(selectedProject(s)).as("stops at the last row").isEqualTo("api");
        s.press(Key.of('k'));
        s.press(Key.UP);
        s.press(Key.UP);
        s.press(Key.UP);
        assertThat(selectedProject(s)).as("stops at the first row").isEqualTo("spotter");
        s.press(Key.END);
        assertThat(selectedProject(s)).isEqualTo("api");
    }

    @Test
    void accept_newRefresh_keepsTheSelectedSessionEvenWhenItMoves() {
        MonitorState s = state(List.of());
        s.press(Key.DOWN);
        List<Session> reversed = new ArrayList<>(four.sessions());
        java.util.Collections.reverse(reversed);
        s.accept(new MonitorData(four.takenAt(), reversed, four.health(), List.of(), java.util.Optional.empty()));
        assertThat(selectedProject(s)).isEqualTo("shop");
        assertThat(s.selectedIndex()).isEqualTo(2);
    }

    @Test
    void accept_firstRowChanges_theSelectionStaysOnTheSessionThatWasFirst() {
        MonitorState s = state(List.of());
        List<Session> rotated = new ArrayList<>(four.sessions().subList(1, 4));
        rotated.add(four.sessions().get(0));
        s.accept(new MonitorData(four.takenAt(), rotated, four.health(), List.of(), java.util.Optional.empty()));
        assertThat(selectedProject(s)).isEqualTo("spotter");
    }

    @Test
    void accept_selectedSessionGone_selectsTheRowWhereItWas() {
        MonitorState s = state(List.of());
        s.press(Key.DOWN);
        List<Session> without = new ArrayList<>(four.sessions());
        without.remove(1);
        s.accept(new MonitorData(four.takenAt(), without, four.health(), List.of(), java.util.Optional.empty()));
        assertThat(selectedProject(s)).isEqualTo("a-very-long-project-name-for-truncation");
    }

    @Test
    void press_s_cyclesEverySortKeyThenBackToTheCatalogOrder() {
        MonitorState s = state(List.of());
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i <= SessionOrder.values().length; i++) {
            s.press(Key.of('s'));
            seen.add(s.sort().map(Object.class::cast).orElse("none"));
        }
        assertThat(seen).containsExactly(SessionOrder.health, SessionOrder.context, SessionOrder.cost,
                SessionOrder.idle, SessionOrder.started, "none");
    }

    @Test
    void press_sortByHealth_putsTheWorstFirst() {
        MonitorState s = state(List.of());
        s.press(Key.of('s'));
        assertThat(s.rows()).extracting(r -> r.project().orElseThrow())
                .containsExactly("a-very-long-project-name-for-truncation", "shop", "api", "spotter");
    }

    @Test
    void press_slashThenText_filtersAndEnterKeepsItEscClearsIt() {
        MonitorState s = state(List.of());
        s.press(Key.of('/'));
        assertThat(s.editingFilter()).isTrue();
        "shopx".chars().forEach(c -> s.press(Key.of((char) c)));
        assertThat(s.rows()).isEmpty();
        s.press(Key.BACKSPACE);
        assertThat(s.rows()).extracting(r -> r.project().orElseThrow()).containsExactly("shop");
        s.press(Key.of('q'));
        assertThat(s.filter()).as("q is text while typing the filter").isEqualTo("shopq");
        s.press(Key.BACKSPACE);
        s.press(Key.ENTER);
        assertThat(s.editingFilter()).isFalse();
        assertThat(s.rows()).hasSize(1);
        s.press(Key.ESCAPE);
        assertThat(s.filter()).isEmpty();
        assertThat(s.rows()).hasSize(4);
    }

    @Test
    void press_filterByState_matchesTheStateLabel() {
        MonitorState s = state(List.of());
        s.press(Key.of('/'));
        "permission".chars().forEach(c -> s.press(Key.of((char) c)));
        assertThat(s.rows()).singleElement().satisfies(r ->
                assertThat(r.activity().state()).isEqualTo(ActivityState.WAITING_PERMISSION));
    }

    @Test
    void press_enterOpensDetailAndAsksForTheTrend_escGoesBack() {
        MonitorState s = state(List.of());
        s.press(Key.DOWN);
        assertThat(s.press(Key.ENTER)).isInstanceOf(MonitorState.Outcome.Refresh.class);
        assertThat(s.view()).isEqualTo(MonitorState.View.DETAIL);
        assertThat(s.trendWanted()).contains(four.sessions().get(1).id());
        assertThat(s.press(Key.ESCAPE)).isInstanceOf(MonitorState.Outcome.Redraw.class);
        assertThat(s.view()).isEqualTo(MonitorState.View.LIST);
        assertThat(s.trendWanted()).isEmpty();
    }

    @Test
    void press_helpThenAnyKey_returnsToTheViewBefore() {
        MonitorState s = state(List.of());
        s.press(Key.ENTER);
        s.press(Key.of('h'));
        assertThat(s.view()).isEqualTo(MonitorState.View.HELP);
        assertThat(s.press(Key.of('x'))).isInstanceOf(MonitorState.Outcome.Redraw.class);
        assertThat(s.view()).isEqualTo(MonitorState.View.DETAIL);
    }

    @Test
    void press_qOrInterrupt_quitsFromEveryView() {
        for (Key before : List.of(Key.of('x'), Key.ENTER, Key.of('?'))) {
            MonitorState s = state(List.of());
            s.press(before);
            assertThat(s.press(Key.of('q'))).isInstanceOf(MonitorState.Outcome.Quit.class);
        }
        MonitorState s = state(List.of());
        s.press(Key.of('/'));
        assertThat(s.press(Key.INTERRUPT)).isInstanceOf(MonitorState.Outcome.Quit.class);
    }

    @Test
    void press_r_asksForARefresh() {
        assertThat(state(List.of()).press(Key.of('r'))).isInstanceOf(MonitorState.Outcome.Refresh.class);
    }

    @Test
    void press_pluggedKey_runsItsActionOnTheSelectedSession() {
        AtomicReference<Session> got = new AtomicReference<>();
        MonitorBinding export = new MonitorBinding('e', "export", sel -> {
            got.set(sel);
            return "exported";
        });
        MonitorState s = state(List.of(export));
        s.press(Key.DOWN);
        MonitorState.Outcome o = s.press(Key.of('e'));
        assertThat(o).isInstanceOf(MonitorState.Outcome.Run.class);
        MonitorState.Outcome.Run run = (MonitorState.Outcome.Run) o;
        assertThat(run.session().project()).contains("shop");
        assertThat(run.binding().action().run(run.session())).isEqualTo("exported");
        assertThat(state(List.of()).press(Key.of('e'))).as("absent without the binding")
                .isInstanceOf(MonitorState.Outcome.None.class);
    }

    @Test
    void accept_crossingIntoWarningOrPermission_alertsOnceAndHighlightsWhileItLasts() {
        Session a = MonitorFixtures.session(0, "a", ActivityState.WORKING, 10_000, 1.0);
        Session b = MonitorFixtures.session(1, "b", ActivityState.WORKING, 10_000, 1.0);
        Session bAsks = MonitorFixtures.session(1, "b", ActivityState.WAITING_PERMISSION, 10_000, 1.0);
        MonitorState s = new MonitorState(MonitorData.empty(MonitorFixtures.NOW), List.of());

        assertThat(s.accept(MonitorFixtures.data(List.of(a, b), new int[] {90, 90}))).isEmpty();
        List<SessionId> crossed = s.accept(MonitorFixtures.data(List.of(a, bAsks), new int[] {70, 90}));
        assertThat(crossed).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(s.alerted(a.id())).isTrue();
        assertThat(s.accept(MonitorFixtures.data(List.of(a, bAsks), new int[] {50, 90})))
                .as("warning to critical is no new crossing").isEmpty();
        assertThat(s.alerted(a.id())).isTrue();
        s.accept(MonitorFixtures.data(List.of(a, b), new int[] {95, 90}));
        assertThat(s.alerted(a.id())).isFalse();
        assertThat(s.alerted(b.id())).isFalse();
    }

    @Test
    void accept_alreadyWarningWhenFirstSeen_isNoCrossing() {
        MonitorState s = new MonitorState(MonitorData.empty(MonitorFixtures.NOW), List.of());
        assertThat(s.accept(four)).isEmpty();
        assertThat(s.accept(four)).isEmpty();
    }

    @Test
    void accept_detailSessionGone_returnsToTheList() {
        MonitorState s = state(List.of());
        s.press(Key.ENTER);
        s.accept(MonitorFixtures.data(List.of(), new int[0]));
        assertThat(s.view()).isEqualTo(MonitorState.View.LIST);
    }

    @Test
    void accept_longWarningSessionEntersPermissionWait_alertsOncePerWait() {
        MonitorState s = new MonitorState(MonitorData.empty(MonitorFixtures.NOW), List.of());
        Session working = MonitorFixtures.session(0, "long", ActivityState.WORKING, 150_000, 20.0);
        Session asks = MonitorFixtures.session(0, "long", ActivityState.WAITING_PERMISSION, 150_000, 20.0);
        // already warning from its length before the wait: no health crossing left to raise
        assertThat(s.accept(MonitorFixtures.data(List.of(working), new int[] {62}))).isEmpty();
        assertThat(s.accept(MonitorFixtures.data(List.of(working), new int[] {61}))).isEmpty();

        assertThat(s.accept(MonitorFixtures.data(List.of(asks), new int[] {60}))).containsExactly(asks.id());
        assertThat(s.alerted(asks.id())).isTrue();
        // the same wait raises nothing more; a new one does
        assertThat(s.accept(MonitorFixtures.data(List.of(asks), new int[] {60}))).isEmpty();
        assertThat(s.accept(MonitorFixtures.data(List.of(working), new int[] {60}))).isEmpty();
        assertThat(s.accept(MonitorFixtures.data(List.of(asks), new int[] {60}))).containsExactly(asks.id());
    }
}
