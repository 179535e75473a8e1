package dev.llmsession.discovery.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.adapterkit.JsonlTail;
import dev.llmsession.model.ProcessTable;
import dev.llmsession.model.Session;
import dev.llmsession.spi.SessionDiscovery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counting rules on synthetic rollouts: repeats, resets, forks, compaction, errors, damaged and huge lines. */
final class RolloutRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final String ID = "019c0000-0000-7000-8000-000000000001";

    @TempDir
    Path home;

    private Path day;
    private SessionDiscovery discovery;

    @BeforeEach
    void setUp() throws IOException {
        day = Files.createDirectories(home.resolve(".codex/sessions/2026/02/23"));
        discovery = new CodexDiscoveryProvider().create(CodexSamplesTest.context(home, NOW));
    }

    private Path write(String id, String... lines) throws IOException {
        Path file = day.resolve("rollout-2026-02-23T10-00-00-" + id + ".jsonl");
        Files.writeString(file, String.join("", lines), StandardCharsets.UTF_8);
        return file;
    }

    private Session only() {
        List<Session> found = discovery.discover(CodexSamplesTest.request(ProcessTable.empty(NOW), NOW));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void tokens_repeatsAddNothingAndADropStartsANewRun() throws IOException {
        write(ID, Lines.meta("2026-02-23T10:00:00Z", ID, "/w/a"),
                Lines.tokensWithoutInfo("2026-02-23T10:00:01Z"),
                Lines.tokens("2026-02-23T10:00:02Z", 100, 10, 110),
                Lines.tokens("2026-02-23T10:00:03Z", 100, 10, 110),
                Lines.tokens("2026-02-23T10:00:04Z", 250, 20, 160),
                Lines.tokens("2026-02-23T10:00:05Z", 80, 5, 85),
                Lines.tokens("2026-02-23T10:00:06Z", 120, 9, 44));

        Session s = only();

        // 250 + 20 before the resume, 120 + 9 after it; the sum of last_token_usage would say 509.
        assertThat(s.tokens().total().total()).isEqualTo(250 + 20 + 120 + 9);
        assertThat(s.tokens().total().cacheRead()).isEqualTo(125 + 60);
        assertThat(s.tokens().total().input()).isEqualTo(125 + 60);
        assertThat(s.tokens().total().apiCalls()).isEqualTo(4);
        assertThat(s.context().tokens()).hasValue(44);
        assertThat(s.context().window()).isEqualTo(200_000);
    }

    @Test
    void tokens_forkReplayingItsParent_countsOnlyTheChildsOwnCalls() throws IOException {
        String child = "019c0000-0000-7000-8000-0000000000c1";
        write(child, Lines.forkMeta("2026-02-23T11:00:00Z", child, "/w/a", ID),
                Lines.meta("2026-02-23T10:00:00Z", ID, "/w/a"),
                Lines.tokens("2026-02-23T11:00:00.100Z", 1000, 100, 1100),
                Lines.tokens("2026-02-23T11:00:00.200Z", 3000, 300, 2200),
                Lines.tokens("2026-02-23T11:05:00Z", 3500, 350, 550));

        Session s = only();

        assertThat(s.id().nativeId()).isEqualTo(child);
        assertThat(s.tokens().total().total()).isEqualTo(500 + 50);
        assertThat(s.tokens().total().apiCalls()).isEqualTo(1);
    }

    @Test
    void context_unknownAfterACompactionUntilTheNextCall() throws IOException {
        Path file = write(ID, Lines.meta("2026-02-23T10:00:00Z", ID, "/w/a"),
                Lines.tokens("2026-02-23T10:00:02Z", 100_000, 100, 100_100),
                Lines.event("2026-02-23T10:00:03Z", "context_compacted"),
                Lines.tokens("2026-02-23T10:00:04Z", 100_000, 100, 0));
        assertThat(only().context().tokens()).isEmpty();

        Files.writeString(file, Lines.tokens("2026-02-23T10:00:09Z", 120_000, 200, 20_100), StandardOpenOption.APPEND);

        assertThat(only().context().tokens()).hasValue(20_100);
    }

    @Test
    void errors_abortsAndErrorEventsAreCountedWithTheirTimes() throws IOException {
        write(ID, Lines.meta("2026-02-23T10:00:00Z", ID, "/w/a"),
                Lines.event("2026-02-23T10:00:01Z", "task_started"),
                Lines.aborted("2026-02-23T10:00:02Z"),
                Lines.event("2026-02-23T10:00:03Z", "task_started"),
                Lines.event("2026-02-23T10:00:04Z", "error"));

        Session s = only();

        assertThat(s.errors().interrupts()).isEqualTo(1);
        assertThat(s.errors().api()).isEqualTo(1);
        assertThat(s.errors().times()).containsExactly(Instant.parse("2026-02-23T10:00:02Z"),
                Instant.parse("2026-02-23T10:00:04Z"));
    }

    @Test
    void lines_malformedAndAPartialTail_areCountedAndSkipped() throws IOException {
        String unfinished = "{\"timestamp\":\"2026-02-23T10:00:03Z\",\"type\":\"event_msg\"";
        Path file = write(ID, Lines.meta("2026-02-23T10:00:00Z", ID, "/w/a"),
                "{\"timestamp\":\"2026-02-23T10:00:01Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"tok\n",
                "not json at all\n",
                "[1,2,3]\n",
                Lines.tokens("2026-02-23T10:00:02Z", 100, 10, 110),
                unfinished);

        Session s = only();

        assertThat(s.quality().malformedLines()).isEqualTo(3);
        assertThat(s.quality().partialTailBytes()).isEqualTo(unfinished.length());
        assertThat(s.tokens().total().total()).isEqualTo(110);
        assertThat(s.lastActivityAt()).isEqualTo(Instant.parse("2026-02-23T10:00:02Z"));

        // The writer finishes the line: the next refresh reads it from where the last one stopped.
        Files.writeString(file, ",\"payload\":{\"type\":\"task_complete\"}}\n", StandardOpenOption.APPEND);
        Session after = only();
        assertThat(after.quality().partialTailBytes()).isZero();
        assertThat(after.lastActivityAt()).isEqualTo(Instant.parse("2026-02-23T10:00:03Z"));
        assertThat(after.quality().malformedLines()).isEqualTo(3);
    }

    @Test
    void lines_hugerThanTheCap_giveTheirTimeAndTheCountsAroundThemStay() throws IOException {
        discovery = new CodexSessionDiscovery(new CodexHome(home.resolve(".codex")), new JsonlTail(64 * 1024));
        String big = "x".repeat(3 * 1024 * 1024);
        write(ID, Lines.meta("2026-02-23T10:00:00Z", ID, "/w/a"),
                Lines.tokens("2026-02-23T10:00:02Z", 100, 10, 110),
                Lines.responseItem("2026-02-23T10:00:05Z", big),
                "{\"timestamp\":\"2026-02-23T10:00:06Z\",\"type\":\"compacted\",\"payload\":{\"message\":\"\","
                        + "\"replacement_history\":[\"" + big + "\"]}}\n",
                Lines.tokens("2026-02-23T10:00:07Z", 300, 20, 210));

        Session s = only();

        assertThat(s.tokens().total().total()).isEqualTo(320);
        assertThat(s.quality().malformedLines()).isZero();
        assertThat(s.lastActivityAt()).isEqualTo(Instant.parse("2026-02-23T10:00:07Z"));
    }

    @Test
    void lines_hugeButUnderTheDefaultCap_areParsedWhole() throws IOException {
        String big = "y".repeat(2 * 1024 * 1024);
        write(ID, Lines.meta("2026-02-23T10:00:00Z", ID, "/w/a"),
                Lines.tokens("2026-02-23T10:00:02Z", 100_000, 10, 100_010),
                "{\"timestamp\":\"2026-02-23T10:00:06Z\",\"type\":\"compacted\",\"payload\":{\"message\":\"" + big
                        + "\"}}\n");

        Session s = only();

        assertThat(s.context().tokens()).as("the compaction line was read: context unknown after it").isEmpty();
        assertThat(s.lastActivityAt()).isEqualTo(Instant.parse("2026-02-23T10:00:06Z"));
    }

    @Test
    void file_withoutSessionMeta_isNamedFromItsFileNameAndTokensUnknown() throws IOException {
        write(ID, Lines.responseItem("2026-02-23T10:00:05Z", "hello"));

        Session s = only();

        assertThat(s.id().value()).isEqualTo("codex_" + ID);
        assertThat(s.tokens().known()).isFalse();
        assertThat(s.startedAt()).isEqualTo(Instant.parse("2026-02-23T10:00:05Z"));
    }

    @Test
    void codexHome_envVariableIsHonoured_andAbsentHomeMakesTheProviderUnavailable() throws IOException {
        Path elsewhere = home.resolve("elsewhere");
        Samples.layOut(elsewhere);
        var context = new dev.llmsession.spi.ProviderContext(home, java.util.Map.of("CODEX_HOME", elsewhere.toString()),
                java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC), java.util.Map.of());
        CodexDiscoveryProvider provider = new CodexDiscoveryProvider();

        assertThat(provider.unavailableReason(context)).isEmpty();
        assertThat(provider.create(context).discover(CodexSamplesTest.request(ProcessTable.empty(NOW), NOW)))
                .hasSize(3);
        assertThat(provider.unavailableReason(CodexSamplesTest.context(home.resolve("nobody"), NOW)))
                .hasValueSatisfying(r -> assertThat(r).startsWith("no Codex sessions directory"));
    }
}
