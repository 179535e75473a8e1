package dev.llmsession.adapterkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.api.ModelRates;
import dev.llmsession.model.Cost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    final PriceTable table = new PriceTable("2026-12-01", Map.of("gpt-5", new ModelRates(1.25, 10, 0, 0.125),
            "gpt-5-mini", new ModelRates(0.25, 2, 0, 0.025)));

    @Test
    void findsExactLongestPrefixAndProviderQualifiedIds() {
        assertThat(table.ratesFor("gpt-5-mini-2026-01-01").orElseThrow().input()).isEqualTo(0.25);
        assertThat(table.ratesFor("openai/GPT-5").orElseThrow().input()).isEqualTo(1.25);
        assertThat(table.ratesFor("gpt-50")).isEmpty();
        assertThat(table.ratesFor("")).isEmpty();
    }

    @Test
    void aCallOfAnUnpricedModel_makesTheCostUnknown_neverZero() {
        Call priced = new Call("a", 0, "gpt-5", 1_000_000, 100_000, 0, 2_000_000);
        assertThat(table.cost(priced)).isEqualTo(1.25 + 1.0 + 0.25);
        Cost cost = table.cost(List.of(priced, new Call("b", 0, "mystery-1", 10, 10, 0, 0)));
        assertThat(cost.usd()).isEmpty();
        assertThat(cost.unpricedModels()).containsExactly("mystery-1");
        assertThat(cost.priceTableDate()).isEqualTo("2026-12-01");
        assertThat(Double.isNaN(new Call("c", 0, "", 1, 1, 0, 0).row("s", table).costUsd())).isTrue();
    }

    private static PriceTable.Rates flat(double input) {
        return new PriceTable.Rates(input, 0, 0, 0, 0);
    }

    @Test
    void periodsBandAndFastMode_pickTheRatesOfTheCall() {
        PriceTable t = PriceTable.of("2026-12-01", Map.of("m", new PriceTable.Model(flat(1),
                List.of(new PriceTable.Period(java.time.LocalDate.parse("2026-10-07"), flat(2))),
                java.util.Optional.of(new PriceTable.LongPrompt(2_000_000, flat(5))), 3)));
        java.time.Instant before = java.time.Instant.parse("2026-10-06T23:59:59Z");
        java.time.Instant after = java.time.Instant.parse("2026-10-07T00:00:00Z");

        assertThat(t.cost(new PriceTable.Usage("m", before, 1_000_000, 0, 0, 0, 0, false))).hasValue(1);
        assertThat(t.cost(new PriceTable.Usage("m", after, 1_000_000, 0, 0, 0, 0, false))).hasValue(2);
        assertThat(t.cost(new PriceTable.Usage("m", null, 1_000_000, 0, 0, 0, 0, false))).as("no time: base").hasValue(1);
        assertThat(t.cost(new PriceTable.Usage("m", after, 1_000_000, 0, 0, 0, 1_000_000, false))).hasValue(2);
        assertThat(t.cost(new PriceTable.Usage("m", after, 1_000_000, 0, 0, 0, 1_000_001, false)))
                .as("a prompt above the band's bound").hasValue(5);
        assertThat(t.cost(new PriceTable.Usage("m", after, 1_000_000, 0, 0, 0, 0, true))).hasValue(6);
    }

    @Test
    void exactTable_noPrefixMatch_normaliserDecides() {
        PriceTable t = PriceTable.exact("2026-12-01", Map.of("claude-opus-4", PriceTable.Model.of(flat(15))),
                id -> id.toLowerCase(java.util.Locale.ROOT).replace("[1m]", ""));

        assertThat(t.knows("Claude-Opus-4[1m]")).isTrue();
        assertThat(t.knows("claude-opus-4-9")).as("another version is not this one's price").isFalse();
        assertThat(t.fingerprint()).isNotEqualTo(PriceTable.exact("2026-12-01",
                Map.of("claude-opus-4", PriceTable.Model.of(flat(16))), id -> id).fingerprint());
    }

    @Test
    void read_theJsonForm_ratesMissingFromAPeriodAreTheModels() throws java.io.IOException {
        String json = "{\"asOf\":\"2026-11-25\",\"models\":[{\"family\":\"a\",\"input\":4,\"output\":20,"
                + "\"cacheWrite5m\":5,\"cacheWrite1h\":8,\"cacheRead\":0.4,"
                + "\"periods\":[{\"effectiveFrom\":\"2026-10-07\",\"cacheRead\":0.1}]}]}";
        PriceTable t = PriceTable.read(new java.io.ByteArrayInputStream(json.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), id -> id);

        assertThat(t.date()).isEqualTo("2026-11-25");
        assertThat(t.cost(new PriceTable.Usage("a", java.time.Instant.parse("2026-11-01T00:00:00Z"), 1_000_000,
                1_000_000, 1_000_000, 1_000_000, 1_000_000, false))).hasValue(4 + 20 + 5 + 8 + 0.1);
    }
}
