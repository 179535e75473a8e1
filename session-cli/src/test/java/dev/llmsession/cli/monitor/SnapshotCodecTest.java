package dev.llmsession.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmsession.api.ModelUsage;
import dev.llmsession.api.UsageBlock;
import dev.llmsession.api.UsageTotals;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.PlanLimits;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine's snapshots decode to exactly the data encoded, and broken bytes are refused, never trusted. */
final class SnapshotCodecTest {

    private static MonitorData roundTrip(MonitorData data) throws IOException {
        return SnapshotCodec.decode(SnapshotCodec.encode(data));
    }

    /** Everything a refresh can hold: sessions, health, warnings, a trend, a usage block and the plan limits. */
    static MonitorData full() {
        MonitorData four = MonitorFixtures.withBlock(MonitorFixtures.withTrend(MonitorFixtures.four(),
                MonitorFixtures.four().sessions().get(0)));
        Session odd = MonitorFixtures.session(9, "\u001b]0;owned\u0007 \ud83d\ude80 \ud800 lone", ActivityState.WORKING,
                12, 0.5);
        odd = new Session(odd.id(), odd.assistant(), odd.pid(), odd.activity(), odd.cwd(),
                Optional.of("feat/\u00e9t\u00e9\r\n"), Optional.of(""), Optional.empty(), odd.startedAt(),
                odd.lastActivityAt(), odd.tokens(), odd.context(), odd.cost(), odd.errors(), odd.quality(),
                odd.sources(), Optional.of(SessionKind.BACKGROUND));
        List<Session> sessions = new java.util.ArrayList<>(four.sessions());
        sessions.add(odd);
        Map<dev.llmsession.model.SessionId, dev.llmsession.model.HealthReport> health =
                new java.util.HashMap<>(four.health());
        health.put(odd.id(), MonitorFixtures.health(odd, 12));
        UsageBlock b = four.block().orElseThrow();
        UsageTotals unpriced = new UsageTotals(3, 1, 2, 3, 4, 0.125, List.of("mystery-model"));
        UsageBlock block = new UsageBlock(b.start(), b.end(), b.lastAt(), b.active(), b.gap(), b.totals(),
                List.of(new ModelUsage("claude-opus-4-6", b.totals()), new ModelUsage("mystery-model", unpriced)),
                b.burnRate(), Optional.of(new UsageBlock.Projection(10, 20, 3.5, 90)),
                Optional.of(new UsageBlock.LimitStatus(1_000_000, true, 400_000, 900_000, 90.0,
                        UsageBlock.Level.CRITICAL)));
        PlanLimits limits = new PlanLimits(Optional.of(new PlanLimits.Window(42.5,
                Optional.of(MonitorFixtures.NOW.plus(Duration.ofHours(2))))), Optional.empty(),
                MonitorFixtures.NOW.minusSeconds(30), "claude-code statusline");
        return new MonitorData(four.takenAt().plusNanos(123_456_789), sessions, health,
                List.of("claude-code: a warning", "\u0000\u009b odd \ud83d"), four.trend(), Optional.of(block),
                Optional.empty(), Optional.of(limits));
    }

    @Test
    void aFullRefreshDecodesToTheSameData() throws IOException {
        MonitorData data = full();
        assertThat(roundTrip(data)).isEqualTo(data);
    }

    @Test
    void anEmptyRefreshDecodesToTheSameData() throws IOException {
        MonitorData empty = MonitorData.empty(Instant.EPOCH);
        assertThat(roundTrip(empty)).isEqualTo(empty);
    }

    @Test
    void aTeamViewKeepsEachRowsMachineUserAndHealthByPosition() throws IOException {
        MonitorData local = MonitorFixtures.four();
        // the same session id from two machines: rows are told apart by position, not by id
        List<Session> sessions = List.of(local.sessions().get(0), local.sessions().get(0), local.sessions().get(1));
        Map<Session, MonitorData.TeamRow> rows = new IdentityHashMap<>();
        Session twin = new Session(sessions.get(0).id(), sessions.get(0).assistant(), sessions.get(0).pid(),
                sessions.get(0).activity(), sessions.get(0).cwd(), sessions.get(0).gitBranch(),
                sessions.get(0).title(), sessions.get(0).model(), sessions.get(0).startedAt(),
                sessions.get(0).lastActivityAt(), sessions.get(0).tokens(), sessions.get(0).context(),
                sessions.get(0).cost(), sessions.get(0).errors(), sessions.get(0).quality(), sessions.get(0).sources());
        sessions = List.of(sessions.get(0), twin, sessions.get(2));
        rows.put(sessions.get(0), new MonitorData.TeamRow("laptop", "ann", MonitorFixtures.health(sessions.get(0), 90)));
        rows.put(sessions.get(1), new MonitorData.TeamRow("server", "bob", MonitorFixtures.health(twin, 40)));
        MonitorData team = new MonitorData(local.takenAt(), sessions, local.health(), List.of(), Optional.empty(),
                Optional.empty(), Optional.of(rows));

        MonitorData back = roundTrip(team);

        assertThat(back.sessions()).isEqualTo(team.sessions());
        assertThat(back.health()).isEqualTo(team.health());
        assertThat(back.team()).isPresent();
        for (int i = 0; i < sessions.size(); i++) {
            assertThat(back.origin(back.sessions().get(i))).as("row %d", i).isEqualTo(team.origin(sessions.get(i)));
        }
        assertThat(back.origin(back.sessions().get(2))).isEmpty();
    }

    @Test
    void anEncoderReusingTheBytesOfUnchangedSessions_givesTheBytesOfAFreshEncoding() throws IOException {
        MonitorData data = full();
        SnapshotCodec.Encoder encoder = new SnapshotCodec.Encoder();
        assertThat(encoder.encode(data)).isEqualTo(SnapshotCodec.encode(data));
        assertThat(encoder.encode(data)).as("every session the same instance").isEqualTo(SnapshotCodec.encode(data));

        // one session changed (a new instance), one gone, the others the same instances
        List<Session> sessions = new java.util.ArrayList<>(data.sessions());
        Session first = sessions.get(0);
        sessions.set(0, new Session(first.id(), first.assistant(), first.pid(), first.activity(), first.cwd(),
                Optional.of("other-branch"), first.title(), first.model(), first.startedAt(),
                first.lastActivityAt(), first.tokens(), first.context(), first.cost(), first.errors(), first.quality(),
                first.sources(), first.kind()));
        sessions.remove(1);
        MonitorData next = new MonitorData(data.takenAt(), sessions, data.health(), data.warnings(), data.trend(),
                data.block(), Optional.empty(), data.limits());
        byte[] bytes = encoder.encode(next);
        assertThat(bytes).isEqualTo(SnapshotCodec.encode(next));
        assertThat(SnapshotCodec.decode(bytes).sessions()).isEqualTo(sessions);
    }

    @Test
    void anotherVersionIsRefused() {
        byte[] bytes = SnapshotCodec.encode(full());
        bytes[0] = (byte) (SnapshotCodec.VERSION + 1);
        assertThatThrownBy(() -> SnapshotCodec.decode(bytes)).isInstanceOf(IOException.class)
                .hasMessageContaining("version");
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] bytes = SnapshotCodec.encode(full());
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] part = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> SnapshotCodec.decode(part)).as("cut at %d", cut).isInstanceOf(IOException.class);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> SnapshotCodec.decode(longer)).isInstanceOf(IOException.class);
    }

    @Test
    void corruptedBytesAreRefusedOrDecodedNeverAllocatedBeyondTheirSize() {
        byte[] bytes = SnapshotCodec.encode(full());
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] broken = bytes.clone();
            for (int k = 0; k < 3; k++) {
                broken[1 + random.nextInt(broken.length - 1)] = (byte) random.nextInt(256);
            }
            try {
                SnapshotCodec.decode(broken); // some flips land in a figure: still a snapshot
            } catch (IOException e) {
                assertThat(e).hasMessageStartingWith("snapshot");
            }
        }
    }
}
