package dev.llmsession.discovery.claudecode.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.PlanLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status-line payloads of every documented shape (claude-code-2.1.332-observed.md, claude-format.md §1.7). */
class StatusLineFeedTest {
    private static final String SID = "d61b3fdb-9b8d-4d05-b28e-2046373c1b8a";

    @TempDir
    Path dir;

    private Optional<StatusPayload> payload(String json) throws IOException {
        Files.writeString(dir.resolve(SID + ".json"), json);
        return new StatusLineFeed(dir).latest(SID);
    }

    @Test
    void beforeFirstCall_currentUsageNull_windowKnownContextUnknown() throws IOException {
        StatusPayload p = payload("{\"session_id\":\"" + SID + "\",\"model\":{\"id\":\"claude-opus-5-5\"},"
                + "\"context_window\":{\"context_window_size\":1000000,\"current_usage\":null,"
                + "\"used_percentage\":null}}").orElseThrow();

        assertThat(p.window()).hasValue(1_000_000);
        assertThat(p.context()).isEmpty();
        assertThat(p.modelId()).contains("claude-opus-5-5");
        assertThat(p.limits()).isEmpty();
    }

    @Test
    void afterReply_apiKeyLogin_noRateLimits() throws IOException {
        StatusPayload p = payload("{\"session_id\":\"" + SID + "\",\"context_window\":{\"total_input_tokens\":2904,"
                + "\"context_window_size\":1000000,\"current_usage\":{\"input_tokens\":4,\"output_tokens\":6,"
                + "\"cache_creation_input_tokens\":900,\"cache_read_input_tokens\":2000},\"used_percentage\":0},"
                + "\"prompt_cache\":{\"warm\":true}}").orElseThrow();

        assertThat(p.context()).hasValue(2904);
        assertThat(p.limits()).isEmpty();
    }

    @Test
    void afterCompact_allZeroObject_contextZero() throws IOException {
        StatusPayload p = payload("{\"session_id\":\"" + SID + "\",\"context_window\":{\"context_window_size\":200000,"
                + "\"current_usage\":{\"input_tokens\":0,\"output_tokens\":0,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0}}}").orElseThrow();

        assertThat(p.window()).hasValue(200_000);
        assertThat(p.context()).hasValue(0);
    }

    @Test
    void subscriber_rateLimits_parsedAsOfficialLimits() throws IOException {
        payload("{\"session_id\":\"" + SID + "\",\"context_window\":{\"context_window_size\":1000000},"
                + "\"rate_limits\":{\"five_hour\":{\"used_percentage\":42.5,\"resets_at\":1796580000},"
                + "\"seven_day\":{\"used_percentage\":18,\"resets_at\":1797000000}}}");

        PlanLimits l = new StatusLineFeed(dir).newestLimits().orElseThrow();

        assertThat(l.fiveHour().orElseThrow().usedPercent()).isEqualTo(42.5);
        assertThat(l.fiveHour().orElseThrow().resetsAt()).contains(Instant.ofEpochSecond(1796580000));
        assertThat(l.sevenDay().orElseThrow().usedPercent()).isEqualTo(18);
    }

    @Test
    void invalidFigures_becomeUnknown_neverZero() throws IOException {
        StatusPayload p = payload("{\"session_id\":\"" + SID + "\",\"context_window\":{\"context_window_size\":-5,"
                + "\"current_usage\":{\"input_tokens\":\"x\",\"cache_creation_input_tokens\":1,"
                + "\"cache_read_input_tokens\":1}},\"rate_limits\":{\"five_hour\":{\"used_percentage\":250}}}")
                .orElseThrow();

        assertThat(p.window()).isEmpty();
        assertThat(p.context()).isEmpty();
        assertThat(p.limits()).isEmpty();
    }

    @Test
    void notAPayload_orHostileName_isIgnored() throws IOException {
        assertThat(payload("[1,2]")).isEmpty();
        assertThat(payload("{\"no\":1")).isEmpty();
        assertThat(new StatusLineFeed(dir).latest("../etc/passwd")).isEmpty();
        assertThat(new StatusLineFeed(null).latest(SID)).isEmpty();
    }

    @Test
    void fiveHourLimitAt_projectsTheAverageRate() {
        Instant reset = Instant.parse("2026-12-06T15:00:00Z");
        Instant seen = Instant.parse("2026-12-06T12:00:00Z"); // 2 h into the window
        PlanLimits fast = new PlanLimits(Optional.of(new PlanLimits.Window(80, Optional.of(reset))),
                Optional.empty(), seen, "test");
        PlanLimits slow = new PlanLimits(Optional.of(new PlanLimits.Window(20, Optional.of(reset))),
                Optional.empty(), seen, "test");

        // 80% in 2 h: the last 20% takes 30 min
        assertThat(fast.fiveHourLimitAt()).contains(Instant.parse("2026-12-06T12:30:00Z"));
        // 20% in 2 h: 100% would take 10 h, after the reset
        assertThat(slow.fiveHourLimitAt()).isEmpty();
        assertThat(fast.current(reset.plusSeconds(1)).empty()).isTrue();
    }

    @Test
    void snapshot_answersFromOneListing_andANewPayloadFromTheNextOne() throws IOException {
        String other = "0f1e2d3c-0000-4000-8000-000000000001";
        String json = "{\"session_id\":\"%s\",\"context_window\":{\"context_window_size\":1000000}}";
        Files.writeString(dir.resolve(SID + ".json"), json.formatted(SID));
        StatusLineFeed feed = new StatusLineFeed(dir);

        StatusLineFeed.Snapshot first = feed.snapshot();
        Files.writeString(dir.resolve(other + ".json"), json.formatted(other));

        assertThat(first.latest(SID)).map(StatusPayload::window).contains(java.util.OptionalLong.of(1_000_000));
        assertThat(first.latest(other)).as("written after the listing").isEmpty();
        assertThat(feed.snapshot().latest(other)).isPresent();
        assertThat(feed.snapshot().latest("../" + SID)).isEmpty();
        assertThat(new StatusLineFeed(dir.resolve("missing")).snapshot().latest(SID)).isEmpty();
        assertThat(new StatusLineFeed(null).snapshot().latest(SID)).isEmpty();
    }
}
