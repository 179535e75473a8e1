package dev.llmsession.discovery.claudecode.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmsession.discovery.claudecode.transcript.UsageRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class PriceTableTest {

    private final PriceTable table = PriceTable.embedded();

    private static UsageRecord call(String model, long in, long out, long w5, long w1, long flat, long read, boolean fast,
            String ts) {
        return new UsageRecord("m", "r", model, in, out, w5, w1, flat, read, fast, Instant.parse(ts), false);
    }

    @Test
    void normalise_cloudAndDatedIds_giveFamily() {
        assertThat(ModelIds.normalise("us.anthropic.claude-opus-4-6-v1:0")).isEqualTo("claude-opus-4-6");
        assertThat(ModelIds.normalise("anthropic.claude-sonnet-4-5-20250929-v1:0")).isEqualTo("claude-sonnet-4-5");
        assertThat(ModelIds.normalise("claude-opus-4-1@20250805")).isEqualTo("claude-opus-4-1");
        assertThat(ModelIds.normalise("claude-opus-4-6[1m]")).isEqualTo("claude-opus-4-6");
        assertThat(ModelIds.normalise("claude-haiku-4-5-20251001")).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void price_oneHourWrite_atOneHourRate() {
        UsageRecord c = call("claude-opus-4-6", 3, 13, 0, 13_835, 13_835, 11_515, false, "2026-02-10T21:12:00Z");

        assertThat(table.price(c).getAsDouble()).isCloseTo(0.1444, within(0.0001));
    }

    @Test
    void price_flatOnlyWrite_atFiveMinuteRate() {
        UsageRecord c = call("claude-opus-4-6", 0, 0, 0, 0, 1_000_000, 0, false, "2026-02-10T21:12:00Z");

        assertThat(table.price(c).getAsDouble()).isCloseTo(6.25, within(1e-9));
    }

    @Test
    void price_fastMode_multiplied() {
        assertThat(table.price(call("claude-opus-4-6", 1_000_000, 0, 0, 0, 0, 0, true, "2026-02-10T00:00:00Z"))
                .getAsDouble()).isCloseTo(30, within(1e-9));
        assertThat(table.price(call("claude-opus-4-8", 1_000_000, 0, 0, 0, 0, 0, true, "2026-02-10T00:00:00Z"))
                .getAsDouble()).isCloseTo(10, within(1e-9));
        assertThat(table.price(call("claude-opus-5", 0, 1_000_000, 0, 0, 0, 0, true, "2026-02-10T00:00:00Z"))
                .getAsDouble()).isCloseTo(50, within(1e-9));
    }

    @Test
    void price_haiku55LongPrompt_usesUpperBand() {
        UsageRecord small = call("claude-haiku-5-5", 100_000, 0, 0, 0, 0, 0, false, "2026-11-01T00:00:00Z");
        UsageRecord large = call("claude-haiku-5-5", 100_001, 0, 0, 0, 0, 0, false, "2026-11-01T00:00:00Z");

        assertThat(table.price(small).getAsDouble()).isCloseTo(0.01, within(1e-9));
        assertThat(table.price(large).getAsDouble()).isCloseTo(0.0500005, within(1e-9));
    }

    @Test
    void price_sonnet55CacheRead_changesOnEffectiveDate() {
        assertThat(table.price(call("claude-sonnet-5-5", 0, 0, 0, 0, 0, 1_000_000, false, "2026-10-06T23:00:00Z"))
                .getAsDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(table.price(call("claude-sonnet-5-5", 0, 0, 0, 0, 0, 1_000_000, false, "2026-10-07T01:00:00Z"))
                .getAsDouble()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void price_unknownModel_empty() {
        assertThat(table.price(call("claude-opus-9", 1, 1, 0, 0, 0, 0, false, "2026-10-07T01:00:00Z"))).isEmpty();
        assertThat(table.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void kind_windowClasses_followTable() {
        assertThat(ContextWindows.kind("claude-opus-4-7")).isEqualTo(ContextWindows.Kind.ONE_MILLION);
        assertThat(ContextWindows.kind("claude-fable-5-1")).isEqualTo(ContextWindows.Kind.ONE_MILLION);
        assertThat(ContextWindows.kind("claude-haiku-4-5-20251001")).isEqualTo(ContextWindows.Kind.FIXED_200K);
        assertThat(ContextWindows.kind("claude-3-5-haiku-20241022")).isEqualTo(ContextWindows.Kind.FIXED_200K);
        assertThat(ContextWindows.kind("claude-opus-4-6")).isEqualTo(ContextWindows.Kind.EITHER);
        assertThat(ContextWindows.kind("claude-sonnet-4-5-20250929")).isEqualTo(ContextWindows.Kind.EITHER);
        assertThat(ContextWindows.kind("mystery")).isEqualTo(ContextWindows.Kind.UNKNOWN);
        assertThat(ContextWindows.autoCompactAt(ContextWindows.WINDOW_1M)).isEqualTo(967_000);
    }
}
