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
}
