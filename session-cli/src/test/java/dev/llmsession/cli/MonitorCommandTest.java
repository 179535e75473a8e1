package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code monitor} without a terminal: the snapshot modes, and the interval's bounds. */
final class MonitorCommandTest {
    @TempDir
    Path home;

    @Test
    void once_noTerminal_printsOnePlainSnapshotOfTheRunningSessionsAndExitsZero() {
        CliRun.Result r = new CliRun(home).run("monitor", "--once", "--ascii");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines().get(0)).startsWith("llm-session - 2 sessions: 1 working, 1 waiting - ");
        assertThat(r.out()).contains("claude_4d56", "claude_9b7e").doesNotContain("claude_c0ff", "\u001b[");
    }

    @Test
    void onceJson_printsOneLineOfJsonWithTheListJsonOfEachSession() throws Exception {
        CliRun.Result r = new CliRun(home).run("monitor", "--once", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines()).hasSize(1);
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("takenAt").asText()).isEqualTo("2026-02-12T18:00:00Z");
        assertThat(o.get("sessions")).hasSize(2);
        JsonNode waiting = o.get("sessions").get(0).get("id").asText().contains(Fixtures.S1)
                ? o.get("sessions").get(0) : o.get("sessions").get(1);
        assertThat(waiting.get("context").get("tokens").asLong()).isEqualTo(131_200);
        assertThat(waiting.get("state").asText()).isEqualTo("WAITING_INPUT");
        assertThat(o.get("warnings")).isEmpty();
    }

    @Test
    void interval_outOfRangeOrNotADuration_isAUsageErrorOnOneLine() {
        for (String bad : new String[] {"1s", "61s", "1500ms", "soon"}) {
            CliRun.Result r = new CliRun(home).run("monitor", "--once", "--interval", bad);
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.err().strip()).as(bad).startsWith("llm-session: --interval").doesNotContain("\n");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void interval_bounds_areAccepted() {
        assertThat(new CliRun(home).run("monitor", "--once", "--interval", "2s").code()).isZero();
        assertThat(new CliRun(home).run("monitor", "--once", "--interval", "1m").code()).isZero();
    }

    @Test
    void assistant_unknown_isAUsageErrorOnOneLine_known_filters() throws Exception {
        CliRun.Result bad = new CliRun(home).run("monitor", "--once", "--assistant", "nope");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("llm-session: unknown assistant 'nope'").doesNotContain("\n");

        CliRun.Result ok = new CliRun(home).run("monitor", "--once", "--json", "--assistant", "claude-code");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(new ObjectMapper().readTree(ok.out()).get("sessions")).hasSize(2);
    }

    @Test
    void console_withTermDumb_printsASnapshotInsteadOfTheFullScreen() {
        CliRun.Result r = new CliRun(home).console(true).env("TERM", "dumb").run("monitor", "--once");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 sessions").doesNotContain("\u001b[?1049h");
    }
}
