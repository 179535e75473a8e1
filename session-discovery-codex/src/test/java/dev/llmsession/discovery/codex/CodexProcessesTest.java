package dev.llmsession.discovery.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.SessionDiscovery;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live sessions: the real samples with a process table that holds codex processes (and look-alikes). */
final class CodexProcessesTest {
    private static final String ONE_TURN = "019c8bfe-ec25-79e0-97d7-bda6a9c575ff";
    private static final String ONE_TURN_CWD = "/redacted/path/ea96e59ed9";
    private static final String SMALL = "019c8a70-dda7-7f33-98ea-f30553347322";
    private static final String SMALL_CWD = "/redacted/path/da0ba47443";

    @TempDir
    Path home;

    @BeforeEach
    void layOut() throws IOException {
        Samples.layOut(home.resolve(".codex"));
    }

    private static ProcessInfo process(long pid, String name, List<String> args, String cwd, String started) {
        return new ProcessInfo(pid, 1, name, "/usr/local/bin/" + name, args, Optional.of(cwd),
                Optional.of(Instant.parse(started)));
    }

    private Map<String, Session> discover(Instant now, boolean includeEnded, ProcessInfo... processes) {
        SessionDiscovery d = new CodexDiscoveryProvider().create(CodexSamplesTest.context(home, now));
        SessionDiscovery.Request request = new SessionDiscovery.Request(ProcessTable.of(now, List.of(processes)), now,
                includeEnded, Optional.empty(), dev.llmsession.spi.TranscriptIndex.inMemory(),
                dev.llmsession.spi.IndexProgress.NONE, dev.llmsession.spi.TokenEstimator.charsPerToken());
        return d.discover(request).stream().collect(Collectors.toMap(s -> s.id().nativeId(), Function.identity()));
    }

    @Test
    void codexStartedBeforeTheSessionInItsDirectory_ownsIt_andAFinishedTurnWaitsForInput() {
        Instant now = Instant.parse("2026-02-23T19:40:00Z");
        Map<String, Session> s = discover(now, true,
                process(4242, "codex", List.of("codex"), ONE_TURN_CWD, "2026-02-23T19:30:00Z"));

        Session live = s.get(ONE_TURN);
        assertThat(live.pid()).hasValue(4242);
        assertThat(live.activity().state()).isEqualTo(ActivityState.WAITING_INPUT);
        assertThat(live.activity().evidence()).contains("codex pid 4242", "task_complete");
        assertThat(s.get(SMALL).activity().state()).isEqualTo(ActivityState.ENDED);
    }

    @Test
    void waitingLongerThanTenMinutes_isIdle_andAnUnfinishedTurnIsWorking() {
        Instant now = Instant.parse("2026-02-23T21:00:00Z");
        Map<String, Session> s = discover(now, true,
                process(4242, "codex", List.of("codex"), ONE_TURN_CWD, "2026-02-23T19:30:00Z"),
                process(4343, "codex", List.of("codex"), SMALL_CWD, "2026-02-23T12:19:00Z"));

        assertThat(s.get(ONE_TURN).activity().state()).isEqualTo(ActivityState.IDLE);
        assertThat(s.get(SMALL).activity().state()).isEqualTo(ActivityState.WORKING);
        assertThat(s.get(SMALL).pid()).hasValue(4343);
    }

    @Test
    void processStartedAfterTheSession_orElsewhere_orAnAppServer_ownsNothing() {
        Instant now = Instant.parse("2026-02-23T19:40:00Z");
        Map<String, Session> s = discover(now, true,
                process(1, "codex", List.of("codex"), ONE_TURN_CWD, "2026-02-23T19:38:00Z"),
                process(2, "codex", List.of("codex"), "/elsewhere", "2026-02-23T19:00:00Z"),
                process(3, "codex", List.of("codex", "app-server"), ONE_TURN_CWD, "2026-02-23T19:00:00Z"),
                process(4, "node", List.of("node", "/usr/lib/node_modules/@openai/codex/bin/codex.js"), ONE_TURN_CWD,
                        "2026-02-23T19:00:00Z"));

        assertThat(s.values()).allSatisfy(x -> assertThat(x.running()).isFalse());
    }

    @Test
    void resumeArgument_namesItsSessionWhateverTheStartTime() {
        Instant now = Instant.parse("2026-02-25T10:00:00Z");
        Map<String, Session> s = discover(now, false,
                process(77, "codex", List.of("codex", "resume", SMALL), "/somewhere/else", "2026-02-25T09:00:00Z"));

        assertThat(s).containsOnlyKeys(SMALL);
        assertThat(s.get(SMALL).pid()).hasValue(77);
    }

    @Test
    void runningOnly_withoutACodexProcess_readsNothing() {
        assertThat(discover(Instant.parse("2026-02-23T19:40:00Z"), false,
                process(9, "claude", List.of("claude"), ONE_TURN_CWD, "2026-02-23T19:30:00Z"))).isEmpty();
    }
}
