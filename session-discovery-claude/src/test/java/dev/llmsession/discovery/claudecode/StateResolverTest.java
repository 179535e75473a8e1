package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.discovery.claudecode.live.RegistryEntry;
import dev.llmsession.discovery.claudecode.transcript.StateSignal;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class StateResolverTest {

    private static final Instant NOW = Instant.parse("2026-02-12T21:00:00Z");

    private static Activity transcript(StateSignal.Kind kind, Instant modified, Instant last) {
        return StateResolver.resolve(Optional.empty(), new StateSignal(kind, "x", last), modified, last, NOW);
    }

    @Test
    void resolve_toolPendingRecentWrite_working() {
        assertThat(transcript(StateSignal.Kind.TOOL_PENDING, NOW.minusSeconds(5), NOW.minusSeconds(5)).state())
                .isEqualTo(ActivityState.WORKING);
    }

    @Test
    void resolve_toolPendingNoWrites_waitingPermissionInferred() {
        Activity a = transcript(StateSignal.Kind.TOOL_PENDING, NOW.minusSeconds(60), NOW.minusSeconds(60));

        assertThat(a.state()).isEqualTo(ActivityState.WAITING_PERMISSION);
        assertThat(a.evidence()).startsWith("inferred");
    }

    @Test
    void resolve_turnEndedLongAgo_idle() {
        Activity a = transcript(StateSignal.Kind.TURN_ENDED, NOW.minusSeconds(1200), NOW.minusSeconds(1200));

        assertThat(a.state()).isEqualTo(ActivityState.IDLE);
        assertThat(a.evidence()).contains("idle 20 min");
    }

    @Test
    void resolve_transcriptSignals_mapToStates() {
        Instant recent = NOW.minusSeconds(30);
        assertThat(transcript(StateSignal.Kind.TURN_ENDED, recent, recent).state())
                .isEqualTo(ActivityState.WAITING_INPUT);
        assertThat(transcript(StateSignal.Kind.ANSWERED, recent, recent).state())
                .isEqualTo(ActivityState.WAITING_INPUT);
        assertThat(transcript(StateSignal.Kind.USER_PROMPT, recent, recent).state()).isEqualTo(ActivityState.WORKING);
        assertThat(transcript(StateSignal.Kind.TOOL_RESULT, recent, recent).state()).isEqualTo(ActivityState.WORKING);
        assertThat(transcript(StateSignal.Kind.API_ERROR, recent, recent).state()).isEqualTo(ActivityState.ERRORED);
        assertThat(transcript(StateSignal.Kind.COMPACT_BOUNDARY, recent, recent).state())
                .isEqualTo(ActivityState.COMPACTING);
    }

    @Test
    void resolve_registryStatusWins_overTranscript() {
        RegistryEntry idle = new RegistryEntry(Path.of("sessions/7.json"), 7, "s", Optional.empty(), Optional.empty(),
                Optional.of("idle"), Optional.empty(), Optional.empty());
        RegistryEntry waiting = new RegistryEntry(Path.of("sessions/7.json"), 7, "s", Optional.empty(),
                Optional.empty(), Optional.of("waiting"), Optional.of("input needed"), Optional.empty());
        StateSignal working = new StateSignal(StateSignal.Kind.USER_PROMPT, "x", NOW);

        assertThat(StateResolver.resolve(Optional.of(idle), working, NOW, NOW, NOW).state())
                .isEqualTo(ActivityState.WAITING_INPUT);
        // a question dialog ("input needed") blocks the turn like a permission prompt: it needs the user
        assertThat(StateResolver.resolve(Optional.of(waiting), working, NOW, NOW, NOW).state())
                .isEqualTo(ActivityState.WAITING_PERMISSION);
    }

    @Test
    void resolve_registryIdleAfterFailedTurn_isErrored() {
        RegistryEntry idle = new RegistryEntry(Path.of("sessions/7.json"), 7, "s", Optional.empty(), Optional.empty(),
                Optional.of("idle"), Optional.empty(), Optional.empty());
        StateSignal failed = new StateSignal(StateSignal.Kind.API_ERROR, "last line is an API error message", NOW);

        Activity a = StateResolver.resolve(Optional.of(idle), failed, NOW, NOW, NOW);

        assertThat(a.state()).isEqualTo(ActivityState.ERRORED);
        assertThat(a.evidence()).contains("status=idle").contains("API error");
    }
}
