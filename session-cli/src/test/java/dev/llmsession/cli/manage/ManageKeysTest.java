package dev.llmsession.cli.manage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import dev.llmsession.testkit.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's manage keys: {@code y} copies with OSC 52, {@code K} stops only on a second press. */
final class ManageKeysTest {
    private static final Instant NOW = Instant.parse("2026-02-13T09:00:00Z");

    @TempDir
    Path tmp;

    private Process claude;

    @AfterEach
    void kill() throws InterruptedException {
        if (claude != null && claude.isAlive()) {
            claude.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void y_putsTheResumeCommandOnTheClipboardWithOsc52() {
        Session s = session("4d5611e5-241a", OptionalLong.empty());
        SessionControl control = SessionControl.resumeOnly(s, List.of("claude", "--resume", "4d5611e5-241a"));
        List<String> written = new ArrayList<>();

        String status = ManageKeys.copy(s, control, Optional.empty(), Optional.of(written::add));

        assertThat(status).isEqualTo("copied: cd '/home/a/my project' && claude --resume 4d5611e5-241a");
        assertThat(written).singleElement().satisfies(seq -> {
            assertThat(seq).startsWith("\u001b]52;c;").endsWith("\u0007");
            assertThat(new String(Base64.getDecoder().decode(seq.substring(7, seq.length() - 1)),
                    StandardCharsets.UTF_8)).isEqualTo("cd '/home/a/my project' && claude --resume 4d5611e5-241a");
        });
        assertThat(ManageKeys.copy(s, control, Optional.empty(), Optional.empty()))
                .startsWith("resume with: cd '/home/a/my project'");
    }

    @Test
    void K_armsOnTheFirstPress_andSignalsTheSessionsOwnProcessOnTheSecond() throws Exception {
        Path exe = Files.createDirectories(tmp.resolve("bin")).resolve("claude");
        Files.copy(Path.of("/bin/sleep"), exe, StandardCopyOption.COPY_ATTRIBUTES);
        claude = new ProcessBuilder(exe.toString(), "300").start();
        Session s = session("0e1d2c3b-4a59", OptionalLong.of(claude.pid()));
        Session other = session("99999999-0000", OptionalLong.of(claude.pid()));
        SessionControl control = new SessionControl(OptionalLong.of(claude.pid()),
                new ProcFs().startTicks(claude.pid()), Optional.empty(), false, List.of(), List.of(),
                List.of("claude", "--resume", "0e1d2c3b-4a59"), s.cwd());
        AtomicReference<ManageKeys.Armed> armed = new AtomicReference<>();
        SettableClock clock = new SettableClock(NOW);

        String first = ManageKeys.stop(s, control, armed, clock, new ProcFs());
        clock.advance(java.time.Duration.ofSeconds(6));
        String late = ManageKeys.stop(s, control, armed, clock, new ProcFs());
        String otherSession = ManageKeys.stop(other, control, armed, clock, new ProcFs());
        String rearmed = ManageKeys.stop(s, control, armed, clock, new ProcFs());
        assertThat(claude.isAlive()).as("nothing signalled before the confirming press").isTrue();
        String confirmed = ManageKeys.stop(s, control, armed, clock, new ProcFs());

        assertThat(first).isEqualTo("press K again within 5s to stop claude_0e1d2 (SIGTERM to pid " + claude.pid() + ")");
        assertThat(late).startsWith("press K again");
        assertThat(otherSession).startsWith("press K again within 5s to stop claude_99999");
        assertThat(rearmed).startsWith("press K again within 5s to stop claude_0e1d2");
        assertThat(confirmed).isEqualTo("SIGTERM sent to claude_0e1d2 (pid " + claude.pid() + ")");
        assertThat(claude.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void K_refusesAPidWhoseStartTimeIsNotTheSessions() throws Exception {
        Path exe = Files.createDirectories(tmp.resolve("bin")).resolve("claude");
        Files.copy(Path.of("/bin/sleep"), exe, StandardCopyOption.COPY_ATTRIBUTES);
        claude = new ProcessBuilder(exe.toString(), "300").start();
        Session s = session("0e1d2c3b-4a59", OptionalLong.of(claude.pid()));
        String ticks = new ProcFs().startTicks(claude.pid()).orElseThrow();
        SessionControl reused = new SessionControl(OptionalLong.of(claude.pid()),
                Optional.of(Long.toString(Long.parseLong(ticks) - 100)), Optional.empty(), false, List.of(), List.of(),
                List.of(), s.cwd());
        AtomicReference<ManageKeys.Armed> armed = new AtomicReference<>();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        ManageKeys.stop(s, reused, armed, clock, new ProcFs());
        String refused = ManageKeys.stop(s, reused, armed, clock, new ProcFs());

        assertThat(refused).startsWith("not stopped: claude_0e1d2c3b-4a59: pid " + claude.pid() + " started at tick "
                + ticks).contains("reused");
        assertThat(claude.isAlive()).isTrue();
    }

    private static Session session(String nativeId, OptionalLong pid) {
        return new Session(new SessionId("claude", nativeId), "claude-code", pid,
                Activity.of(pid.isPresent() ? ActivityState.WAITING_INPUT : ActivityState.ENDED, "test"),
                Optional.of("/home/a/my project"), Optional.empty(), Optional.empty(), Optional.empty(),
                NOW.minus(Duration.ofHours(1)), NOW, TokenFigures.UNKNOWN,
                new ContextFill(OptionalLong.empty(), 200_000, true, OptionalLong.empty(), TokenSource.UNKNOWN),
                Cost.UNKNOWN, ErrorCounts.NONE, DataQuality.CLEAN, List.of());
    }
}
