package dev.llmsession.internal;

import static dev.llmsession.internal.SessionFixture.NOW;
import static dev.llmsession.internal.SessionFixture.session;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.Curve;
import dev.llmsession.model.HealthComponent;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.HealthPolicy;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Recommendation;
import dev.llmsession.model.Recommendation.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CurveHealthScorerTest {
    private final CurveHealthScorer scorer = new CurveHealthScorer(HealthPolicy.DEFAULT);

    private HealthReport score(SessionFixture fixture) {
        return scorer.score(fixture.build(), NOW);
    }

    private static HealthComponent component(HealthReport report, String name) {
        return report.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static double scoreOf(HealthReport report, String name) {
        return component(report, name).score().orElseThrow();
    }

    private static List<String> codes(HealthReport report) {
        return report.recommendations().stream().map(Recommendation::code).toList();
    }

    @Test
    void score_freshSession_isHundredHealthyWithoutAdvice() {
        HealthReport report = score(session());

        assertThat(report.score()).hasValue(100);
        assertThat(report.level()).isEqualTo(HealthLevel.HEALTHY);
        assertThat(report.recommendations()).isEmpty();
        assertThat(report.components()).extracting(HealthComponent::name)
                .containsExactly("tokens", "duration", "activity", "errors");
        assertThat(report.components()).extracting(HealthComponent::weight).containsExactly(0.4, 0.2, 0.2, 0.2);
        assertThat(report.components()).extracting(HealthComponent::effectiveWeight)
                .containsExactly(0.4, 0.2, 0.2, 0.2);
    }

    @Test
    void score_tokensAtOrBelowFortyPercent_isHundred() {
        assertThat(scoreOf(score(session().context(0, 200_000, 167_000)), "tokens")).isEqualTo(100);
        assertThat(scoreOf(score(session().context(80_000, 200_000, 167_000)), "tokens")).isEqualTo(100);
    }

    @Test
    void score_tokensAt66Percent_isAbout76point9() {
        HealthReport report = score(session().context(132_000, 200_000, 167_000));

        assertThat(scoreOf(report, "tokens")).isCloseTo(76.89, within(0.01));
        assertThat(component(report, "tokens").value()).hasValue(66.0);
        assertThat(component(report, "tokens").measured()).isEqualTo("132,000 of 200,000 (66%)");
    }

    @Test
    void score_tokensAt85And100Percent_is60And0() {
        assertThat(scoreOf(score(session().context(170_000, 200_000, 190_000)), "tokens")).isCloseTo(60, within(1e-9));
        assertThat(scoreOf(score(session().context(200_000, 200_000, 190_000)), "tokens")).isCloseTo(0, within(1e-9));
    }

    @Test
    void score_tokensOnAMillionWindow_usesThePercentOfThatWindow() {
        assertThat(scoreOf(score(session().context(400_000, 1_000_000, 900_000)), "tokens")).isEqualTo(100);
    }

    @Test
    void score_duration_followsSpecCurveInMinutes() {
        assertThat(scoreOf(score(session().age(ofMinutes(15))), "duration")).isEqualTo(100);
        assertThat(scoreOf(score(session().age(ofHours(1))), "duration")).isCloseTo(80, within(1e-9));
        assertThat(scoreOf(score(session().age(ofHours(2))), "duration")).isCloseTo(60, within(1e-9));
        assertThat(scoreOf(score(session().age(ofHours(3))), "duration")).isCloseTo(40, within(1e-9));
        assertThat(scoreOf(score(session().age(ofHours(6))), "duration")).isCloseTo(0, within(1e-9));
        assertThat(scoreOf(score(session().age(ofHours(30))), "duration")).isEqualTo(0);
    }

    @Test
    void score_endedSession_measuresDurationUpToTheLastActivity() {
        HealthReport report = score(session().ended().age(ofHours(3)).idle(ofHours(1)));

        assertThat(component(report, "duration").value()).hasValue(120.0);
        assertThat(scoreOf(report, "duration")).isCloseTo(60, within(1e-9));
    }

    @Test
    void score_activityWhileWorking_countsAllIdleTime() {
        assertThat(scoreOf(score(session().idle(Duration.ZERO)), "activity")).isEqualTo(100);
        assertThat(scoreOf(score(session().idle(ofMinutes(10))), "activity")).isCloseTo(75, within(1e-9));
        assertThat(scoreOf(score(session().idle(ofMinutes(30))), "activity")).isCloseTo(25, within(1e-9));
        assertThat(scoreOf(score(session().idle(ofMinutes(60))), "activity")).isCloseTo(0, within(1e-9));
        assertThat(scoreOf(score(session().idle(ofMinutes(4))), "activity")).isCloseTo(90, within(1e-9));
    }

    @Test
    void score_waitingForInputWithinTheGrace_doesNotCountAsIdle() {
        HealthReport report = score(session().state(ActivityState.WAITING_INPUT).idle(ofMinutes(9)));

        assertThat(scoreOf(report, "activity")).isEqualTo(100);
        assertThat(component(report, "activity").value()).hasValue(0.0);
        assertThat(component(report, "activity").measured()).isEqualTo("9 min idle (waiting for input)");
    }

    @Test
    void score_waitingForInputPastTheGrace_countsOnlyTheTimeAfterTheFirstTenMinutes() {
        HealthReport report = score(session().state(ActivityState.WAITING_INPUT).idle(ofMinutes(20)));

        assertThat(component(report, "activity").value()).hasValue(10.0);
        assertThat(scoreOf(report, "activity")).isCloseTo(75, within(1e-9));
        assertThat(scoreOf(score(session().state(ActivityState.IDLE).idle(ofMinutes(40))), "activity"))
                .isCloseTo(25, within(1e-9));
    }

    @Test
    void score_waitingForPermission_getsNoGrace() {
        assertThat(scoreOf(score(session().state(ActivityState.WAITING_PERMISSION).idle(ofMinutes(10))), "activity"))
                .isCloseTo(75, within(1e-9));
    }

    @Test
    void score_errors_loseFifteenEachWithAFloorOfZero() {
        SessionFixture one = session().errorAgo(ofMinutes(1));
        SessionFixture seven = session();
        for (int i = 0; i < 7; i++) {
            seven.errorAgo(ofMinutes(i + 1));
        }

        assertThat(scoreOf(score(session()), "errors")).isEqualTo(100);
        assertThat(scoreOf(score(one), "errors")).isCloseTo(85, within(1e-9));
        assertThat(scoreOf(score(seven), "errors")).isEqualTo(0);
    }

    @Test
    void score_errorsOlderThanThirtyMinutes_doNotCount() {
        HealthReport report = score(session().age(ofHours(3)).errorAgo(ofMinutes(5)).errorAgo(ofMinutes(29))
                .errorAgo(ofMinutes(31)).errorAgo(ofHours(2)));

        assertThat(component(report, "errors").value()).hasValue(2.0);
        assertThat(scoreOf(report, "errors")).isCloseTo(70, within(1e-9));
        assertThat(component(report, "errors").measured()).isEqualTo("2 in the last 30 min");
    }

    @Test
    void score_levels_followTheBands() {
        // tokens 66% → 76.9 · 0.4 + 60 = 90.8
        assertThat(score(session().context(132_000, 200_000, 190_000)).level()).isEqualTo(HealthLevel.HEALTHY);
        // tokens 100% → 0 · 0.4 + 60 = 60
        HealthReport warning = score(session().context(200_000, 200_000, 190_000));
        assertThat(warning.score()).hasValue(60);
        assertThat(warning.level()).isEqualTo(HealthLevel.WARNING);
        // and one error: 60 − 0.2 · 15 = 57
        HealthReport critical = score(session().context(200_000, 200_000, 190_000).errorAgo(ofMinutes(1)));
        assertThat(critical.score()).hasValue(57);
        assertThat(critical.level()).isEqualTo(HealthLevel.CRITICAL);
    }

    @Test
    void score_specExampleWhileWorking_is78Warning() {
        HealthReport report = score(session().context(131_200, 200_000, 167_000).age(ofMinutes(125))
                .idle(ofMinutes(3)).errorAgo(ofMinutes(10)));

        assertThat(scoreOf(report, "tokens")).isCloseTo(77.24, within(0.01));
        assertThat(scoreOf(report, "duration")).isCloseTo(58.33, within(0.01));
        assertThat(scoreOf(report, "activity")).isCloseTo(92.5, within(1e-9));
        assertThat(scoreOf(report, "errors")).isCloseTo(85, within(1e-9));
        assertThat(report.score()).hasValue(78);
        assertThat(report.level()).isEqualTo(HealthLevel.WARNING);
        assertThat(component(report, "tokens").measured()).isEqualTo("131,200 of 200,000 (66%)");
        assertThat(component(report, "duration").measured()).isEqualTo("2 h 05 min");
        assertThat(codes(report)).containsExactly("near-auto-compact", "long-session");
    }

    @Test
    void score_endedSession_leavesActivityUnknownAndRenormalisesTheRest() {
        // tokens 90% → 40; duration 10 min → 100; errors none → 100
        HealthReport report = score(session().ended().context(180_000, 200_000, 190_000));

        HealthComponent activity = component(report, "activity");
        assertThat(activity.known()).isFalse();
        assertThat(activity.score()).isEmpty();
        assertThat(activity.value()).isEmpty();
        assertThat(activity.effectiveWeight()).isZero();
        assertThat(component(report, "tokens").effectiveWeight()).isCloseTo(0.5, within(1e-9));
        assertThat(component(report, "duration").effectiveWeight()).isCloseTo(0.25, within(1e-9));
        assertThat(component(report, "errors").effectiveWeight()).isCloseTo(0.25, within(1e-9));
        // 0.5 · 40 + 0.25 · 100 + 0.25 · 100 = 70; a fake 100 for activity would give 76
        assertThat(report.score()).hasValue(70);
        assertThat(report.level()).isEqualTo(HealthLevel.WARNING);
    }

    @Test
    void score_unknownContext_spreadsItsWeightOverTheRest() {
        // duration 2 h → 60, activity 0 idle → 100, errors none → 100: each a third
        HealthReport report = score(session().contextUnknown().age(ofHours(2)));

        assertThat(component(report, "tokens").known()).isFalse();
        assertThat(component(report, "tokens").weight()).isEqualTo(0.4);
        assertThat(component(report, "tokens").effectiveWeight()).isZero();
        assertThat(component(report, "duration").effectiveWeight()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(report.score()).hasValue(87);
        assertThat(report.components().stream().mapToDouble(HealthComponent::effectiveWeight).sum())
                .isCloseTo(1.0, within(1e-9));
    }

    @Test
    void score_unknownContextOfAnUnknownSession_isNeverAFakeHundred() {
        // duration 3 h → 40 is the only thing known besides activity and errors
        HealthReport report = score(session().contextUnknown().tokensUnknown().ended().noSources().age(ofHours(3)));

        assertThat(report.components()).filteredOn(HealthComponent::known).extracting(HealthComponent::name)
                .containsExactly("duration");
        assertThat(component(report, "duration").effectiveWeight()).isEqualTo(1.0);
        assertThat(report.score()).hasValue(40);
        assertThat(report.level()).isEqualTo(HealthLevel.CRITICAL);
        assertThat(component(report, "errors").measured()).contains("unknown");
    }

    @Test
    void score_noKnownComponentWithWeight_isUnknownNotAHundred() {
        HealthPolicy d = HealthPolicy.DEFAULT;
        HealthPolicy onlyTokens = new HealthPolicy(1, 0, 0, 0, d.tokensCurve(), d.durationCurve(), d.activityCurve(),
                d.errorsCurve(), d.errorWindow(), d.waitingGrace(), d.nearAutoCompactPercent(), d.longSession(),
                d.idleAdvice(), d.repeatedErrors());

        HealthReport report = new CurveHealthScorer(onlyTokens).score(session().contextUnknown().build(), NOW);

        assertThat(report.score()).isEmpty();
        assertThat(report.level()).isEqualTo(HealthLevel.UNKNOWN);
    }

    @Test
    void score_configuredCurve_isUsed() {
        HealthPolicy d = HealthPolicy.DEFAULT;
        HealthPolicy strict = new HealthPolicy(0.4, 0.2, 0.2, 0.2, Curve.of(0, 100, 50, 0), d.durationCurve(),
                d.activityCurve(), d.errorsCurve(), d.errorWindow(), d.waitingGrace(), d.nearAutoCompactPercent(),
                d.longSession(), d.idleAdvice(), d.repeatedErrors());

        HealthReport report = new CurveHealthScorer(strict).score(session().context(50_000, 200_000, 167_000).build(),
                NOW);

        assertThat(scoreOf(report, "tokens")).isCloseTo(50, within(1e-9));
        assertThat(report.score()).hasValue(80);
    }

    @Test
    void recommend_nearAutoCompact_saysHowManyTokensRemain() {
        HealthReport report = score(session().context(150_000, 200_000, 167_000));

        Recommendation r = report.recommendations().get(0);
        assertThat(r.code()).isEqualTo("near-auto-compact");
        assertThat(r.severity()).isEqualTo(Severity.ACTION);
        assertThat(r.message()).contains("17,000").contains("167,000").contains("50,000");
    }

    @Test
    void recommend_belowSeventyFivePercentOfTheAutoCompactThreshold_saysNothing() {
        assertThat(codes(score(session().context(120_000, 200_000, 167_000)))).doesNotContain("near-auto-compact");
    }

    @Test
    void recommend_pastAutoCompact_saysZeroLeftNotANegativeCount() {
        HealthReport report = score(session().context(180_000, 200_000, 167_000));

        assertThat(report.recommendations().get(0).message()).contains("~0 tokens left").contains("20,000");
    }

    @Test
    void recommend_nearlyFullWindowWithoutAutoCompact_warns() {
        HealthReport report = score(session().contextWithoutAutoCompact(190_000, 200_000));

        assertThat(codes(report)).containsExactly("near-window-limit");
        assertThat(report.recommendations().get(0).message()).contains("10,000");
    }

    @Test
    void recommend_unknownContextAfterCompaction_hints() {
        assertThat(codes(score(session().contextUnknown()))).containsExactly("context-unknown");
    }

    @Test
    void recommend_longSession_hintsAHandoff() {
        HealthReport report = score(session().age(ofMinutes(61)));

        assertThat(codes(report)).containsExactly("long-session");
        assertThat(report.recommendations().get(0).severity()).isEqualTo(Severity.HINT);
        assertThat(report.recommendations().get(0).message()).contains("1 h 01 min");
        assertThat(codes(score(session().age(ofMinutes(59))))).isEmpty();
    }

    @Test
    void recommend_idleRunningSession_hintsToCloseIt() {
        HealthReport report = score(session().state(ActivityState.WAITING_INPUT).idle(ofMinutes(30)));

        assertThat(codes(report)).containsExactly("idle");
        assertThat(report.recommendations().get(0).message()).contains("30 min");
    }

    @Test
    void recommend_idleEndedSession_saysNothingAboutIdling() {
        assertThat(codes(score(session().ended().idle(ofHours(5))))).doesNotContain("idle");
    }

    @Test
    void recommend_repeatedRecentErrors_asksForALook() {
        HealthReport report = score(session().errorAgo(ofMinutes(1)).errorAgo(ofMinutes(2)).errorAgo(ofMinutes(3)));

        assertThat(codes(report)).containsExactly("repeated-errors");
        assertThat(report.recommendations().get(0).message()).startsWith("3 errors in the last 30 min");
        assertThat(codes(score(session().errorAgo(ofMinutes(1)).errorAgo(ofMinutes(2)).errorAgo(ofMinutes(40)))))
                .isEmpty();
    }

    @Test
    void recommend_waitingForPermission_saysItNeedsYouWithTheEvidence() {
        HealthReport report = score(session().state(ActivityState.WAITING_PERMISSION)
                .evidence("registry status=permission").idle(ofMinutes(45)));

        assertThat(codes(report)).containsExactly("waiting-permission");
        assertThat(report.recommendations().get(0).severity()).isEqualTo(Severity.ACTION);
        assertThat(report.recommendations().get(0).message()).contains("needs you")
                .contains("registry status=permission");
    }

    @Test
    void recommend_severalRules_putsActionsBeforeHints() {
        HealthReport report = score(session().age(ofHours(2)).context(160_000, 200_000, 167_000)
                .errorAgo(ofMinutes(1)).errorAgo(ofMinutes(2)).errorAgo(ofMinutes(3)));

        assertThat(codes(report)).containsExactly("near-auto-compact", "repeated-errors", "long-session");
    }
}
