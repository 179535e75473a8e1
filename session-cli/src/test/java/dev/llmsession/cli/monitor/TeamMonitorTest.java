package dev.llmsession.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmsession.cli.render.Terminal;
import dev.llmsession.model.Session;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code monitor --team}'s rendering: MACHINE and USER first, no PID, recommendations named user@machine. */
final class TeamMonitorTest {
    private static final String[][] WHERE = {{"laptop-a", "dana"}, {"build-7", "eve"}, {"build-7", "eve"},
        {"laptop-a", "dana"}};

    /** {@link MonitorFixtures#four()} as a team view: two machines, two users. */
    private static MonitorData team(MonitorData local) {
        Map<Session, MonitorData.TeamRow> origins = new HashMap<>();
        for (int i = 0; i < local.sessions().size(); i++) {
            Session s = local.sessions().get(i);
            origins.put(s, new MonitorData.TeamRow(WHERE[i][0], WHERE[i][1], local.health(s)));
        }
        return new MonitorData(local.takenAt(), local.sessions(), local.health(), local.warnings(), local.trend(),
                local.block(), Optional.of(origins));
    }

    @Test
    void theScreenStartsEachRowWithMachineAndUserAndHasNoPidColumn() {
        MonitorState state = new MonitorState(MonitorData.empty(MonitorFixtures.NOW), List.of());
        state.accept(team(MonitorFixtures.four()));
        List<String> lines = new MonitorScreen(HeaderSegment.defaults(ZoneOffset.UTC), false, false,
                Duration.ofSeconds(5)).render(state, 140, 24).lines();
        String header = lines.stream().filter(l -> l.contains("STATUS")).findFirst().orElseThrow();
        assertThat(header).containsSubsequence("MACHINE", "USER", "ID", "TYPE", "STATUS").doesNotContain("PID");
        assertThat(lines).anySatisfy(l -> assertThat(l).containsSubsequence("laptop-a", "dana", "claude_4d561"));
        assertThat(lines).anySatisfy(l -> assertThat(l).containsSubsequence("build-7", "eve", "shop"));
        // the critical session's recommendation says whose it is and where
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("eve@build-7 ").contains("Nearing auto-compact"));
    }

    @Test
    void theLocalScreenIsUnchanged() {
        MonitorState state = new MonitorState(MonitorData.empty(MonitorFixtures.NOW), List.of());
        state.accept(MonitorFixtures.four());
        String header = new MonitorScreen(HeaderSegment.defaults(ZoneOffset.UTC), false, false, Duration.ofSeconds(5))
                .render(state, 140, 24).lines().stream().filter(l -> l.contains("STATUS")).findFirst().orElseThrow();
        assertThat(header).contains("PID").doesNotContain("MACHINE", "USER");
    }

    @Test
    void anEmptyTeamViewSaysItIsTheTeamDatabasesThatIsEmpty() {
        MonitorData empty = new MonitorData(MonitorFixtures.NOW, List.of(), Map.of(), List.of(), Optional.empty(),
                Optional.empty(), Optional.of(Map.of()));
        MonitorState state = new MonitorState(MonitorData.empty(MonitorFixtures.NOW), List.of());
        state.accept(empty);
        assertThat(new MonitorScreen(HeaderSegment.defaults(ZoneOffset.UTC), false, false, Duration.ofSeconds(5))
                .render(state, 100, 24).lines()).anySatisfy(l -> assertThat(l)
                        .contains("No running sessions in the team database."));
        StringWriter out = new StringWriter();
        new SnapshotPrinter(new PrintWriter(out), new Terminal(false, false, 100), HeaderSegment.defaults(ZoneOffset.UTC),
                false).print(empty);
        assertThat(out.toString()).contains("No running sessions in the team database.");
    }

    @Test
    void snapshotsHaveTheColumnsAndJsonHasMachineAndUser() throws Exception {
        MonitorData data = team(MonitorFixtures.four());
        StringWriter text = new StringWriter();
        new SnapshotPrinter(new PrintWriter(text), new Terminal(false, false, 140), HeaderSegment.defaults(ZoneOffset.UTC),
                false).print(data);
        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(1)).startsWith("MACHINE").contains("USER").doesNotContain("PID");
        assertThat(lines.get(2)).startsWith("laptop-a").contains("dana");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("⚠️ eve@build-7 claude_4d56"));

        StringWriter json = new StringWriter();
        new SnapshotPrinter(new PrintWriter(json), new Terminal(false, false, 140), HeaderSegment.defaults(ZoneOffset.UTC),
                true).print(data);
        JsonNode sessions = new ObjectMapper().readTree(json.toString()).get("sessions");
        for (int i = 0; i < sessions.size(); i++) {
            Session s = data.sessions().get(i);
            assertThat(sessions.get(i).get("id").asText()).isEqualTo(s.id().value());
            assertThat(sessions.get(i).get("machine").asText()).isEqualTo(WHERE[i][0]);
            assertThat(sessions.get(i).get("user").asText()).isEqualTo(WHERE[i][1]);
        }
        StringWriter local = new StringWriter();
        new SnapshotPrinter(new PrintWriter(local), new Terminal(false, false, 140),
                HeaderSegment.defaults(ZoneOffset.UTC), true).print(MonitorFixtures.four());
        assertThat(new ObjectMapper().readTree(local.toString()).get("sessions").get(0).has("machine")).isFalse();
    }
}
